import { Badge, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { SlaClockDto } from '../../../../../shared/schemas/sla';
import { ticketKeys, ticketsApi } from '../../../api/tickets';
import { formatDateTime } from '../../../i18n/format';
import { t } from '../../../i18n/translate';
import { ErrorState } from '../../../ui/ErrorState';
import { slaColors, slaText } from '../sla-text';

function ClockRow({ clock }: { clock: SlaClockDto }) {
  const when = clock.metAt
    ? t('sla.metAt', { when: formatDateTime(clock.metAt) })
    : clock.dueAt
      ? t('sla.dueAt', { when: formatDateTime(clock.dueAt) })
      : clock.breachedAt
        ? t('sla.breachedAt', { when: formatDateTime(clock.breachedAt) })
        : null;
  return (
    <li data-sla-metric={clock.metric} data-sla-status={clock.status}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={600}>
          {t(`sla.metric.${clock.metric}`)}
        </Text>
        <Badge color={slaColors[clock.status]} variant={clock.status === 'breached' ? 'filled' : 'light'} size="sm" styles={{ label: { textTransform: 'none', fontWeight: 600 } }}>
          {t(`sla.state.${clock.status}`)}
        </Badge>
      </Group>
      <Text size="sm">{slaText(clock)}</Text>
      {when && (
        <Text size="xs" c="dimmed">
          {when}
        </Text>
      )}
    </li>
  );
}

/** Every SLA clock of the ticket: what is owed, how long is left or how late it is, and when it is due. */
export function SlaPanel({ ticketId }: { ticketId: number }) {
  const sla = useQuery({ queryKey: ticketKeys.sla(ticketId), queryFn: () => ticketsApi.sla(ticketId), refetchInterval: 60_000 });
  return (
    <Stack gap="xs" p="md" pb={0} component="section" aria-labelledby="sla-title">
      <Title order={2} size="h5" id="sla-title">
        {t('sla.title')}
      </Title>
      {sla.isPending && <Skeleton height={48} />}
      {sla.isError && <ErrorState error={sla.error} onRetry={() => void sla.refetch()} />}
      {sla.data && sla.data.clocks.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('sla.noPolicy')}
        </Text>
      )}
      {sla.data && sla.data.clocks.length > 0 && (
        <>
          {sla.data.policy && (
            <Text size="xs" c="dimmed">
              {t('sla.policy', { name: sla.data.policy.name })}
            </Text>
          )}
          <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {sla.data.clocks.map((clock) => (
              <ClockRow key={clock.metric} clock={clock} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
