import { Skeleton, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ticketKeys, ticketsApi } from '../../../api/tickets';
import { t } from '../../../i18n/translate';
import { ErrorState } from '../../../ui/ErrorState';
import { RelativeTime } from '../../../ui/RelativeTime';

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join(', ') : '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function HistoryTab({ ticketId }: { ticketId: number }) {
  const history = useQuery({ queryKey: ticketKeys.history(ticketId), queryFn: () => ticketsApi.history(ticketId) });
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.isPending) return <Skeleton height={120} />;
  if (history.data.length === 0) return <Text c="dimmed">{t('ticket.noHistory')}</Text>;
  return (
    <Timeline bulletSize={12} lineWidth={2}>
      {history.data.map((entry) => {
        const actor = entry.actor?.name ?? t('ticket.system');
        const sentence =
          entry.from === null || entry.from === undefined
            ? t('ticket.historySet', { actor, field: entry.field, to: show(entry.to) })
            : t('ticket.historyChange', { actor, field: entry.field, from: show(entry.from), to: show(entry.to) });
        return (
          <Timeline.Item key={entry.id}>
            <Text size="sm">{sentence}</Text>
            {entry.reason && (
              <Text size="xs" c="dimmed">
                {entry.reason}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              <RelativeTime iso={entry.createdAt} />
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
