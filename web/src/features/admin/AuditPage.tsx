import { Code } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { identityApi, type AuditEvent } from '../../api/identity';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { ResourcePage } from '../../ui/ResourcePage';

export function AuditPage() {
  const events = useQuery({ queryKey: ['admin', 'audit'], queryFn: identityApi.auditEvents });
  return (
    <ResourcePage<AuditEvent>
      title={t('admin.audit')}
      query={events}
      rowKey={(e) => e.id}
      emptyTitle={t('admin.audit.empty')}
      columns={[
        { key: 'when', label: t('admin.audit.when'), render: (e) => formatDateTime(e.createdAt ?? e.occurredAt) },
        { key: 'actor', label: t('admin.audit.actor'), render: (e) => e.actor?.name ?? (e.actorId ? `#${e.actorId}` : t('ticket.system')) },
        { key: 'action', label: t('admin.audit.action'), render: (e) => <Code>{e.action}</Code> },
        { key: 'target', label: t('admin.audit.target'), render: (e) => [e.targetType ?? e.entityType, e.targetId ?? e.entityId].filter((x) => x !== undefined && x !== null).join(' #') || '—' },
      ]}
    />
  );
}
