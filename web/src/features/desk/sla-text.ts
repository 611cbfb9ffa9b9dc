import type { SlaClockDto } from '../../../../shared/schemas/sla';
import type { TicketSlaSummary } from '../../../../shared/schemas/tickets';
import { t } from '../../i18n/translate';

export type SlaState = TicketSlaSummary['status'] | SlaClockDto['status'];

/** Colours by state; the words always say the state too, so colour is never the only signal. */
export const slaColors: Record<SlaState, string> = {
  ok: 'teal',
  warning: 'orange',
  breached: 'red',
  paused: 'gray',
  met: 'blue',
  cancelled: 'gray',
};

/**
 * Business time as people say it at a glance: "<1m", "35m", "2h 10m", "15h", "3d 4h". From ten hours on the minutes
 * are noise (and made "paused, 15h 49m left" too wide for the list's column).
 */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 10) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  if (hours < 24) return `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

/** "2h 10m left", "overdue 35m", "paused, 1h left", "met". */
export function slaText(clock: { status: SlaState; remainingMs: number }): string {
  switch (clock.status) {
    case 'met':
      return t('sla.met');
    case 'cancelled':
      return t('sla.cancelled');
    case 'paused':
      // A clock paused after its target passed stays overdue while it waits.
      return clock.remainingMs < 0 ? t('sla.pausedOverdue', { time: formatDuration(clock.remainingMs) }) : t('sla.paused', { time: formatDuration(clock.remainingMs) });
    default:
      return clock.remainingMs < 0 || clock.status === 'breached'
        ? t('sla.overdue', { time: formatDuration(clock.remainingMs) })
        : t('sla.left', { time: formatDuration(clock.remainingMs) });
  }
}
