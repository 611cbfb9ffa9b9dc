import { Badge, Button, Group } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { identityApi, type Team } from '../../api/identity';
import { t } from '../../i18n/translate';
import { FormModal } from '../../ui/FormModal';
import { ResourcePage } from '../../ui/ResourcePage';
import { TeamMembersDrawer } from './TeamMembersDrawer';
import { useAdminForm } from './use-admin-form';

export function TeamsPage() {
  const teams = useQuery({ queryKey: ['admin', 'teams'], queryFn: identityApi.teams });
  const form = useAdminForm(['admin', 'teams'], (v) => identityApi.createTeam({ name: String(v.name).trim(), tier: Number(v.tier) || 1, description: String(v.description ?? '') }));
  const [managing, setManaging] = useState<Team | null>(null);
  return (
    <>
      <ResourcePage<Team>
        title={t('admin.teams')}
        action={
          <Button leftSection={<IconPlus size={16} />} onClick={form.open}>
            {t('admin.teams.new')}
          </Button>
        }
        query={teams}
        rowKey={(team) => team.id}
        emptyTitle={t('admin.teams.empty')}
        columns={[
          { key: 'name', label: t('common.name'), render: (team) => team.name },
          { key: 'tier', label: t('admin.teams.tier'), render: (team) => <Badge variant="light">{`Tier ${team.tier}`}</Badge> },
          { key: 'members', label: t('admin.teams.members'), render: (team) => team.members?.length ?? team.memberIds?.length ?? '—' },
          {
            key: 'actions',
            label: t('common.actions'),
            render: (team) => (
              <Group gap={4}>
                <Button size="xs" variant="subtle" onClick={() => setManaging(team)}>
                  {t('admin.teams.manage')}
                </Button>
              </Group>
            ),
          },
        ]}
      />
      <FormModal
        {...form}
        title={t('admin.teams.new')}
        fields={[
          { name: 'name', label: t('common.name'), kind: 'text', required: true },
          { name: 'tier', label: t('admin.teams.tier'), kind: 'number', required: true, initial: 1 },
          { name: 'description', label: t('common.description'), kind: 'textarea' },
        ]}
      />
      <TeamMembersDrawer team={managing} onClose={() => setManaging(null)} />
    </>
  );
}
