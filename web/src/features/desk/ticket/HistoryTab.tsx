import { Skeleton, Text, Timeline } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ticketKeys, ticketsApi, type HistoryEntry } from '../../../api/tickets';
import { t } from '../../../i18n/translate';
import { ErrorState } from '../../../ui/ErrorState';
import { RelativeTime } from '../../../ui/RelativeTime';
import { describeHistory } from './history-sentence';

/** One change as people made it: the lines written together by one person, at one moment, for one reason. */
interface Change {
  key: number;
  actor: string;
  lines: string[];
  reason: string | null;
  createdAt: string;
}

function changesOf(entries: readonly HistoryEntry[]): Change[] {
  const changes: Change[] = [];
  let previous: HistoryEntry | undefined;
  for (const entry of entries) {
    const line = describeHistory(entry);
    const sameChange =
      previous !== undefined &&
      previous.createdAt === entry.createdAt &&
      previous.reason === entry.reason &&
      (previous.actor?.id ?? null) === (entry.actor?.id ?? null);
    previous = entry;
    if (line === null) continue;
    const last = changes.at(-1);
    if (sameChange && last) last.lines.push(line);
    else changes.push({ key: entry.id, actor: entry.actor?.name ?? t('ticket.system'), lines: [line], reason: entry.reason, createdAt: entry.createdAt });
  }
  return changes;
}

export function HistoryTab({ ticketId }: { ticketId: number }) {
  const history = useQuery({ queryKey: ticketKeys.history(ticketId), queryFn: () => ticketsApi.history(ticketId) });
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.isPending) return <Skeleton height={120} />;
  const changes = changesOf(history.data);
  if (changes.length === 0) return <Text c="dimmed">{t('ticket.noHistory')}</Text>;
  return (
    <Timeline bulletSize={12} lineWidth={2}>
      {changes.map((change) => (
        <Timeline.Item key={change.key} title={change.actor}>
          {change.lines.map((line, index) => (
            <Text size="sm" key={index}>
              {line}
            </Text>
          ))}
          {change.reason && (
            <Text size="xs" c="dimmed">
              {change.reason}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            <RelativeTime iso={change.createdAt} />
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
