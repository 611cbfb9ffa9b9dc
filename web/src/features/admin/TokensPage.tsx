import { Alert, Badge, Button, Code, CopyButton, Group } from '@mantine/core';
import { notify } from '../../ui/notify';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { identityApi, type ApiToken } from '../../api/identity';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { FormModal } from '../../ui/FormModal';
import { ResourcePage } from '../../ui/ResourcePage';
import { useAdminForm } from './use-admin-form';

export function TokensPage() {
  const tokens = useQuery({ queryKey: ['admin', 'tokens'], queryFn: identityApi.tokens });
  const [secret, setSecret] = useState<string | null>(null);
  const form = useAdminForm(['admin', 'tokens'], async (v) => {
    const created = await identityApi.createToken({ name: String(v.name).trim(), scope: String(v.scope ?? 'write') });
    setSecret(created.secret);
  });
  const client = useQueryClient();
  // Revoking cannot be undone: whatever uses the token stops working at once, so it is asked first.
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const revoke = async () => {
    if (!revoking) return;
    await identityApi.revokeToken(revoking.id);
    // The secret shown once belongs to a token that no longer works.
    setSecret(null);
    notify({ color: 'teal', message: t('admin.tokens.revokedNotice', { name: revoking.name }) });
    await client.invalidateQueries({ queryKey: ['admin', 'tokens'] });
  };
  return (
    <>
      <ResourcePage<ApiToken>
        title={t('admin.tokens')}
        action={<Button leftSection={<IconPlus size={16} />} onClick={form.open}>{t('admin.tokens.new')}</Button>}
        query={tokens}
        rowKey={(token) => token.id}
        emptyTitle={t('admin.tokens.empty')}
        columns={[
          { key: 'name', label: t('common.name'), render: (token) => token.name },
          { key: 'scope', label: t('admin.tokens.scope'), render: (token) => <Badge variant="light">{token.scope ?? token.scopes?.join(', ') ?? '—'}</Badge> },
          { key: 'expires', label: t('admin.tokens.expires'), render: (token) => (token.expiresAt ? formatDateTime(token.expiresAt) : '—') },
          { key: 'used', label: t('admin.tokens.lastUsed'), render: (token) => (token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('admin.tokens.never')) },
          {
            key: 'actions',
            label: t('common.actions'),
            render: (token) =>
              token.revokedAt ? (
                <Badge color="gray">{t('admin.tokens.revoked')}</Badge>
              ) : (
                <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(token)}>
                  {t('admin.tokens.revoke')}
                </Button>
              ),
          },
        ]}
      >
        {secret && (
          <Alert color="teal" variant="light" withCloseButton onClose={() => setSecret(null)} title={t('admin.tokens.shownOnce')}>
            <Group gap="sm" wrap="nowrap">
              <Code style={{ overflowWrap: 'anywhere' }}>{secret}</Code>
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="default" onClick={copy}>
                    {copied ? t('admin.tokens.copied') : t('admin.tokens.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Alert>
        )}
      </ResourcePage>
      <ConfirmModal
        question={revoking && { title: t('admin.tokens.revokeTitle', { name: revoking.name }), body: t('admin.tokens.revokeBody') }}
        confirmLabel={t('admin.tokens.revoke')}
        onClose={() => setRevoking(null)}
        onConfirm={revoke}
      />
      <FormModal
        {...form}
        title={t('admin.tokens.new')}
        fields={[
          { name: 'name', label: t('common.name'), kind: 'text', required: true },
          { name: 'scope', label: t('admin.tokens.scope'), kind: 'select', required: true, initial: 'write', options: ['read', 'write', 'admin'].map((s) => ({ value: s, label: s })) },
        ]}
      />
    </>
  );
}
