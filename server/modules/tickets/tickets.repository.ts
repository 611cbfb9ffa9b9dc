import { sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { UserRef } from '../../../shared/schemas/tickets.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Dialect, Executor } from '../../platform/db/database.js';
import { listValues, reusableInsert, reusableQuery, reusableQueryByShape, slotList } from '../../platform/db/reusable-query.js';
import { cachedReference } from '../../platform/db/reference-cache.js';
import type { Database } from '../../platform/db/schema.js';
import type { TicketScope } from '../identity/index.js';
import type { TicketRow, UserDirectory } from './tickets.presenter.js';
import type { TicketHistoryTable, TicketsTable } from './tickets.tables.js';

/** The only SQL for tickets themselves; the conversation and relations have their own repository. */

type TicketsExpression = ExpressionBuilder<Database, 'tickets'>;

/** The visibility policy as a WHERE clause (the same rule as canSeeTicket, for lists). */
export function visibleTo(scope: TicketScope) {
  return (eb: TicketsExpression): Expression<SqlBool> => {
    switch (scope.kind) {
      case 'all':
        return sql<SqlBool>`1 = 1`;
      case 'teams':
        return scope.teamIds.length > 0
          ? eb.or([eb('tickets.teamId', 'in', [...scope.teamIds]), eb('tickets.assigneeId', '=', scope.assigneeId)])
          : eb('tickets.assigneeId', '=', scope.assigneeId);
      case 'requester':
        return scope.organizationId !== null
          ? eb.or([eb('tickets.requesterId', '=', scope.requesterId), eb('tickets.organizationId', '=', scope.organizationId)])
          : eb('tickets.requesterId', '=', scope.requesterId);
      case 'none':
        return sql<SqlBool>`1 = 0`;
    }
  };
}

/**
 * Next human reference number, never handed out twice. PostgreSQL takes it from a sequence, which concurrent
 * creates do not wait on; SQLite (one writer at a time) bumps the counter row inside the caller's transaction.
 */
export async function nextTicketRef(tx: Executor, dialect: Dialect): Promise<number> {
  if (dialect === 'postgres') {
    const result = await sql<{ value: string }>`select nextval('ticket_ref_seq') as value`.execute(tx);
    return Number(result.rows[0]!.value);
  }
  const row = (await bumpTicketRef.run(tx, {})).rows[0];
  if (!row) throw new Error('The ticket_ref counter row is missing.');
  return Number(row.value);
}

// Every created ticket runs these: built once per shape (reusable-query.ts).
const bumpTicketRef = reusableQuery((db) =>
  db
    .updateTable('sequences')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'ticket_ref')
    .returning('value'),
);
const insertTicketRows = reusableInsert('tickets', 'all');
const usersWithAddress = reusableQueryByShape((db, values: Record<string, number>, count: string) =>
  db
    .selectFrom('users')
    .leftJoin('userEmails', (join) => join.onRef('userEmails.userId', '=', 'users.id').on('userEmails.isPrimary', '=', true))
    .select(['users.id', 'users.name', 'userEmails.email'])
    .where('users.id', 'in', slotList(values, 'id', Number(count))),
);
const userFactsQuery = reusableQueryByShape((db, values: Record<string, number>, count: string) =>
  db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select(['users.id', 'users.isActive', 'users.organizationId', 'roles.permissions'])
    .where('users.id', 'in', slotList(values, 'id', Number(count))),
);
const insertHistoryRows = reusableInsert('ticketHistory', 'none');

export async function insertTicket(tx: Executor, values: Insertable<TicketsTable>): Promise<TicketRow> {
  const [row] = await insertTicketRows<TicketRow>(tx, [values]);
  if (!row) throw new Error('The ticket insert returned no row.');
  return row;
}

export async function findTicket(db: Executor, id: number): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findVisibleTicket(db: Executor, id: number, scope: TicketScope): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('id', '=', id).where(visibleTo(scope)).executeTakeFirst();
}

/** Writes `changes` only if the ticket is still at `expectedVersion`; undefined means someone else won. */
export async function updateTicketAtVersion(
  tx: Executor,
  id: number,
  expectedVersion: number,
  changes: Updateable<TicketsTable>,
): Promise<TicketRow | undefined> {
  return tx
    .updateTable('tickets')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returningAll()
    .executeTakeFirst();
}

export async function replaceTags(tx: Executor, ticketId: number, before: readonly string[], after: readonly string[]): Promise<void> {
  const removed = before.filter((tag) => !after.includes(tag));
  const added = after.filter((tag) => !before.includes(tag));
  if (removed.length > 0) await tx.deleteFrom('ticketTags').where('ticketId', '=', ticketId).where('tag', 'in', removed).execute();
  if (added.length > 0) await tx.insertInto('ticketTags').values(added.map((tag) => ({ ticketId, tag }))).execute();
}

export async function replaceWatchers(
  tx: Executor,
  ticketId: number,
  before: readonly number[],
  after: readonly number[],
  at: string,
): Promise<void> {
  const removed = before.filter((id) => !after.includes(id));
  const added = after.filter((id) => !before.includes(id));
  if (removed.length > 0) await tx.deleteFrom('ticketWatchers').where('ticketId', '=', ticketId).where('userId', 'in', removed).execute();
  if (added.length > 0) await tx.insertInto('ticketWatchers').values(added.map((userId) => ({ ticketId, userId, createdAt: at }))).execute();
}

export type HistoryEntry = Omit<Insertable<TicketHistoryTable>, 'fromValue' | 'toValue'> & { fromValue: unknown; toValue: unknown };

export async function insertHistory(tx: Executor, entries: readonly HistoryEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await insertHistoryRows(
    tx,
    entries.map((entry) => ({
      ...entry,
      fromValue: entry.fromValue === undefined || entry.fromValue === null ? null : JSON.stringify(entry.fromValue),
      toValue: entry.toValue === undefined || entry.toValue === null ? null : JSON.stringify(entry.toValue),
    })),
  );
}

/** Names and primary addresses of `ids`, in one query (a page's requesters and assignees). */
export async function loadUsers(db: Executor, ids: Iterable<number | null>): Promise<UserDirectory> {
  const unique = [...new Set([...ids].filter((id): id is number => id !== null))];
  const users = new Map<number, UserRef>();
  if (unique.length === 0) return users;
  const rows = (await usersWithAddress.run(db, String(unique.length), listValues('id', unique))).rows;
  for (const row of rows) users.set(row.id, { id: row.id, name: row.name, email: row.email ?? null });
  return users;
}

export interface UserFacts {
  id: number;
  isActive: boolean;
  organizationId: number | null;
  permissions: string[];
}

/** What the rules need to know about a person named in a request (assignee, requester, watcher). */
export async function loadUserFacts(db: Executor, ids: readonly number[]): Promise<Map<number, UserFacts>> {
  const facts = new Map<number, UserFacts>();
  if (ids.length === 0) return facts;
  const unique = [...new Set(ids)];
  const rows = (await userFactsQuery.run(db, String(unique.length), listValues('id', unique))).rows;
  for (const row of rows) {
    facts.set(row.id, {
      id: row.id,
      isActive: Boolean(row.isActive),
      organizationId: row.organizationId,
      permissions: parseJson<string[]>(row.permissions),
    });
  }
  return facts;
}

export async function findUserIdByEmail(db: Executor, email: string): Promise<number | undefined> {
  const row = await db.selectFrom('userEmails').select('userId').where('email', '=', email.toLowerCase()).executeTakeFirst();
  return row?.userId;
}

/**
 * A person first heard of through a ticket (phone call, email) becomes a requester without a
 * password; they can sign in later by emailed link. Their address's domain may place them in an
 * organisation.
 */
export async function createRequesterUser(tx: Executor, email: string, name: string, at: string): Promise<number> {
  const address = email.toLowerCase();
  const domain = address.split('@')[1] ?? '';
  const role = await tx.selectFrom('roles').select('id').where('key', '=', 'requester').executeTakeFirstOrThrow();
  const organization = await tx.selectFrom('organizationDomains').select('organizationId').where('domain', '=', domain).executeTakeFirst();
  const user = await tx
    .insertInto('users')
    .values({
      name,
      roleId: role.id,
      organizationId: organization?.organizationId ?? null,
      phone: null,
      passwordHash: null,
      capacity: null,
      lastSignInAt: null,
      createdAt: at,
      updatedAt: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.insertInto('userEmails').values({ userId: user.id, email: address, isPrimary: true }).execute();
  return user.id;
}

/** A team's tier and whether it takes tickets: asked for by every ticket routed to it (see reference-cache.ts). */
export async function findTeam(db: Executor, id: number) {
  return cachedReference(db, `team:${id}`, () => db.selectFrom('teams').select(['id', 'tier', 'isActive']).where('id', '=', id).executeTakeFirst());
}

export async function findCategory(db: Executor, id: number) {
  return db.selectFrom('categories').select(['id', 'defaultTeamId', 'isActive']).where('id', '=', id).executeTakeFirst();
}

/** Resolved tickets whose resolution is older than `resolvedBefore` (the auto-close job), oldest first. */
export async function findResolvedBefore(db: Executor, resolvedBefore: string, limit: number): Promise<TicketRow[]> {
  return db
    .selectFrom('tickets')
    .selectAll()
    .where('status', '=', 'resolved')
    .where('resolvedAt', '<=', resolvedBefore)
    .orderBy('resolvedAt')
    .limit(limit)
    .execute();
}
