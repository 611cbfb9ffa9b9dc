/** Rows → the shapes the API and the desk see. Remaining time is computed at the moment of presenting. */
import type { BusinessCalendar } from '../../../shared/business-time.js';
import type { BusinessCalendarDto, SlaClockDto, SlaPolicyDto, TicketSlaDto } from '../../../shared/schemas/sla.js';
import type { TicketSlaSummary } from '../../../shared/schemas/tickets.js';
import { clockStatus, spentAt } from './sla-clock.js';
import type { Policy, StoredCalendar } from './sla-policy.js';
import type { ClockRow } from './sla.repository.js';

export function presentCalendar(calendar: StoredCalendar): BusinessCalendarDto {
  return {
    id: calendar.id,
    name: calendar.name,
    timeZone: calendar.timeZone,
    hours: calendar.hours,
    holidays: (calendar.holidays ?? []).map((holiday) => ({ ...holiday, recurring: Boolean(holiday.recurring) })),
    createdAt: calendar.createdAt,
    updatedAt: calendar.updatedAt,
  };
}

export function presentPolicy(policy: Policy): SlaPolicyDto {
  return { ...policy };
}

const metricOrder = { first_response: 0, next_response: 1, resolution: 2 } as const;

export function presentClock(row: ClockRow, calendar: BusinessCalendar, now: string): SlaClockDto {
  const value = { ...row, targetMs: Number(row.targetMs), spentMs: Number(row.spentMs) };
  const spent = spentAt(calendar, value, now);
  return {
    metric: row.metric,
    state: row.state,
    targetMs: value.targetMs,
    spentMs: spent,
    remainingMs: value.targetMs - spent,
    dueAt: row.dueAt,
    startedAt: row.startedAt,
    warnedAt: row.warnedAt,
    breachedAt: row.breachedAt,
    metAt: row.metAt,
    status: clockStatus(value),
  };
}

export function presentTicketSla(
  ticketId: number,
  rows: readonly ClockRow[],
  calendars: ReadonlyMap<number, BusinessCalendar>,
  policy: { id: number; name: string } | null,
  escalationCount: number,
  now: string,
): TicketSlaDto {
  const clocks = [...rows].sort((a, b) => metricOrder[a.metric] - metricOrder[b.metric]).map((row) => presentClock(row, calendars.get(row.calendarId)!, now));
  const due = clocks.filter((clock) => clock.state === 'running' && clock.dueAt !== null).map((clock) => clock.dueAt!);
  return {
    ticketId,
    policy,
    calendarId: rows[0]?.calendarId ?? null,
    clocks,
    nextDueAt: due.length > 0 ? due.sort()[0]! : null,
    escalationCount,
  };
}

/** Breached first, then running (by due time), then paused, then met; within a rank the least time left first. */
const summaryRank = { breached: 0, warning: 1, ok: 1, paused: 2, met: 3 } as const;

/**
 * The most urgent of a ticket's clocks, as every ticket row shows it; null when none is owed (no policy applies,
 * or every clock was cancelled). `remainingMs` is the same figure as the clock's in GET /tickets/{id}/sla.
 */
export function presentSlaSummary(clocks: readonly SlaClockDto[]): TicketSlaSummary | null {
  const candidates = clocks.filter((clock): clock is SlaClockDto & { status: TicketSlaSummary['status'] } => clock.status !== 'cancelled');
  const urgency = (clock: SlaClockDto & { status: TicketSlaSummary['status'] }) => summaryRank[clock.status];
  const [first] = [...candidates].sort(
    (a, b) =>
      urgency(a) - urgency(b) ||
      // Running clocks (breached or not) by due time; a stopped clock (no due time) after them within its rank.
      (a.dueAt ?? '~').localeCompare(b.dueAt ?? '~') ||
      a.remainingMs - b.remainingMs ||
      metricOrder[a.metric] - metricOrder[b.metric],
  );
  return first ? { metric: first.metric, status: first.status, dueAt: first.dueAt, remainingMs: first.remainingMs } : null;
}
