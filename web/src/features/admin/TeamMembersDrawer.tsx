import { Button, Checkbox, Drawer, Group, Select, Stack, Table, Text } from '@mantine/core';
import { notify } from '../../ui/notify';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error';
import { identityApi, roleKeyOf, type Team, type TeamMember } from '../../api/identity';
import { t } from '../../i18n/translate';

const memberId = (m: TeamMember) => m.userId ?? m.user?.id ?? m.id ?? 0;
const memberName = (m: TeamMember) => m.name ?? m.user?.name ?? String(memberId(m));
const isLead = (m: TeamMember) => Boolean(m.isLead ?? m.lead);

export function TeamMembersDrawer({ team, onClose }: { team: Team | null; onClose: () => void }) {
  const detail = useQuery({ queryKey: ['admin', 'team', team?.id], queryFn: () => identityApi.team(team!.id), enabled: team !== null });
  // Only staff can join a team: all of them, role by role (a first page of everyone is mostly requesters).
  const people = useQuery({ queryKey: ['admin', 'staff'], queryFn: identityApi.staff, enabled: team !== null });
  const [userId, setUserId] = useState<string | null>(null);
  const [lead, setLead] = useState(false);
  const client = useQueryClient();
  const members = detail.data?.members ?? [];
  const current = () => members.map((m) => ({ userId: memberId(m), isLead: isLead(m) }));
  const refresh = () => {
    void client.invalidateQueries({ queryKey: ['admin', 'team', team?.id] });
    void client.invalidateQueries({ queryKey: ['admin', 'teams'] });
  };
  const add = useMutation({
    mutationFn: () => identityApi.setMembers(team!.id, [...current(), { userId: Number(userId), isLead: lead }]),
    onSuccess: () => {
      setUserId(null);
      setLead(false);
      refresh();
    },
    onError: (error) => notify({ color: 'red', message: errorMessage(error) }),
  });
  const remove = useMutation({ mutationFn: (id: number) => identityApi.setMembers(team!.id, current().filter((m) => m.userId !== id)), onSuccess: refresh, onError: (error) => notify({ color: 'red', message: errorMessage(error) }) });
  const candidates = (people.data ?? []).filter((p) => roleKeyOf(p) !== 'requester' && !members.some((m) => memberId(m) === p.id));

  return (
    <Drawer opened={team !== null} onClose={onClose} position="right" title={team ? `${team.name} · ${t('admin.teams.members')}` : ''} size="md">
      <Stack gap="md">
        {members.length === 0 ? (
          <Text c="dimmed">{t('admin.teams.noMembers')}</Text>
        ) : (
          <Table>
            <Table.Tbody>
              {members.map((member) => (
                <Table.Tr key={memberId(member)}>
                  <Table.Td>{memberName(member)}</Table.Td>
                  <Table.Td>{isLead(member) ? t('admin.teams.makeLead') : ''}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(memberId(member))}>
                      {t('admin.teams.remove')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Select label={t('admin.teams.addMember')} data={candidates.map((p) => ({ value: String(p.id), label: p.name }))} value={userId} onChange={setUserId} searchable />
        <Checkbox label={t('admin.teams.makeLead')} checked={lead} onChange={(e) => setLead(e.currentTarget.checked)} />
        <Group justify="flex-end">
          <Button disabled={!userId} loading={add.isPending} onClick={() => add.mutate()}>
            {t('admin.teams.addMember')}
          </Button>
        </Group>
      </Stack>
    </Drawer>
  );
}
