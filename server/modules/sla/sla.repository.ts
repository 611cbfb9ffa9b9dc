/** The only SQL of the SLA module: calendars, policies, clocks, escalations, and the ticket facts a clock needs. */
import { sql } from 'kysely';
import { valuesList, withValues } from '../../platform/db/bulk-values.js';
import type { Executor } from '../../platform/db/database.js';
import { reusableInsert, reusableQuery, reusableQueryByShape } from '../../platform/db/reusable-query.js';
import type { SlaMetric } from '../../../shared/schemas/sla.js';
import type { SlaClocksTable } from './sla.tables.js';
import type { Insertable, Selectable, Updateable } from 'kysely';

export type ClockRow = Selectable<SlaClocksTable>;
export type CalendarRow = Awaited<ReturnType<typeof findCalendar>>;
export type PolicyRow = NonNullable<Awaited<ReturnType<typeof findPolicy>>>;

/** Thrown when another writer changed a clock first; the caller re-reads and reconciles again. */
export class ClockRaceError extends Error {}

// --- calendars ----------------------------------------------------------------------------------------------
export function listCalendars(db: Executor) {
  return db.selectFrom('businessCalendars').selectAll().orderBy('name').orderBy('id').execute();
}

export function findCalendar(db: Executor, id: number) {
  return db.selectFrom('businessCalendars').selectAll().where('id', '=', id).executeTakeFirst();
}

export function insertCalendar(db: Executor, values: { name: string; timeZone: string; hours: string; holidays: string; createdAt: string; updatedAt: string }) {
  return db.insertInto('businessCalendars').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateCalendar(db: Executor, id: number, values: { name: string; timeZone: string; hours: string; holidays: string; updatedAt: string }) {
  return db.updateTable('businessCalendars').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

/** What keeps a calendar from being deleted: the policies that count time with it, and whether clocks still do. */
export async function calendarUsers(db: Executor, id: number): Promise<{ policies: Array<{ id: number; name: string }>; usedByClocks: boolean }> {
  const policies = await db.selectFrom('slaPolicies').select(['id', 'name']).where('calendarId', '=', id).orderBy('position').orderBy('id').execute();
  const clock = await db.selectFrom('slaClocks').select('id').where('calendarId', '=', id).limit(1).executeTakeFirst();
  return { policies: policies.map((policy) => ({ id: Number(policy.id), name: policy.name })), usedByClocks: Boolean(clock) };
}

export function deleteCalendar(db: Executor, id: number) {
  return db.deleteFrom('businessCalendars').where('id', '=', id).executeTakeFirst();
}

// --- policies -----------------------------------------------------------------------------------------------
export function listPolicies(db: Executor) {
  return db.selectFrom('slaPolicies').selectAll().orderBy('position').orderBy('id').execute();
}

export function findPolicy(db: Executor, id: number) {
  return db.selectFrom('slaPolicies').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function nextPolicyPosition(db: Executor): Promise<number> {
  const row = await db.selectFrom('slaPolicies').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst();
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
}

type PolicyValues = {
  name: string;
  description: string;
  position: number;
  isActive: boolean;
  conditions: string;
  targets: string;
  calendarId: number;
  pausingStatuses: string;
  warningPercent: number;
  escalations: string;
  updatedAt: string;
};

export function insertPolicy(db: Executor, values: PolicyValues & { createdAt: string }) {
  return db.insertInto('slaPolicies').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePolicy(db: Executor, id: number, values: Partial<PolicyValues>) {
  return db.updateTable('slaPolicies').set(values).where('id', '=', id).returningAll().executeTakeFirst();
}

export function deletePolicy(db: Executor, id: number) {
  return db.deleteFrom('slaPolicies').where('id', '=', id).executeTakeFirst();
}

// --- tickets, as the clocks see them -------------------------------------------------------------------------
const ticketFactColumns = ['id', 'ref', 'status', 'priority', 'type', 'categoryId', 'organizationId', 'teamId', 'channel', 'assigneeId', 'requesterId', 'tier', 'createdAt', 'firstResponseAt', 'resolvedAt', 'closedAt', 'version', 'slaDueAt'] as const;

// Every ticket change reads its facts: built once for each of the two forms (reusable-query.ts).
const ticketFactsQuery = reusableQueryByShape((db, values: { ticketId: number }, lock: 'lock' | 'read') => {
  const query = db.selectFrom('tickets').select([...ticketFactColumns]).where('id', '=', values.ticketId);
  // On PostgreSQL several instances react to the same event: the row lock makes them take turns per ticket.
  return lock === 'lock' ? query.forUpdate() : query;
});

export async function findTicketFacts(db: Executor, ticketId: number, lock: boolean) {
  return (await ticketFactsQuery.run(db, lock ? 'lock' : 'read', { ticketId })).rows[0];
}
export type TicketFacts = NonNullable<Awaited<ReturnType<typeof findTicketFacts>>>;

// Every message asks these (reusable-query.ts; the index ticket_messages_ticket_kind_idx answers both).
const lastPublicReply = reusableQuery((db, values: { ticketId: number }) =>
  db
    .selectFrom('ticketMessages')
    .select('createdAt')
    .where('ticketId', '=', values.ticketId)
    .where('kind', '=', 'reply')
    .where('isInternal', '=', false)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1),
);
const firstMessageAfter = reusableQuery((db, values: { ticketId: number; after: string }) =>
  db
    .selectFrom('ticketMessages')
    .select('createdAt')
    .where('ticketId', '=', values.ticketId)
    .where('kind', '=', 'message')
    .where('createdAt', '>', values.after)
    .orderBy('createdAt')
    .orderBy('id')
    .limit(1),
);

/** The last public agent reply, and the first requester message after it (the start of a wait for an answer). */
export async function conversationFacts(db: Executor, ticketId: number): Promise<{ lastReplyAt: string | null; waitingSince: string | null }> {
  const lastReply = (await lastPublicReply.run(db, { ticketId })).rows[0];
  if (!lastReply) return { lastReplyAt: null, waitingSince: null };
  const waiting = (await firstMessageAfter.run(db, { ticketId, after: lastReply.createdAt })).rows[0];
  return { lastReplyAt: lastReply.createdAt, waitingSince: waiting?.createdAt ?? null };
}

export type ConversationFacts = Awaited<ReturnType<typeof conversationFacts>>;

/** The facts of many tickets in one query, in id order (the order row locks are taken in, so two runs never deadlock). */
export function findTicketFactsOfTickets(db: Executor, ticketIds: readonly number[], lock: boolean) {
  const query = db.selectFrom('tickets').select([...ticketFactColumns]).where('id', 'in', [...ticketIds]).orderBy('id');
  return (lock ? query.forUpdate() : query).execute();
}

/** `conversationFacts` of many tickets from one query over their public replies and requester messages. */
export async function conversationFactsOfTickets(db: Executor, ticketIds: readonly number[]): Promise<Map<number, ConversationFacts>> {
  const rows = await db
    .selectFrom('ticketMessages')
    .select(['ticketId', 'kind', 'createdAt', 'id'])
    .where('ticketId', 'in', [...ticketIds])
    .where((eb) => eb.or([eb.and([eb('kind', '=', 'reply'), eb('isInternal', '=', false)]), eb('kind', '=', 'message')]))
    .execute();
  const byTicket = new Map<number, typeof rows>();
  for (const row of rows) {
    const list = byTicket.get(row.ticketId);
    if (list) list.push(row);
    else byTicket.set(row.ticketId, [row]);
  }
  // The same order as the single-ticket queries: by creation instant, then id.
  const later = (a: { createdAt: string; id: number }, b: { createdAt: string; id: number }) => a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
  const facts = new Map<number, ConversationFacts>();
  for (const ticketId of ticketIds) {
    let lastReply: (typeof rows)[number] | null = null;
    for (const row of byTicket.get(ticketId) ?? []) if (row.kind === 'reply' && (lastReply === null || later(row, lastReply))) lastReply = row;
    if (lastReply === null) {
      facts.set(ticketId, { lastReplyAt: null, waitingSince: null });
      continue;
    }
    let waiting: (typeof rows)[number] | null = null;
    for (const row of byTicket.get(ticketId) ?? []) {
      if (row.kind === 'message' && row.createdAt > lastReply.createdAt && (waiting === null || later(waiting, row))) waiting = row;
    }
    facts.set(ticketId, { lastReplyAt: lastReply.createdAt, waitingSince: waiting?.createdAt ?? null });
  }
  return facts;
}

// --- clocks -------------------------------------------------------------------------------------------------
const clocksOfTicketQuery = reusableQuery((db, values: { ticketId: number }) => db.selectFrom('slaClocks').selectAll().where('ticketId', '=', values.ticketId));

export async function clocksOfTicket(db: Executor, ticketId: number) {
  return (await clocksOfTicketQuery.run(db, { ticketId })).rows;
}

export function clocksOfTickets(db: Executor, ticketIds: readonly number[]) {
  if (ticketIds.length === 0) return Promise.resolve([] as ClockRow[]);
  return db.selectFrom('slaClocks').selectAll().where('ticketId', 'in', ticketIds).execute();
}

/** The clocks of a page of tickets (the list shows each ticket's most urgent one). Cancelled clocks are no longer owed. */
export function owedClocksOfTickets(db: Executor, ticketIds: readonly number[]) {
  return db.selectFrom('slaClocks').selectAll().where('ticketId', 'in', [...ticketIds]).where('state', '<>', 'cancelled').execute();
}

/** Due time stored on a ticket whose clocks are all stopped: sorts after every real due time. */
export const noRunningSlaClock = '9999-12-31T23:59:59.999Z';

/**
 * The due time of the ticket's running clock that comes due first, copied onto the ticket (`sla_due_at`), which the
 * desk sorts and filters by.
 */
const ticketDueUpdate = reusableQuery((db, values: { ticketId: number; dueAt: string }) =>
  db.updateTable('tickets').set({ slaDueAt: values.dueAt }).where('id', '=', values.ticketId),
);
const insertClockRows = reusableInsert('slaClocks', 'none');

export async function setTicketDue(db: Executor, ticketId: number, dueAt: string): Promise<void> {
  await ticketDueUpdate.run(db, { ticketId, dueAt });
}

/** Many new clocks, 500 rows per statement (about 20 parameters each, well under SQLite's limit of 32,766). */
export async function insertClocks(db: Executor, values: ReadonlyArray<Insertable<SlaClocksTable>>): Promise<void> {
  // A ticket's few clocks are one reused statement; a bulk cover's chunks are built as they come.
  if (values.length <= 4) await insertClockRows(db, values);
  else for (let index = 0; index < values.length; index += 500) await db.insertInto('slaClocks').values(values.slice(index, index + 500)).execute();
}

export async function updateClockAtVersion(db: Executor, id: number, version: number, values: Updateable<SlaClocksTable>): Promise<void> {
  if (!(await tryUpdateClockAtVersion(db, id, version, values))) throw new ClockRaceError(`clock ${id} changed underneath`);
}

/** `updateClockAtVersion` that answers false instead of throwing when another writer moved the clock first. */
export async function tryUpdateClockAtVersion(db: Executor, id: number, version: number, values: Updateable<SlaClocksTable>): Promise<boolean> {
  const result = await db
    .updateTable('slaClocks')
    .set({ ...values, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A clock's new values, written at the version it was read at. */
export interface ClockUpdate {
  id: number;
  version: number;
  values: Required<Pick<Updateable<SlaClocksTable>, 'state' | 'targetMs' | 'warningPercent' | 'spentMs' | 'runningSince' | 'startedAt' | 'dueAt' | 'warnAt' | 'nextCheckAt' | 'warnedAt' | 'breachedAt' | 'metAt' | 'policyId' | 'calendarId' | 'updatedAt'>>;
}

/** Column, value key and PostgreSQL type of each value a bulk clock update sets (SQLite needs no casts). */
const clockUpdateColumns = [
  ['state', 'state', 'text'],
  ['target_ms', 'targetMs', 'bigint'],
  ['warning_percent', 'warningPercent', 'integer'],
  ['spent_ms', 'spentMs', 'bigint'],
  ['running_since', 'runningSince', 'timestamptz'],
  ['started_at', 'startedAt', 'timestamptz'],
  ['due_at', 'dueAt', 'timestamptz'],
  ['warn_at', 'warnAt', 'timestamptz'],
  ['next_check_at', 'nextCheckAt', 'timestamptz'],
  ['warned_at', 'warnedAt', 'timestamptz'],
  ['breached_at', 'breachedAt', 'timestamptz'],
  ['met_at', 'metAt', 'timestamptz'],
  ['policy_id', 'policyId', 'bigint'],
  ['calendar_id', 'calendarId', 'bigint'],
  ['updated_at', 'updatedAt', 'timestamptz'],
] as const;

/** Rows per bulk statement: 17 parameters each stays under SQLite's 32,766-parameter limit. */
const bulkRows = 500;

/**
 * Many clocks updated each at its version, in one statement per 500 (`update … from (values …)`, which SQLite and
 * PostgreSQL both speak). Returns the ids that were updated: a clock missing from it was moved by another writer.
 */
export async function updateClocksAtVersions(db: Executor, updates: readonly ClockUpdate[], postgres: boolean): Promise<Set<number>> {
  const updated = new Set<number>();
  // VALUES names its columns column1, column2, … on both databases: id, version, then the columns in order.
  const assignments = clockUpdateColumns.map(([column], position) => `${column} = v.column${position + 3}`).join(', ');
  const types = ['bigint', 'integer', ...clockUpdateColumns.map(([, , type]) => type)];
  for (let index = 0; index < updates.length; index += bulkRows) {
    const rows = updates.slice(index, index + bulkRows).map((update) => [update.id, update.version, ...clockUpdateColumns.map(([, key]) => update.values[key])]);
    const result = await db.executeQuery<{ id: number }>(
      withValues(
        `update sla_clocks set ${assignments}, version = sla_clocks.version + 1 from (`,
        valuesList(postgres ? 'postgres' : 'sqlite', types, rows),
        `) as v where sla_clocks.id = v.column1 and sla_clocks.version = v.column2 returning sla_clocks.id`,
      ),
    );
    for (const row of result.rows) updated.add(Number(row.id));
  }
  return updated;
}

/** Many tickets' `sla_due_at` in one statement per 500, each written only when it changes. */
export async function setTicketsDue(db: Executor, dues: ReadonlyArray<{ ticketId: number; dueAt: string }>, postgres: boolean): Promise<void> {
  for (let index = 0; index < dues.length; index += bulkRows) {
    const rows = dues.slice(index, index + bulkRows).map((due) => [due.ticketId, due.dueAt]);
    await db.executeQuery(
      withValues(
        'update tickets set sla_due_at = v.column2 from (',
        valuesList(postgres ? 'postgres' : 'sqlite', ['bigint', 'timestamptz'], rows),
        ') as v where tickets.id = v.column1 and tickets.sla_due_at <> v.column2',
      ),
    );
  }
}

/** The checker's one indexed query: clocks with a warning or a breach due by now. */
export function dueClocks(db: Executor, now: string, limit: number) {
  return db.selectFrom('slaClocks').selectAll().where('nextCheckAt', '<=', now).orderBy('nextCheckAt').limit(limit).execute();
}

/** Tickets whose clocks still run or wait, for a recompute after a policy or calendar edit. */
export async function ticketsWithOpenClocks(db: Executor, where: { policyId?: number; calendarId?: number }): Promise<number[]> {
  let query = db.selectFrom('slaClocks').select('ticketId').distinct().where('state', 'in', ['running', 'paused']);
  if (where.policyId !== undefined) query = query.where('policyId', '=', where.policyId);
  if (where.calendarId !== undefined) query = query.where('calendarId', '=', where.calendarId);
  return (await query.execute()).map((row) => row.ticketId);
}

/** Open tickets with no clock yet (a policy was added that may now apply to them). */
export async function openTicketsWithoutClocks(db: Executor): Promise<number[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('tickets.id')
    .where('tickets.status', 'in', ['new', 'open', 'pending', 'on_hold'])
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('slaClocks').select(sql`1`.as('one')).whereRef('slaClocks.ticketId', '=', 'tickets.id'))))
    .execute();
  return rows.map((row) => row.id);
}

// --- escalation ---------------------------------------------------------------------------------------------
export async function insertEscalation(db: Executor, values: { ticketId: number; kind: 'automatic' | 'manual'; metric: SlaMetric | null; trigger: 'warning' | 'breach' | null; actions: string; reason: string; actorId: number | null; createdAt: string }): Promise<void> {
  await db.insertInto('slaEscalations').values(values).execute();
}

export async function escalationCount(db: Executor, ticketId: number): Promise<number> {
  const row = await db.selectFrom('slaEscalations').select((eb) => eb.fn.countAll().as('count')).where('ticketId', '=', ticketId).executeTakeFirst();
  return Number(row?.count ?? 0);
}

export async function insertHistory(db: Executor, rows: Array<{ ticketId: number; actorId: number | null; field: string; fromValue: unknown; toValue: unknown; reason: string; createdAt: string }>): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('ticketHistory')
    .values(rows.map((row) => ({ ...row, fromValue: JSON.stringify(row.fromValue ?? null), toValue: JSON.stringify(row.toValue ?? null) })))
    .execute();
}

export async function updateTicketFields(db: Executor, ticketId: number, values: { priority?: string; priorityRank?: number; priorityOverridden?: boolean; teamId?: number | null; tier?: number; assigneeId?: number | null; updatedAt: string }): Promise<void> {
  await db
    .updateTable('tickets')
    .set({ ...(values as object), version: sql`version + 1` } as never)
    .where('id', '=', ticketId)
    .execute();
}

export function teamOfTier(db: Executor, tier: number, teamId: number | undefined) {
  let query = db.selectFrom('teams').select(['id', 'name', 'tier']).where('isActive', '=', true).where('tier', '=', tier);
  if (teamId !== undefined) query = query.where('id', '=', teamId);
  return query.orderBy('id').limit(1).executeTakeFirst();
}

/** Primary addresses of the ticket team's leads, or of every active manager. */
export async function escalationRecipients(db: Executor, kind: 'team_lead' | 'manager', teamId: number | null): Promise<Array<{ userId: number; email: string }>> {
  let query = db
    .selectFrom('users')
    .innerJoin('userEmails', (join) => join.onRef('userEmails.userId', '=', 'users.id').on('userEmails.isPrimary', '=', true))
    .select(['users.id as userId', 'userEmails.email'])
    .where('users.isActive', '=', true);
  if (kind === 'team_lead') {
    if (teamId === null) return [];
    query = query.where('users.id', 'in', (eb) => eb.selectFrom('teamMembers').select('userId').where('teamId', '=', teamId).where('isLead', '=', true));
  } else {
    query = query.where('users.roleId', 'in', (eb) => eb.selectFrom('roles').select('id').where('key', '=', 'manager'));
  }
  return query.orderBy('users.id').execute();
}

export async function insertOutbox(db: Executor, rows: Array<{ recipient: string; subject: string; payload: string; relatedUserId: number; at: string }>): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('outbox')
    .values(rows.map((row) => ({ kind: 'sla.escalation', recipient: row.recipient, subject: row.subject, payload: row.payload, nextAttemptAt: row.at, lastError: null, relatedUserId: row.relatedUserId, createdAt: row.at, sentAt: null })))
    .execute();
}
