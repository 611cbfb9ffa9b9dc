import { Badge, Text, VisuallyHidden } from '@mantine/core';
import type { TicketSlaSummary } from '../../../../shared/schemas/tickets';
import { formatDateTime } from '../../i18n/format';
import { t } from '../../i18n/translate';
import { slaColors, slaText } from './sla-text';

/** The ticket's most urgent clock in a table cell: "2h 10m left", "overdue 35m", coloured by state. */
export function SlaBadge({ sla }: { sla: TicketSlaSummary | null }) {
  if (!sla) {
    return (
      <Text size="sm" c="dimmed">
        <span aria-hidden>—</span>
        <VisuallyHidden>{t('sla.none')}</VisuallyHidden>
      </Text>
    );
  }
  const metric = t(`sla.metric.${sla.metric}`);
  const due = sla.dueAt ? ` · ${t('sla.dueAt', { when: formatDateTime(sla.dueAt) })}` : '';
  return (
    <Badge
      color={slaColors[sla.status]}
      variant={sla.status === 'breached' ? 'filled' : 'light'}
      size="sm"
      title={`${metric}${due}`}
      data-sla-status={sla.status}
      styles={{ label: { textTransform: 'none', fontWeight: 600 } }}
    >
      {slaText(sla)}
    </Badge>
  );
}
