import { Code } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { identityApi, type AuditEvent } from '../../api/identity';
import { formatDateTime } from '../../i18n/format';
import { isMessageKey, t } from '../../i18n/translate';
import { ResourcePage } from '../../ui/ResourcePage';

/** "SLA policy: Standard", "Person: Lee Park"; the id when the entry names nothing. */
function describeTarget(event: AuditEvent): string {
  const key = `admin.audit.entity.${event.entityType}`;
  const kind = isMessageKey(key) ? t(key) : event.entityType;
  if (event.entityName) return `${kind}: ${event.entityName}`;
  return event.entityId ? `${kind} #${event.entityId}` : kind;
}

export function AuditPage() {
  const events = useQuery({ queryKey: ['admin', 'audit'], queryFn: identityApi.auditEvents });
  return (
    <ResourcePage<AuditEvent>
      title={t('admin.audit')}
      query={events}
      rowKey={(e) => e.id}
      emptyTitle={t('admin.audit.empty')}
      columns={[
        { key: 'when', label: t('admin.audit.when'), render: (e) => formatDateTime(e.createdAt) },
        { key: 'actor', label: t('admin.audit.actor'), render: (e) => e.actorName ?? (e.actorId ? `#${e.actorId}` : t('ticket.system')) },
        { key: 'action', label: t('admin.audit.action'), render: (e) => <Code>{e.action}</Code> },
        { key: 'target', label: t('admin.audit.target'), render: describeTarget },
      ]}
    />
  );
}
