import { Alert, Badge, Button, Code, CopyButton, Group } from '@mantine/core';
import { notify } from '../../ui/notify';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { identityApi, type ApiToken } from '../../api/identity';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
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
  const revoke = useMutation({
    mutationFn: (id: number) => identityApi.revokeToken(id),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['admin', 'tokens'] }),
    onError: (error) => notify({ color: 'red', message: errorMessage(error) }),
  });
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
                <Button size="xs" variant="subtle" color="red" onClick={() => revoke.mutate(token.id)}>
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
