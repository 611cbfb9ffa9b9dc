import { isPermission, type Permission } from '../../../shared/permissions.js';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { parseJson } from '../../platform/db/column-types.js';
import { reusableQuery } from '../../platform/db/reusable-query.js';
import type { Actor } from './actor.js';

/**
 * The person behind a request as one row: role permissions, organisation, and teams as `teamId:lead` pairs. Every
 * authenticated request starts here, so nothing of it takes a second round trip, and an API token is looked up in
 * the same query (authenticate.ts).
 */
export function actorQuery(db: Db) {
  return db
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
    ]);
}

type ActorRow = NonNullable<Awaited<ReturnType<ReturnType<typeof actorQuery>['executeTakeFirst']>>>;

// Every request signed in by session runs it: built once (reusable-query.ts).
const actorById = reusableQuery((db, values: { userId: number }) => actorQuery(db).where('users.id', '=', values.userId));

export async function loadActor(db: Db, userId: number, via: Actor['via'], extra: Partial<Actor> = {}): Promise<Actor | null> {
  return toActor((await actorById.run(db, { userId })).rows[0], via, extra);
}

/** An actor from its row; null for a deactivated person (or none). */
export function toActor(user: ActorRow | undefined, via: Actor['via'], extra: Partial<Actor> = {}): Actor | null {
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
