import { Badge } from '@mantine/core';
import type { TicketStatus } from '../../../../shared/ticket-status';
import { t } from '../../i18n/translate';

export const statusColors: Record<TicketStatus, string> = {
  new: 'blue',
  open: 'teal',
  pending: 'yellow',
  on_hold: 'grape',
  resolved: 'gray',
  closed: 'dark',
};

export function StatusBadge({ status, size = 'sm' }: { status: TicketStatus; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge color={statusColors[status]} size={size} variant="light" styles={{ label: { textTransform: 'none', fontWeight: 600 } }}>
      {t(`status.${status}`)}
    </Badge>
  );
}
