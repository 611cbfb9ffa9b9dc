import { Button, Group, Menu, Paper, Text } from '@mantine/core';
import { notify } from '../../ui/notify';
import { IconChevronDown } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { priorities } from '../../../../shared/priority-matrix';
import { ticketStatuses } from '../../../../shared/ticket-status';
import { errorMessage } from '../../api/api-error';
import { ticketsApi } from '../../api/tickets';
import { useCurrentUser } from '../../app/use-session';
import { t, tCount } from '../../i18n/translate';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { useState } from 'react';

/** Statuses a set of tickets can be moved to by hand: nothing goes back to "new". */
const bulkStatuses = ticketStatuses.filter((status) => status !== 'new');

/** Appears while tickets are selected; each change reports how many tickets took it, and why the others did not. */
export function BulkBar({ selected, onDone }: { selected: number[]; onDone: () => void }) {
  const me = useCurrentUser();
  const client = useQueryClient();
  // Closing is final (a reply to a closed ticket opens a new one), so it is asked first.
  const [confirmingClose, setConfirmingClose] = useState(false);
  const bulk = useMutation({
    mutationFn: (changes: Record<string, unknown>) => ticketsApi.bulk({ ticketIds: selected, changes }),
    onSuccess: (result) => {
      const ok = result.results.filter((r) => r.ok).length;
      const failures = result.results.filter((r) => !r.ok);
      const reason = failures[0]?.error?.message ?? '';
      notify(
        failures.length
          ? { color: 'orange', message: t('desk.bulkPartial', { ok, failed: failures.length, reason }) }
          : { color: 'teal', message: tCount('desk.bulkDone', ok) },
      );
      onDone();
      void client.invalidateQueries({ queryKey: ['tickets'] });
    },
    onError: (error) => notify({ color: 'red', message: errorMessage(error) }),
  });
  if (selected.length === 0) return null;
  return (
    <Paper px="lg" py="xs" radius={0} bg="var(--mantine-primary-color-light)" role="region" aria-label={tCount('desk.selected', selected.length)}>
      <Group gap="sm">
        <Text size="sm" fw={600}>
          {tCount('desk.selected', selected.length)}
        </Text>
        <Menu>
          <Menu.Target>
            <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />} loading={bulk.isPending}>
              {t('desk.bulkStatus')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {bulkStatuses.map((status) => (
              <Menu.Item key={status} onClick={() => (status === 'closed' ? setConfirmingClose(true) : bulk.mutate({ status }))}>
                {t(`status.${status}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Menu>
          <Menu.Target>
            <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} />}>
              {t('desk.bulkPriority')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {priorities.map((priority) => (
              <Menu.Item key={priority} onClick={() => bulk.mutate({ priority })}>
                {t(`priority.${priority}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button size="xs" variant="default" onClick={() => bulk.mutate({ assigneeId: me.id })}>
          {t('desk.bulkAssignMe')}
        </Button>
      </Group>
      <ConfirmModal
        question={confirmingClose ? { title: tCount('desk.bulkCloseTitle', selected.length), body: t('desk.bulkCloseBody') } : null}
        confirmLabel={t('desk.bulkCloseConfirm')}
        onClose={() => setConfirmingClose(false)}
        onConfirm={async () => {
          await bulk.mutateAsync({ status: 'closed' });
        }}
      />
    </Paper>
  );
}
