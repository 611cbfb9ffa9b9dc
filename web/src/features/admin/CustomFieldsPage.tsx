import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { customFieldTypes } from '../tickets/ticket-constants';
import { ticketStatuses } from '../../../../shared/ticket-status';
import { api } from '../../api/client';
import { ticketKeys, ticketsApi, type CustomField } from '../../api/tickets';
import { t } from '../../i18n/translate';
import { FormModal } from '../../ui/FormModal';
import { ResourcePage } from '../../ui/ResourcePage';
import { useAdminForm } from './use-admin-form';

export function CustomFieldsPage() {
  const fields = useQuery({ queryKey: ticketKeys.customFields, queryFn: ticketsApi.customFields });
  const form = useAdminForm(ticketKeys.customFields, (v) =>
    api.post('/api/v1/custom-fields', {
      key: String(v.key).trim(),
      label: String(v.label).trim(),
      fieldType: v.fieldType ?? 'text',
      options: String(v.options ?? '').split(',').map((o) => o.trim()).filter(Boolean),
      requiredFromStatus: v.requiredFromStatus || null,
    }),
  );
  return (
    <>
      <ResourcePage<CustomField>
        title={t('admin.customFields')}
        action={<Button leftSection={<IconPlus size={16} />} onClick={form.open}>{t('admin.customFields.new')}</Button>}
        query={fields}
        rowKey={(f) => f.id}
        emptyTitle={t('admin.customFields.empty')}
        columns={[
          { key: 'label', label: t('admin.customFields.label'), render: (f) => f.label },
          { key: 'key', label: t('admin.customFields.key'), render: (f) => <code>{f.key}</code> },
          { key: 'type', label: t('admin.customFields.type'), render: (f) => f.fieldType },
          { key: 'required', label: t('admin.customFields.requiredFrom'), render: (f) => (f.requiredFromStatus ? t(`status.${f.requiredFromStatus}`) : '—') },
        ]}
      />
      <FormModal
        {...form}
        title={t('admin.customFields.new')}
        fields={[
          { name: 'label', label: t('admin.customFields.label'), kind: 'text', required: true },
          { name: 'key', label: t('admin.customFields.key'), kind: 'text', required: true },
          { name: 'fieldType', label: t('admin.customFields.type'), kind: 'select', required: true, initial: 'text', options: customFieldTypes.map((v) => ({ value: v, label: v })) },
          { name: 'options', label: t('admin.customFields.options'), kind: 'text' },
          { name: 'requiredFromStatus', label: t('admin.customFields.requiredFrom'), kind: 'select', options: ticketStatuses.map((s) => ({ value: s, label: t(`status.${s}`) })) },
        ]}
      />
    </>
  );
}
