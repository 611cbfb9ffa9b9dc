/**
 * The SLA state every ticket row carries: for a page of tickets, each one's most urgent clock, from one query (the
 * clocks; their calendars come from memory, see slaReference) and the business-time arithmetic at the moment of reading.
 */
import type { TicketSlaSummary } from '../../../shared/schemas/tickets.js';
import type { Executor } from '../../platform/db/database.js';
import { slaReference } from './sla-sync.js';
import { presentClock, presentSlaSummary } from './sla.presenter.js';
import { owedClocksOfTickets } from './sla.repository.js';

export async function loadTicketSlaSummaries(db: Executor, ticketIds: readonly number[], now: string): Promise<Map<number, TicketSlaSummary | null>> {
  const summaries = new Map<number, TicketSlaSummary | null>();
  const unique = [...new Set(ticketIds)];
  if (unique.length === 0) return summaries;
  const rows = await owedClocksOfTickets(db, unique);
  // One calendar object per id, so the arithmetic compiles each calendar once.
  const { calendarOf } = await slaReference(db);
  const clocksByTicket = new Map<number, ReturnType<typeof presentClock>[]>();
  for (const row of rows) {
    const clocks = clocksByTicket.get(row.ticketId) ?? [];
    clocks.push(presentClock(row, calendarOf(row.calendarId), now));
    clocksByTicket.set(row.ticketId, clocks);
  }
  for (const ticketId of unique) summaries.set(ticketId, presentSlaSummary(clocksByTicket.get(ticketId) ?? []));
  return summaries;
}
