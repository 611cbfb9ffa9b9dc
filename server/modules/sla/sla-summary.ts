/**
 * The SLA state every ticket row carries: for a page of tickets, each one's most urgent clock, from two queries (the
 * clocks, then their few calendars: joined, every clock row repeated its calendar's hours and holidays) and the
 * business-time arithmetic at the moment of reading.
 */
import type { TicketSlaSummary } from '../../../shared/schemas/tickets.js';
import type { Executor } from '../../platform/db/database.js';
import { calendarLookup } from './sla-sync.js';
import { presentClock, presentSlaSummary } from './sla.presenter.js';
import { calendarsWithIds, owedClocksOfTickets } from './sla.repository.js';

export async function loadTicketSlaSummaries(db: Executor, ticketIds: readonly number[], now: string): Promise<Map<number, TicketSlaSummary | null>> {
  const summaries = new Map<number, TicketSlaSummary | null>();
  const unique = [...new Set(ticketIds)];
  if (unique.length === 0) return summaries;
  const rows = await owedClocksOfTickets(db, unique);
  // One calendar object per id, so the arithmetic compiles each calendar once per page.
  const calendarOf = calendarLookup(await calendarsWithIds(db, [...new Set(rows.map((row) => row.calendarId))]));
  const clocksByTicket = new Map<number, ReturnType<typeof presentClock>[]>();
  for (const row of rows) {
    const clocks = clocksByTicket.get(row.ticketId) ?? [];
    clocks.push(presentClock(row, calendarOf(row.calendarId), now));
    clocksByTicket.set(row.ticketId, clocks);
  }
  for (const ticketId of unique) summaries.set(ticketId, presentSlaSummary(clocksByTicket.get(ticketId) ?? []));
  return summaries;
}
