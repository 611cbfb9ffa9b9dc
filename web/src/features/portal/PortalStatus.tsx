import { Badge } from '@mantine/core';
import type { TicketStatus } from '../../../../shared/ticket-status';
import { t } from '../../i18n/translate';
import { statusColors } from '../tickets/StatusBadge';

/** Status in the requester's words: what is happening and whether they need to act. */
export function PortalStatus({ status }: { status: TicketStatus }) {
  return (
    <Badge color={statusColors[status]} variant={status === 'pending' ? 'filled' : 'light'} size="md" styles={{ root: { flexShrink: 0 }, label: { textTransform: 'none', fontWeight: 600 } }}>
      {t(`portalStatus.${status}`)}
    </Badge>
  );
}
