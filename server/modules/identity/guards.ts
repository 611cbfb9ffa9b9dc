import { isPermission, type Permission } from '../../../shared/permissions.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Executor } from '../../platform/db/database.js';
import { ConflictError, ForbiddenError, ValidationError } from '../../platform/http/errors.js';
import { worksTickets, type Actor } from './actor.js';

/** A database unique constraint fired (two requests raced past our own check). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

export async function roleByKey(db: Executor, key: string): Promise<{ id: number; key: string; permissions: Permission[] }> {
  const role = await db.selectFrom('roles').select(['id', 'key', 'permissions']).where('key', '=', key).executeTakeFirst();
  if (!role) throw new ValidationError('invalid_field', `role: there is no role "${key}".`, { field: 'role' });
  return { id: role.id, key: role.key, permissions: parseJson<unknown[]>(role.permissions).filter(isPermission) };
}

/**
 * Nobody hands out more than they hold: a manager (users.manage) cannot make someone an admin, or
 * change an admin's password, which would make them one in all but name.
 */
export function assertWithinOwnPermissions(actor: Actor | null, granted: readonly Permission[], what: string): void {
  if (!actor) return; // the command line acts with the operator's full authority
  const missing = granted.filter((permission) => !actor.permissions.has(permission));
  if (missing.length > 0) {
    throw new ForbiddenError('forbidden', `${what} would grant permissions you do not have (${missing.join(', ')}).`);
  }
}

/** Teams hold people who work tickets, never requesters. */
export function assertCanJoinTeams(role: { key: string; permissions: readonly Permission[] }, teamIds: readonly number[]): void {
  if (teamIds.length === 0) return;
  if (!worksTickets(role.permissions)) {
    throw new ValidationError('invalid_field', `teamIds: a person with the role "${role.key}" cannot be a team member.`, { field: 'teamIds' });
  }
}

export async function assertTeamsExist(db: Executor, teamIds: readonly number[], field = 'teamIds'): Promise<void> {
  const unique = [...new Set(teamIds)];
  if (unique.length === 0) return;
  const found = await db.selectFrom('teams').select('id').where('id', 'in', unique).execute();
  const missing = unique.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0) throw new ValidationError('invalid_field', `${field}: there is no team ${missing.join(', ')}.`, { field, missing });
}

export async function assertOrganizationExists(db: Executor, organizationId: number | null | undefined): Promise<void> {
  if (organizationId === null || organizationId === undefined) return;
  const found = await db.selectFrom('organizations').select('id').where('id', '=', organizationId).executeTakeFirst();
  if (!found) throw new ValidationError('invalid_field', `organizationId: there is no organisation ${organizationId}.`, { field: 'organizationId' });
}

export async function assertEmailFree(db: Executor, email: string): Promise<void> {
  const taken = await db.selectFrom('userEmails').select('userId').where('email', '=', email).executeTakeFirst();
  if (taken) throw new ConflictError('duplicate', `${email} already belongs to someone.`, { field: 'email' });
}

/**
 * The desk must keep at least one active admin: demoting or deactivating the last one would lock
 * everybody out of the settings. Counted inside the caller's transaction (rows locked on PostgreSQL,
 * SQLite serialises writers), so two admins demoting each other at once cannot both succeed.
 */
export async function assertNotLastAdmin(db: Executor, dialect: 'sqlite' | 'postgres', userId: number): Promise<void> {
  let query = db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select('users.id')
    .where('roles.key', '=', 'admin')
    .where('users.isActive', '=', true);
  if (dialect === 'postgres') query = query.forUpdate('users');
  const admins = await query.execute();
  if (admins.some((row) => row.id === userId) && admins.length <= 1) {
    throw new ConflictError('last_admin', 'This is the last active admin; make someone else an admin first.');
  }
}
