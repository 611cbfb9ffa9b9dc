import { Button, Group, NumberInput, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api/api-error';
import { ticketKeys, ticketsApi } from '../../../api/tickets';
import { formatDateTime } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import { ErrorState } from '../../../ui/ErrorState';

export function TimeTab({ ticketId }: { ticketId: number }) {
  const entries = useQuery({ queryKey: ticketKeys.time(ticketId), queryFn: () => ticketsApi.timeEntries(ticketId) });
  const [minutes, setMinutes] = useState<number | string>(15);
  const [note, setNote] = useState('');
  const client = useQueryClient();
  const log = useMutation({
    mutationFn: () => ticketsApi.logTime(ticketId, { minutes: Number(minutes), note }),
    onSuccess: () => {
      setNote('');
      void client.invalidateQueries({ queryKey: ticketKeys.time(ticketId) });
    },
  });
  const total = entries.data?.reduce((sum, entry) => sum + entry.minutes, 0) ?? 0;
  return (
    <Stack gap="md">
      {entries.isError && <ErrorState error={entries.error} />}
      {entries.isPending && <Skeleton height={60} />}
      {entries.data?.length === 0 && <Text c="dimmed">{t('ticket.noTime')}</Text>}
      {entries.data && entries.data.length > 0 && (
        <Table>
          <Table.Tbody>
            {entries.data.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td>{entry.agent.name}</Table.Td>
                <Table.Td>{entry.minutes} min</Table.Td>
                <Table.Td>{entry.note}</Table.Td>
                <Table.Td>{formatDateTime(entry.workedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Text size="sm" fw={600}>
        {t('ticket.totalTime', { minutes: total })}
      </Text>
      <Group align="flex-end" gap="sm">
        <NumberInput label={t('ticket.minutes')} value={minutes} onChange={setMinutes} min={1} max={1440} w={110} />
        <TextInput label={t('ticket.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} style={{ flex: 1 }} />
        <Button variant="default" onClick={() => log.mutate()} loading={log.isPending} disabled={!Number(minutes)}>
          {t('ticket.logTime')}
        </Button>
      </Group>
      {log.isError && (
        <Text c="red" size="sm" role="alert">
          {errorMessage(log.error)}
        </Text>
      )}
    </Stack>
  );
}
