import { sql } from 'kysely';
import type { User } from '../../../shared/schemas/identity.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Executor } from '../../platform/db/database.js';
import { worksTickets } from './actor.js';
import { decodeNameIdCursor, encodeCursor } from './cursor.js';

/** Users as the API shows them, for any number of ids in three queries (no N+1). */
export async function loadUsers(db: Executor, ids: readonly number[]): Promise<User[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .selectAll('users')
    .select('roles.key as roleKey')
    .where('users.id', 'in', ids)
    .execute();
  const emails = await db.selectFrom('userEmails').select(['id', 'userId', 'email', 'isPrimary']).where('userId', 'in', ids).orderBy('id').execute();
  const memberships = await db.selectFrom('teamMembers').select(['userId', 'teamId', 'isLead']).where('userId', 'in', ids).orderBy('teamId').execute();
  const byId = new Map(
    rows.map((row) => {
      const own = emails.filter((e) => e.userId === row.id);
      const teams = memberships.filter((m) => m.userId === row.id);
      const user: User = {
        id: row.id,
        name: row.name,
        email: (own.find((e) => Boolean(e.isPrimary)) ?? own[0])?.email ?? null,
        emails: own.map((e) => ({ id: e.id, email: e.email, isPrimary: Boolean(e.isPrimary) })),
        role: row.roleKey,
        organizationId: row.organizationId,
        phone: row.phone,
        timeZone: row.timeZone,
        locale: row.locale,
        isActive: Boolean(row.isActive),
        isServiceAccount: Boolean(row.isServiceAccount),
        hasPassword: row.passwordHash !== null,
        teamIds: teams.map((m) => m.teamId),
        leadTeamIds: teams.filter((m) => Boolean(m.isLead)).map((m) => m.teamId),
        skills: parseJson<string[]>(row.skills),
        capacity: row.capacity,
        availability: row.availability,
        lastSignInAt: row.lastSignInAt,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      };
      return [row.id, user] as const;
    }),
  );
  return ids.map((id) => byId.get(id)).filter((user): user is User => user !== undefined);
}

/** Those of `ids` who can be given a ticket now: active people whose role works tickets. */
export async function activeAgentIds(db: Executor, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select(['users.id', 'roles.permissions'])
    .where('users.id', 'in', [...new Set(ids)])
    .where('users.isActive', '=', true)
    .execute();
  return new Set(rows.filter((row) => worksTickets(parseJson<string[]>(row.permissions))).map((row) => Number(row.id)));
}

export async function loadUser(db: Executor, id: number): Promise<User | undefined> {
  return (await loadUsers(db, [id]))[0];
}

export async function userIdByEmail(db: Executor, email: string): Promise<number | undefined> {
  const row = await db.selectFrom('userEmails').select('userId').where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  return row?.userId;
}

export interface UserFilter {
  role?: string | undefined;
  teamId?: number | undefined;
  organizationId?: number | undefined;
  active?: boolean | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** Escapes LIKE wildcards so a search for "50%" means the text "50%". */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** People sorted by name, keyset-paginated on (name, id): stable and fast however deep the page. */
export async function listUserIds(db: Executor, filter: UserFilter): Promise<{ ids: number[]; nextCursor: string | null }> {
  let query = db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.roleId').select(['users.id', 'users.name']);
  if (filter.role) query = query.where('roles.key', '=', filter.role);
  if (filter.organizationId) query = query.where('users.organizationId', '=', filter.organizationId);
  if (filter.active !== undefined) query = query.where('users.isActive', '=', filter.active);
  if (filter.teamId) {
    const teamId = filter.teamId;
    query = query.where('users.id', 'in', (qb) => qb.selectFrom('teamMembers').select('userId').where('teamId', '=', teamId));
  }
  if (filter.q) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(users.name)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(coalesce(users.phone, ''))`, 'like', sql`${pattern} escape '\\'`),
        eb('users.id', 'in', eb.selectFrom('userEmails').select('userId').where(sql`email`, 'like', sql`${pattern} escape '\\'`)),
      ]),
    );
  }
  const after = decodeNameIdCursor(filter.cursor);
  if (after) {
    const [name, id] = after;
    query = query.where((eb) => eb.or([eb('users.name', '>', name), eb.and([eb('users.name', '=', name), eb('users.id', '>', id)])]));
  }
  const rows = await query.orderBy('users.name').orderBy('users.id').limit(filter.limit + 1).execute();
  const pageRows = rows.slice(0, filter.limit);
  const last = pageRows[pageRows.length - 1];
  return {
    ids: pageRows.map((row) => row.id),
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.name, last.id]) : null,
  };
}
