import type { z } from 'zod';
import type { CreateTeamSchema, SetTeamMembersSchema, UpdateTeamSchema } from '../../../shared/schemas/identity.js';
import type { Executor } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/http/errors.js';
import { recordAudit, type AuditContext } from './audit.js';
import { isUniqueViolation, roleByKey, assertCanJoinTeams } from './guards.js';
import type { IdentityDeps } from './identity-deps.js';

export interface Team {
  id: number;
  name: string;
  description: string;
  tier: number;
  isActive: boolean;
  members: { userId: number; name: string; isLead: boolean }[];
  createdAt: string;
  updatedAt: string;
}

export async function loadTeams(db: Executor, ids?: readonly number[]): Promise<Team[]> {
  if (ids && ids.length === 0) return [];
  let teamsQuery = db.selectFrom('teams').selectAll().orderBy('tier').orderBy('name');
  if (ids) teamsQuery = teamsQuery.where('id', 'in', ids);
  const teams = await teamsQuery.execute();
  if (teams.length === 0) return [];
  const members = await db
    .selectFrom('teamMembers')
    .innerJoin('users', 'users.id', 'teamMembers.userId')
    .select(['teamMembers.teamId', 'teamMembers.userId', 'teamMembers.isLead', 'users.name'])
    .where('teamMembers.teamId', 'in', teams.map((t) => t.id))
    .orderBy('users.name')
    .execute();
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    description: team.description,
    tier: team.tier,
    isActive: Boolean(team.isActive),
    members: members.filter((m) => m.teamId === team.id).map((m) => ({ userId: m.userId, name: m.name, isLead: Boolean(m.isLead) })),
    createdAt: team.createdAt,
    updatedAt: team.updatedAt,
  }));
}

export async function loadTeam(db: Executor, id: number): Promise<Team> {
  const team = (await loadTeams(db, [id]))[0];
  if (!team) throw new NotFoundError(`There is no team ${id}.`);
  return team;
}

function duplicateName(error: unknown, name: string | undefined): never {
  if (isUniqueViolation(error)) throw new ConflictError('duplicate', `A team named "${name ?? ''}" already exists.`, { field: 'name' });
  throw error;
}

export async function createTeam(deps: IdentityDeps, input: z.output<typeof CreateTeamSchema>, audit: AuditContext): Promise<Team> {
  const now = deps.clock.now().toISOString();
  try {
    return await inTransaction(deps.db, async (tx) => {
      const row = await tx
        .insertInto('teams')
        .values({ name: input.name, tier: input.tier, description: input.description, createdAt: now, updatedAt: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      const team = await loadTeam(tx, row.id);
      await recordAudit(tx, audit, { action: 'team.created', entityType: 'team', entityId: row.id, after: team });
      return team;
    });
  } catch (error) {
    return duplicateName(error, input.name);
  }
}

export async function updateTeam(deps: IdentityDeps, id: number, input: z.output<typeof UpdateTeamSchema>, audit: AuditContext): Promise<Team> {
  const now = deps.clock.now().toISOString();
  try {
    return await inTransaction(deps.db, async (tx) => {
      const before = await loadTeam(tx, id);
      await tx
        .updateTable('teams')
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.tier !== undefined ? { tier: input.tier } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
          updatedAt: now,
        })
        .where('id', '=', id)
        .execute();
      const after = await loadTeam(tx, id);
      await recordAudit(tx, audit, { action: 'team.updated', entityType: 'team', entityId: id, before, after });
      return after;
    });
  } catch (error) {
    return duplicateName(error, input.name);
  }
}

/** Replaces the whole membership (members and leads) in one transaction: the list sent is the team. */
export async function setTeamMembers(deps: IdentityDeps, id: number, input: z.output<typeof SetTeamMembersSchema>, audit: AuditContext): Promise<Team> {
  const now = deps.clock.now().toISOString();
  const wanted = new Map<number, boolean>();
  for (const member of input.members) wanted.set(member.userId, (wanted.get(member.userId) ?? false) || member.isLead);
  return inTransaction(deps.db, async (tx) => {
    const before = await loadTeam(tx, id);
    const userIds = [...wanted.keys()];
    const people =
      userIds.length === 0
        ? []
        : await tx
            .selectFrom('users')
            .innerJoin('roles', 'roles.id', 'users.roleId')
            .select(['users.id', 'roles.key'])
            .where('users.id', 'in', userIds)
            .execute();
    const missing = userIds.filter((userId) => !people.some((p) => p.id === userId));
    if (missing.length > 0) throw new ValidationError('invalid_field', `members: there is no user ${missing.join(', ')}.`, { field: 'members', missing });
    for (const person of people) {
      try {
        assertCanJoinTeams(await roleByKey(tx, person.key), [id]);
      } catch {
        throw new ValidationError('invalid_field', `members: user ${person.id} has the role "${person.key}", which cannot be in a team.`, { field: 'members' });
      }
    }
    await tx.deleteFrom('teamMembers').where('teamId', '=', id).execute();
    for (const [userId, isLead] of wanted) {
      await tx.insertInto('teamMembers').values({ teamId: id, userId, isLead, createdAt: now }).execute();
    }
    await tx.updateTable('teams').set({ updatedAt: now }).where('id', '=', id).execute();
    const after = await loadTeam(tx, id);
    await recordAudit(tx, audit, { action: 'team.members_changed', entityType: 'team', entityId: id, before: before.members, after: after.members });
    return after;
  });
}
