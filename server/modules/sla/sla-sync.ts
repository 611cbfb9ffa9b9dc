/**
 * Brings a ticket's clocks in line with the ticket: reads the ticket, its policy and its conversation, and moves
 * each clock (start, pause, resume, meet, cancel, retarget) as of the instant of the change. Idempotent: running it
 * twice for the same change does nothing the second time, which matters because on PostgreSQL every instance
 * receives every event.
 */
import type { BusinessCalendar } from '../../../shared/business-time.js';
import type { SlaMetric } from '../../../shared/schemas/sla.js';
import type { Executor } from '../../platform/db/database.js';
import { cachedReference } from '../../platform/db/reference-cache.js';
import { pauseClock, resumeClock, retargetClock, startClock, stopClock, type ClockValue } from './sla-clock.js';
import { matchPolicy, readCalendar, readPolicy, targetMs, type Policy } from './sla-policy.js';
import * as repository from './sla.repository.js';
import type { ClockRow, ConversationFacts, TicketFacts } from './sla.repository.js';
import type { SlaClocksTable } from './sla.tables.js';
import type { Insertable } from 'kysely';

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

const clockFields = ['state', 'targetMs', 'warningPercent', 'spentMs', 'runningSince', 'startedAt', 'dueAt', 'warnAt', 'nextCheckAt', 'warnedAt', 'breachedAt', 'metAt'] as const satisfies ReadonlyArray<keyof ClockValue>;

function sameClock(a: ClockValue, b: ClockValue): boolean {
  return clockFields.every((field) => a[field] === b[field]);
}

/** Calendars by id, read up front so the moves themselves need no database. */
export type CalendarLookup = (id: number) => BusinessCalendar;

export function calendarLookup(rows: ReadonlyArray<NonNullable<repository.CalendarRow>>): CalendarLookup {
  const calendars = new Map(rows.map((row) => [row.id, readCalendar(row) as BusinessCalendar]));
  return (id) => {
    const calendar = calendars.get(id);
    if (!calendar) throw new Error(`business calendar ${id} is missing`);
    return calendar;
  };
}

/** A write the moves call for: a new clock, or an existing one changed (at the version it was read at). */
export type ClockWrite = { kind: 'insert'; values: Insertable<SlaClocksTable> } | { kind: 'update'; row: ClockRow; clock: ClockValue; columns: { policyId?: number; calendarId?: number } };

/**
 * The moves of one ticket's clocks, computed from what was read: which clocks to insert and which to change. Pure,
 * so the single-ticket sync and the batched recompute share every rule.
 */
export function planTicketClocks(
  input: { ticket: TicketFacts; rows: readonly ClockRow[]; conversation: ConversationFacts },
  policies: readonly Policy[],
  calendarOf: CalendarLookup,
  options: Omit<SyncOptions, 'lock'>,
): ClockWrite[] {
  const { ticket, rows, conversation } = input;
  const policy = matchPolicy(policies, ticket);
  const existing = new Map(rows.map((row) => [row.metric, row]));
  const writes: ClockWrite[] = [];
  const update = (row: ClockRow, clock: ClockValue, columns: { policyId?: number; calendarId?: number }) => {
    const same =
      sameClock(toValue(row), clock) &&
      (columns.policyId === undefined || columns.policyId === row.policyId) &&
      (columns.calendarId === undefined || columns.calendarId === row.calendarId);
    if (!same) writes.push({ kind: 'update', row, clock, columns });
  };

  for (const metric of ['first_response', 'resolution', 'next_response'] as const) {
    const row = existing.get(metric);
    const target = policy ? targetMs(policy, ticket.priority, metric) : null;
    if (!policy || target === null) {
      if (row && (row.state === 'running' || row.state === 'paused')) {
        update(row, stopClock(calendarOf(row.calendarId), toValue(row), options.at, 'cancelled'), {});
      }
      continue;
    }
    const calendar = calendarOf(policy.calendarId);
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
        clock = retargetClock(calendarOf(row.calendarId), calendar, clock, { targetMs: target, warningPercent: policy.warningPercent, at: options.at });
      }
    }
    clock = applyDesired(calendar, clock, desired, policy, ticket, options.at);
    const columns = { policyId: policy.id, calendarId: policy.calendarId };
    if (fresh && !row) writes.push({ kind: 'insert', values: { ticketId: ticket.id, metric, ...columns, ...clock, updatedAt: options.at } });
    else if (row) update(row, clock, columns);
  }
  return writes;
}

/**
 * The policies in evaluation order and every business calendar, parsed: read once per change of reference data
 * (see reference-cache.ts) instead of twice per ticket change; a calendar also compiles its hours once.
 */
export function slaReference(db: Executor): Promise<{ policies: readonly Policy[]; calendarOf: CalendarLookup }> {
  return cachedReference(db, 'sla-policies-and-calendars', async () => ({
    policies: (await repository.listPolicies(db)).map(readPolicy),
    calendarOf: calendarLookup(await repository.listCalendars(db)),
  }));
}

/** The moves of one ticket's clocks; returns nothing, writes the rows. */
export async function syncTicketClocks(db: Executor, ticketId: number, options: SyncOptions): Promise<void> {
  const ticket = await repository.findTicketFacts(db, ticketId, options.lock);
  if (!ticket) return;
  const { policies, calendarOf } = await slaReference(db);
  const rows = await repository.clocksOfTicket(db, ticketId);
  // Only the next-response clock reads the conversation, and it exists only after a first response.
  const conversation = ticket.firstResponseAt === null ? { lastReplyAt: null, waitingSince: null } : await repository.conversationFacts(db, ticketId);
  const writes = planTicketClocks({ ticket, rows, conversation }, policies, calendarOf, options);
  for (const write of writes) {
    if (write.kind === 'update') await repository.updateClockAtVersion(db, write.row.id, write.row.version, { ...write.clock, ...write.columns, updatedAt: options.at });
  }
  await repository.insertClocks(db, writes.flatMap((write) => (write.kind === 'insert' ? [write.values] : [])));
  // In the same transaction as the clocks, so the desk's "due" sort never disagrees with them.
  const dueAt = dueAfter(rows, writes);
  if (ticket.slaDueAt === null || new Date(ticket.slaDueAt).toISOString() !== dueAt) await repository.setTicketDue(db, ticketId, dueAt);
}

/** The ticket's `sla_due_at` once the writes are made: the first due time of a running clock. */
function dueAfter(rows: readonly ClockRow[], writes: readonly ClockWrite[]): string {
  const updated = new Map(writes.flatMap((write) => (write.kind === 'update' ? [[write.row.id, write.clock] as const] : [])));
  const clocks: Array<{ state?: unknown; dueAt?: unknown }> = [...rows.map((row) => updated.get(row.id) ?? row), ...writes.flatMap((write) => (write.kind === 'insert' ? [write.values] : []))];
  let first: string | null = null;
  for (const clock of clocks) {
    if (clock.state !== 'running' || clock.dueAt === null || clock.dueAt === undefined) continue;
    const dueAt = new Date(clock.dueAt as string).toISOString();
    if (first === null || dueAt < first) first = dueAt;
  }
  return first ?? repository.noRunningSlaClock;
}

/**
 * Recomputes the clocks of many tickets in the caller's transaction: one query each for the tickets (locked on
 * PostgreSQL, in id order), their clocks and their conversations; the same moves as `syncTicketClocks`; then only
 * the changed clocks and due times are written. A clock another writer moved since it was read is left alone, and
 * its ticket is returned for the caller to sync on its own once this transaction is over.
 */
export async function recomputeTicketsClocks(
  db: Executor,
  ticketIds: readonly number[],
  context: { policies: readonly Policy[]; calendarOf: CalendarLookup; postgres: boolean },
  options: SyncOptions,
): Promise<{ raced: number[] }> {
  if (ticketIds.length === 0) return { raced: [] };
  const tickets = await repository.findTicketFactsOfTickets(db, ticketIds, options.lock);
  const present = tickets.map((ticket) => ticket.id);
  const clockRows = await repository.clocksOfTickets(db, present);
  const conversations = await repository.conversationFactsOfTickets(db, present);
  const rowsByTicket = new Map<number, ClockRow[]>();
  for (const row of clockRows) {
    const list = rowsByTicket.get(row.ticketId);
    if (list) list.push(row);
    else rowsByTicket.set(row.ticketId, [row]);
  }
  const planned = tickets.map((ticket) => {
    const rows = rowsByTicket.get(ticket.id) ?? [];
    return { ticket, rows, writes: planTicketClocks({ ticket, rows, conversation: conversations.get(ticket.id)! }, context.policies, context.calendarOf, options) };
  });
  const updates: repository.ClockUpdate[] = planned.flatMap(({ writes }) =>
    writes.flatMap((write) =>
      write.kind === 'update'
        ? [{ id: write.row.id, version: write.row.version, values: { ...write.clock, policyId: write.columns.policyId ?? write.row.policyId, calendarId: write.columns.calendarId ?? write.row.calendarId, updatedAt: options.at } }]
        : [],
    ),
  );
  const updated = await repository.updateClocksAtVersions(db, updates, context.postgres);
  const raced: number[] = [];
  const inserts: Array<Insertable<SlaClocksTable>> = [];
  const dueChanges: Array<{ ticketId: number; dueAt: string }> = [];
  for (const { ticket, rows, writes } of planned) {
    // A clock another writer moved since it was read: the ticket is synced again on its own, and its new clocks
    // and due time are written there, not here.
    if (writes.some((write) => write.kind === 'update' && !updated.has(write.row.id))) {
      raced.push(ticket.id);
      continue;
    }
    for (const write of writes) if (write.kind === 'insert') inserts.push(write.values);
    const dueAt = dueAfter(rows, writes);
    const stored = ticket.slaDueAt === null ? null : new Date(ticket.slaDueAt).toISOString();
    if (stored !== dueAt) dueChanges.push({ ticketId: ticket.id, dueAt });
  }
  await repository.insertClocks(db, inserts);
  await repository.setTicketsDue(db, dueChanges, context.postgres);
  return { raced };
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
