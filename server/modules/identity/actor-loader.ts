import { isPermission, type Permission } from '../../../shared/permissions.js';
import type { Db } from '../../platform/db/database.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Actor } from './actor.js';

/** Loads an active user as an Actor (role permissions, teams, organisation) in two queries. */
export async function loadActor(db: Db, userId: number, via: Actor['via'], extra: Partial<Actor> = {}): Promise<Actor | null> {
  const user = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .leftJoin('organizations', 'organizations.id', 'users.organizationId')
    .select([
      'users.id',
      'users.name',
      'users.isActive',
      'users.organizationId',
      'users.timeZone',
      'users.locale',
      'roles.key as roleKey',
      'roles.permissions',
      'organizations.membersSeeEachOther',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || !user.isActive) return null;
  const memberships = await db.selectFrom('teamMembers').select(['teamId', 'isLead']).where('userId', '=', userId).execute();
  const granted = parseJson<unknown[]>(user.permissions).filter(isPermission) as Permission[];
  return {
    userId: user.id,
    name: user.name,
    roleKey: user.roleKey,
    permissions: new Set(granted),
    organizationId: user.organizationId,
    organizationSharesTickets: Boolean(user.membersSeeEachOther),
    teamIds: memberships.map((m) => m.teamId),
    leadTeamIds: memberships.filter((m) => Boolean(m.isLead)).map((m) => m.teamId),
    timeZone: user.timeZone,
    locale: user.locale,
    via,
    ...extra,
  };
}
