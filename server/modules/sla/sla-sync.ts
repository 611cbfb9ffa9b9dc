/**
 * Brings a ticket's clocks in line with the ticket: reads the ticket, its policy and its conversation, and moves
 * each clock (start, pause, resume, meet, cancel, retarget) as of the instant of the change. Idempotent: running it
 * twice for the same change does nothing the second time, which matters because on PostgreSQL every instance
 * receives every event.
 */
import type { BusinessCalendar } from '../../../shared/business-time.js';
import type { SlaMetric } from '../../../shared/schemas/sla.js';
import type { Executor } from '../../platform/db/database.js';
import { pauseClock, resumeClock, retargetClock, startClock, stopClock, type ClockValue } from './sla-clock.js';
import { matchPolicy, readCalendar, readPolicy, targetMs, type Policy } from './sla-policy.js';
import * as repository from './sla.repository.js';
import type { ClockRow, TicketFacts } from './sla.repository.js';

const finishedStatuses = new Set(['resolved', 'closed']);

export interface SyncOptions {
  /** Instant of the change (the event's occurredAt). */
  at: string;
  /** Recompute due times even if nothing about the ticket changed (a calendar was edited). */
  force?: boolean;
  lock: boolean;
}

function toValue(row: ClockRow): ClockValue {
  return {
    state: row.state,
    targetMs: Number(row.targetMs),
    warningPercent: row.warningPercent,
    spentMs: Number(row.spentMs),
    runningSince: row.runningSince,
    startedAt: row.startedAt,
    dueAt: row.dueAt,
    warnAt: row.warnAt,
    nextCheckAt: row.nextCheckAt,
    warnedAt: row.warnedAt,
    breachedAt: row.breachedAt,
    metAt: row.metAt,
  };
}

/** Loads calendars once per run; stored calendars are compiled once per object by the arithmetic's cache. */
export function calendarLoader(db: Executor) {
  const cache = new Map<number, BusinessCalendar>();
  return async (id: number): Promise<BusinessCalendar> => {
    let calendar = cache.get(id);
    if (!calendar) {
      const row = await repository.findCalendar(db, id);
      if (!row) throw new Error(`business calendar ${id} is missing`);
      calendar = readCalendar(row);
      cache.set(id, calendar);
    }
    return calendar;
  };
}

/** The moves of one ticket's clocks; returns nothing, writes the rows. */
export async function syncTicketClocks(db: Executor, ticketId: number, options: SyncOptions): Promise<void> {
  const ticket = await repository.findTicketFacts(db, ticketId, options.lock);
  if (!ticket) return;
  const policies = (await repository.listPolicies(db)).map(readPolicy);
  const policy = matchPolicy(policies, ticket);
  const rows = await repository.clocksOfTicket(db, ticketId);
  const existing = new Map(rows.map((row) => [row.metric, row]));
  const loadCalendar = calendarLoader(db);
  const conversation = await repository.conversationFacts(db, ticketId);

  for (const metric of ['first_response', 'resolution', 'next_response'] as const) {
    const row = existing.get(metric);
    const target = policy ? targetMs(policy, ticket.priority, metric) : null;
    if (!policy || target === null) {
      if (row && (row.state === 'running' || row.state === 'paused')) {
        const calendar = await loadCalendar(row.calendarId);
        await write(db, row, stopClock(calendar, toValue(row), options.at, 'cancelled'), {}, options.at);
      }
      continue;
    }
    const calendar = await loadCalendar(policy.calendarId);
    const desired = desiredFor(metric, ticket, conversation);
    if (desired === 'absent') continue;
    let clock: ClockValue;
    let fresh = false;
    const newCycle = metric === 'next_response' && desired.startAt !== null && (!row || row.startedAt < desired.startAt);
    if (!row || newCycle) {
      if (desired.startAt === null) continue;
      clock = startClock(calendar, { targetMs: target, warningPercent: policy.warningPercent, at: desired.startAt, paused: false });
      fresh = true;
    } else {
      clock = toValue(row);
      const changed = row.policyId !== policy.id || row.calendarId !== policy.calendarId || Number(row.targetMs) !== target || row.warningPercent !== policy.warningPercent;
      if (changed || options.force) {
        clock = retargetClock(await loadCalendar(row.calendarId), calendar, clock, { targetMs: target, warningPercent: policy.warningPercent, at: options.at });
      }
    }
    clock = applyDesired(calendar, clock, desired, policy, ticket, options.at);
    const columns = { policyId: policy.id, calendarId: policy.calendarId };
    if (fresh && !row) await repository.insertClock(db, { ticketId, metric, ...columns, ...clock, updatedAt: options.at });
    else if (row) await write(db, row, clock, columns, options.at);
  }
  // In the same transaction as the clocks, so the desk's "due" sort never disagrees with them.
  await repository.refreshTicketDue(db, ticketId);
}

/** What the ticket says a clock should be doing. */
type Desired = 'absent' | { startAt: string | null; metAt: string | null; cancelled: boolean };

function desiredFor(metric: SlaMetric, ticket: TicketFacts, conversation: { lastReplyAt: string | null; waitingSince: string | null }): Desired {
  const finishedAt = finishedStatuses.has(ticket.status) ? (ticket.resolvedAt ?? ticket.closedAt ?? ticket.createdAt) : null;
  switch (metric) {
    case 'first_response':
      // Met by the first public agent reply; a ticket finished without one no longer owes it.
      return { startAt: ticket.createdAt, metAt: ticket.firstResponseAt, cancelled: finishedAt !== null && ticket.firstResponseAt === null };
    case 'resolution':
      return { startAt: ticket.createdAt, metAt: finishedAt, cancelled: false };
    case 'next_response':
      // Owed from the first requester message after the latest public agent reply, until the next such reply.
      if (ticket.firstResponseAt === null) return 'absent';
      if (conversation.waitingSince !== null) return { startAt: conversation.waitingSince, metAt: null, cancelled: finishedAt !== null };
      return { startAt: null, metAt: conversation.lastReplyAt, cancelled: false };
  }
}

function applyDesired(calendar: BusinessCalendar, clock: ClockValue, desired: Exclude<Desired, 'absent'>, policy: Policy, ticket: TicketFacts, at: string): ClockValue {
  if (desired.metAt !== null && desired.metAt >= clock.startedAt) {
    if (clock.state === 'running' || clock.state === 'paused') return stopClock(calendar, clock, desired.metAt, 'met');
    return clock;
  }
  if (desired.cancelled) return stopClock(calendar, clock, at, 'cancelled');
  // Reopened: a met resolution clock runs again, with the time it had already spent.
  let next = clock.state === 'met' && desired.metAt === null ? resumeClock(calendar, clock, at) : clock;
  const paused = policy.pausingStatuses.includes(ticket.status);
  if (paused && next.state === 'running') next = pauseClock(calendar, next, at);
  if (!paused && next.state === 'paused') next = resumeClock(calendar, next, at);
  return next;
}

async function write(db: Executor, row: ClockRow, clock: ClockValue, columns: { policyId?: number; calendarId?: number }, at: string): Promise<void> {
  const before = toValue(row);
  const same =
    JSON.stringify(before) === JSON.stringify(clock) &&
    (columns.policyId === undefined || columns.policyId === row.policyId) &&
    (columns.calendarId === undefined || columns.calendarId === row.calendarId);
  if (same) return;
  await repository.updateClockAtVersion(db, row.id, row.version, { ...clock, ...columns, updatedAt: at });
}
