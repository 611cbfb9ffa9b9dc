/**
 * The SLA state every ticket row carries: for a page of tickets, each one's most urgent clock, from one query
 * (clocks joined with their calendars) and the business-time arithmetic at the moment of reading.
 */
import type { BusinessCalendar } from '../../../shared/business-time.js';
import type { TicketSlaSummary } from '../../../shared/schemas/tickets.js';
import type { Executor } from '../../platform/db/database.js';
import { readCalendar } from './sla-policy.js';
import { presentClock, presentSlaSummary } from './sla.presenter.js';
import { clocksWithCalendarsOfTickets } from './sla.repository.js';

export async function loadTicketSlaSummaries(db: Executor, ticketIds: readonly number[], now: string): Promise<Map<number, TicketSlaSummary | null>> {
  const summaries = new Map<number, TicketSlaSummary | null>();
  const unique = [...new Set(ticketIds)];
  if (unique.length === 0) return summaries;
  const rows = await clocksWithCalendarsOfTickets(db, unique);
  // One calendar object per id, so the arithmetic compiles each calendar once per page.
  const calendars = new Map<number, BusinessCalendar>();
  const clocksByTicket = new Map<number, ReturnType<typeof presentClock>[]>();
  for (const row of rows) {
    let calendar = calendars.get(row.calendarId);
    if (!calendar) {
      calendar = readCalendar({
        id: row.calendarId,
        name: row.calendarName,
        timeZone: row.calendarTimeZone,
        hours: row.calendarHours,
        holidays: row.calendarHolidays,
        createdAt: row.calendarCreatedAt,
        updatedAt: row.calendarUpdatedAt,
      });
      calendars.set(row.calendarId, calendar);
    }
    const clocks = clocksByTicket.get(row.ticketId) ?? [];
    clocks.push(presentClock(row, calendar, now));
    clocksByTicket.set(row.ticketId, clocks);
  }
  for (const ticketId of unique) summaries.set(ticketId, presentSlaSummary(clocksByTicket.get(ticketId) ?? []));
  return summaries;
}
