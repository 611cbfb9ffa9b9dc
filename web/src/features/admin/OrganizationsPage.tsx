import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { identityApi, type Organization } from '../../api/identity';
import { t } from '../../i18n/translate';
import { FormModal } from '../../ui/FormModal';
import { ResourcePage } from '../../ui/ResourcePage';
import { useAdminForm } from './use-admin-form';

const list = (text: unknown) => String(text ?? '').split(',').map((d) => d.trim()).filter(Boolean);

export function OrganizationsPage() {
  const organizations = useQuery({ queryKey: ['admin', 'organizations'], queryFn: identityApi.organizations });
  const form = useAdminForm(['admin', 'organizations'], (v) => identityApi.createOrganization({ name: String(v.name).trim(), domains: list(v.domains), membersSeeEachOther: Boolean(v.shares) }));
  return (
    <>
      <ResourcePage<Organization>
        title={t('admin.organizations')}
        action={<Button leftSection={<IconPlus size={16} />} onClick={form.open}>{t('admin.organizations.new')}</Button>}
        query={organizations}
        rowKey={(o) => o.id}
        emptyTitle={t('admin.organizations.empty')}
        columns={[
          { key: 'name', label: t('common.name'), render: (o) => o.name },
          { key: 'domains', label: t('admin.organizations.domains'), render: (o) => (o.domains ?? o.emailDomains ?? []).join(', ') || '—' },
          { key: 'shares', label: t('admin.organizations.shares'), render: (o) => ((o.membersSeeEachOther ?? o.sharesTickets) ? t('common.yes') : t('common.no')) },
        ]}
      />
      <FormModal
        {...form}
        title={t('admin.organizations.new')}
        fields={[
          { name: 'name', label: t('common.name'), kind: 'text', required: true },
          { name: 'domains', label: t('admin.organizations.domains'), kind: 'text', description: t('admin.organizations.domainsHint') },
          { name: 'shares', label: t('admin.organizations.shares'), kind: 'checkbox' },
        ]}
      />
    </>
  );
}
