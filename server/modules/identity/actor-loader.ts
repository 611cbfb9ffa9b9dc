import { isPermission, type Permission } from '../../../shared/permissions.js';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { parseJson } from '../../platform/db/column-types.js';
import type { Actor } from './actor.js';

/**
 * Loads an active user as an Actor (role permissions, teams, organisation) in one query: every authenticated
 * request starts here, so its teams come along as `teamId:lead` pairs instead of in a second round trip.
 */
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
      (eb) =>
        eb
          .selectFrom('teamMembers')
          .select(sql<string | null>`string_agg(cast(team_members.team_id as text) || ':' || case when team_members.is_lead then '1' else '0' end, ',')`.as('pairs'))
          .whereRef('teamMembers.userId', '=', 'users.id')
          .as('teams'),
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst();
  if (!user || !user.isActive) return null;
  const memberships = (user.teams ? user.teams.split(',') : []).map((pair) => {
    const [teamId, lead] = pair.split(':');
    return { teamId: Number(teamId), isLead: lead === '1' };
  });
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
