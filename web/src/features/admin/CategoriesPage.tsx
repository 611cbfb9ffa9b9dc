import { Badge, Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ticketKeys, ticketsApi, type Category } from '../../api/tickets';
import { t } from '../../i18n/translate';
import { FormModal } from '../../ui/FormModal';
import { ResourcePage } from '../../ui/ResourcePage';
import { useAdminForm } from './use-admin-form';

export function CategoriesPage() {
  const categories = useQuery({ queryKey: ticketKeys.categories, queryFn: ticketsApi.categories });
  const byId = new Map((categories.data ?? []).map((c) => [c.id, c]));
  const form = useAdminForm(ticketKeys.categories, (v) =>
    api.post('/api/v1/categories', { name: String(v.name).trim(), description: String(v.description ?? ''), ...(v.parentId ? { parentId: Number(v.parentId) } : {}) }),
  );
  return (
    <>
      <ResourcePage<Category>
        title={t('admin.categories')}
        action={<Button leftSection={<IconPlus size={16} />} onClick={form.open}>{t('admin.categories.new')}</Button>}
        query={categories}
        rowKey={(c) => c.id}
        emptyTitle={t('admin.categories.empty')}
        columns={[
          { key: 'name', label: t('common.name'), render: (c) => (c.parentId ? `${byId.get(c.parentId)?.name ?? '…'} › ${c.name}` : c.name) },
          { key: 'description', label: t('common.description'), render: (c) => c.description || '—' },
          { key: 'active', label: t('common.active'), render: (c) => (c.isActive ? <Badge color="teal">{t('common.active')}</Badge> : <Badge color="gray">{t('common.inactive')}</Badge>) },
        ]}
      />
      <FormModal
        {...form}
        title={t('admin.categories.new')}
        fields={[
          { name: 'name', label: t('common.name'), kind: 'text', required: true },
          { name: 'parentId', label: t('admin.categories.parent'), kind: 'select', options: (categories.data ?? []).map((c) => ({ value: String(c.id), label: c.name })) },
          { name: 'description', label: t('common.description'), kind: 'textarea' },
        ]}
      />
    </>
  );
}
