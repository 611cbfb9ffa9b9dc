import { Badge, Button, Group, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { permissions } from '../../../../shared/permissions';
import { identityApi, type Role } from '../../api/identity';
import { t } from '../../i18n/translate';
import { FormModal } from '../../ui/FormModal';
import { ResourcePage } from '../../ui/ResourcePage';
import { useAdminForm } from './use-admin-form';

export function RolesPage() {
  const roles = useQuery({ queryKey: ['admin', 'roles'], queryFn: identityApi.roles });
  const form = useAdminForm(['admin', 'roles'], (v) => identityApi.createRole({ key: String(v.key).trim(), name: String(v.name).trim(), permissions: v.permissions as string[] }));
  return (
    <>
      <ResourcePage<Role>
        title={t('admin.roles')}
        action={<Button leftSection={<IconPlus size={16} />} onClick={form.open}>{t('admin.roles.new')}</Button>}
        query={roles}
        rowKey={(r) => r.key}
        emptyTitle={t('admin.roles.empty')}
        columns={[
          {
            key: 'name',
            label: t('common.name'),
            render: (r) => (
              <Group gap={6}>
                <Text size="sm" fw={600}>{r.name}</Text>
                {(r.builtIn ?? r.isBuiltIn) && <Badge size="xs" variant="outline" color="gray">{t('admin.roles.builtIn')}</Badge>}
              </Group>
            ),
          },
          { key: 'permissions', label: t('admin.roles.permissions'), render: (r) => <Text size="xs" c="dimmed">{r.permissions.join(', ')}</Text> },
        ]}
      />
      <FormModal
        {...form}
        title={t('admin.roles.new')}
        fields={[
          { name: 'name', label: t('common.name'), kind: 'text', required: true },
          { name: 'key', label: t('admin.roles.key'), kind: 'text', required: true, description: t('admin.roles.keyHint') },
          { name: 'permissions', label: t('admin.roles.permissions'), kind: 'multiselect', options: permissions.map((p) => ({ value: p, label: p })) },
        ]}
      />
    </>
  );
}
