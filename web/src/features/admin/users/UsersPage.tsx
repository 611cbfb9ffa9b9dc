import { Badge, Button, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notify } from '../../../ui/notify';
import { IconMail, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { builtInRoleKeys } from '../../../../../shared/permissions';
import { errorMessage } from '../../../api/api-error';
import { identityApi, isActiveUser, roleKeyOf, type UserSummary } from '../../../api/identity';
import { t } from '../../../i18n/translate';
import { ResourcePage } from '../../../ui/ResourcePage';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { CreateUserModal } from './CreateUserModal';

export function UsersPage() {
  const [filter, setFilter] = useState('');
  const [q] = useDebouncedValue(filter.trim(), 250);
  const [role, setRole] = useState<string | null>(null);
  // Deactivating signs the person out at once and stops their sign-in, so it is asked first.
  const [deactivating, setDeactivating] = useState<UserSummary | null>(null);
  // A hundred people a page, by name; "Show more" asks for the next.
  const pages = useInfiniteQuery({
    queryKey: ['admin', 'users', q, role ?? ''],
    queryFn: ({ pageParam }) => identityApi.usersPage({ ...(q ? { q } : {}), ...(role ? { role } : {}) }, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const users = { ...pages, data: pages.data?.pages.flatMap((page) => page.items) };
  const roles = useQuery({ queryKey: ['admin', 'roles'], queryFn: identityApi.roles, retry: false });
  const [creating, create] = useDisclosure(false);
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: ({ id, body }: { id: number; body: Record<string, unknown> }) => identityApi.updateUser(id, body),
    onSuccess: () => {
      notify({ color: 'teal', message: t('common.saved') });
      void client.invalidateQueries({ queryKey: ['admin', 'users'] });
      void client.invalidateQueries({ queryKey: ['admin', 'staff'] });
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
        emptyTitle={q || role ? t('admin.users.noneFound') : t('admin.users.empty')}
        footer={
          pages.hasNextPage && (
            <Group justify="center">
              <Button variant="default" loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                {t('admin.users.showMore')}
              </Button>
            </Group>
          )
        }
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
                <Button size="xs" variant="subtle" color={isActiveUser(user) ? 'red' : 'teal'} onClick={() => (isActiveUser(user) ? setDeactivating(user) : change.mutate({ id: user.id, body: { isActive: true } }))}>
                  {isActiveUser(user) ? t('admin.users.deactivate') : t('admin.users.reactivate')}
                </Button>
              </Group>
            ),
          },
        ]}
      >
        <Group gap="sm" align="flex-end">
          <TextInput leftSection={<IconSearch size={16} />} placeholder={t('admin.users.filter')} aria-label={t('admin.users.filter')} value={filter} onChange={(e) => setFilter(e.currentTarget.value)} maw={360} style={{ flex: 1 }} />
          <Select aria-label={t('admin.users.roleFilter')} placeholder={t('admin.users.allRoles')} data={roleOptions} value={role} onChange={setRole} clearable w={200} />
        </Group>
      </ResourcePage>
      <ConfirmModal
        question={deactivating && { title: t('admin.users.deactivateTitle', { name: deactivating.name }), body: t('admin.users.deactivateBody') }}
        confirmLabel={t('admin.users.deactivate')}
        onClose={() => setDeactivating(null)}
        onConfirm={async () => {
          if (deactivating) await change.mutateAsync({ id: deactivating.id, body: { isActive: false } });
        }}
      />
      <CreateUserModal opened={creating} onClose={create.close} roleOptions={roleOptions} />
    </>
  );
}
