import { Badge, Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notify } from '../../../ui/notify';
import { IconMail, IconPlus, IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { builtInRoleKeys } from '../../../../../shared/permissions';
import { errorMessage } from '../../../api/api-error';
import { identityApi, isActiveUser, roleKeyOf, type UserSummary } from '../../../api/identity';
import { t } from '../../../i18n/translate';
import { ResourcePage } from '../../../ui/ResourcePage';
import { CreateUserModal } from './CreateUserModal';

export function UsersPage() {
  const [filter, setFilter] = useState('');
  const [q] = useDebouncedValue(filter.trim(), 250);
  const users = useQuery({ queryKey: ['admin', 'users', q], queryFn: () => identityApi.users(q ? { q } : {}) });
  const roles = useQuery({ queryKey: ['admin', 'roles'], queryFn: identityApi.roles, retry: false });
  const [creating, create] = useDisclosure(false);
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: ({ id, body }: { id: number; body: Record<string, unknown> }) => identityApi.updateUser(id, body),
    onSuccess: () => {
      notify({ color: 'teal', message: t('common.saved') });
      void client.invalidateQueries({ queryKey: ['admin', 'users'] });
    },
    onError: (error) => notify({ color: 'red', message: errorMessage(error) }),
  });
  const invite = useMutation({
    mutationFn: (user: UserSummary) => identityApi.inviteUser(user.id),
    onSuccess: (sent) => notify({ color: 'teal', message: t('admin.users.invited', { email: sent.sentTo }) }),
    onError: (error) => notify({ color: 'red', message: errorMessage(error) }),
  });
  const roleOptions = (roles.data?.map((role) => ({ value: role.key, label: role.name })) ?? builtInRoleKeys.map((key) => ({ value: key, label: key }))).filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i);

  return (
    <>
      <ResourcePage<UserSummary>
        title={t('admin.users')}
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
            {t('admin.users.new')}
          </Button>
        }
        query={users}
        rowKey={(user) => user.id}
        emptyTitle={t('admin.users.empty')}
        columns={[
          { key: 'name', label: t('common.name'), render: (user) => user.name },
          { key: 'email', label: t('common.email'), render: (user) => user.email ?? '—' },
          {
            key: 'role',
            label: t('admin.users.role'),
            render: (user) => (
              <Select size="xs" w={160} aria-label={`${t('admin.users.role')}: ${user.name}`} data={roleOptions} value={roleKeyOf(user)} allowDeselect={false} onChange={(role) => role && change.mutate({ id: user.id, body: { role } })} />
            ),
          },
          {
            key: 'state',
            label: t('common.active'),
            render: (user) =>
              isActiveUser(user) ? (
                <Badge color="teal" variant="light">
                  {t('common.active')}
                </Badge>
              ) : (
                <Badge color="gray">{t('common.inactive')}</Badge>
              ),
          },
          {
            key: 'actions',
            label: t('common.actions'),
            render: (user) => (
              <Group gap={4}>
                {isActiveUser(user) && !user.isServiceAccount && (
                  <Button
                    size="xs"
                    variant="subtle"
                    leftSection={<IconMail size={14} aria-hidden />}
                    aria-label={t('admin.users.inviteLabel', { name: user.name })}
                    loading={invite.isPending && invite.variables?.id === user.id}
                    onClick={() => invite.mutate(user)}
                  >
                    {t('admin.users.invite')}
                  </Button>
                )}
                <Button size="xs" variant="subtle" color={isActiveUser(user) ? 'red' : 'teal'} onClick={() => change.mutate({ id: user.id, body: { isActive: !isActiveUser(user) } })}>
                  {isActiveUser(user) ? t('admin.users.deactivate') : t('admin.users.reactivate')}
                </Button>
              </Group>
            ),
          },
        ]}
      >
        <TextInput leftSection={<IconSearch size={16} />} placeholder={t('admin.users.filter')} aria-label={t('admin.users.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} maw={360} />
      </ResourcePage>
      <CreateUserModal opened={creating} onClose={create.close} roleOptions={roleOptions} />
    </>
  );
}
