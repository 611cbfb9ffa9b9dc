import { sql } from 'kysely';
import type { Database } from '../server/platform/db/database.js';
import { hashToken } from '../server/platform/secrets.js';
import { apiTokenPrefix, newApiTokenValue } from '../server/modules/identity/api-token-format.js';

/** Who drives each benchmark, and which tickets they work on, read from the generated desk. */
export interface BenchCast {
  agent: { id: number; email: string; teamId: number };
  manager: { id: number; email: string };
  requesters: Array<{ id: number; email: string }>;
  /** Tickets with at least 20 messages (the ticket page benchmark). */
  longTicketIds: number[];
  /** Active tickets of the agent's team (the reply benchmark). */
  replyTicketIds: number[];
}

export async function findCast(database: Database): Promise<BenchCast> {
  const { db } = database;
  const email = (userId: number) =>
    db.selectFrom('userEmails').select('email').where('userId', '=', userId).where('isPrimary', '=', true).executeTakeFirstOrThrow();
  const agent = await db
    .selectFrom('teamMembers')
    .innerJoin('users', 'users.id', 'teamMembers.userId')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .innerJoin('teams', 'teams.id', 'teamMembers.teamId')
    .select(['users.id', 'teamMembers.teamId'])
    .where('roles.key', '=', 'agent')
    .where('teams.tier', '=', 1)
    .orderBy('users.id')
    .executeTakeFirstOrThrow();
  const manager = await db
    .selectFrom('users')
    .innerJoin('roles', 'roles.id', 'users.roleId')
    .select('users.id')
    .where('roles.key', '=', 'manager')
    .orderBy('users.id')
    .executeTakeFirstOrThrow();
  const requesters = await db
    .selectFrom('tickets')
    .select(['requesterId', (eb) => eb.fn.countAll().as('count')])
    .groupBy('requesterId')
    .orderBy('count', 'desc')
    .orderBy('requesterId')
    .limit(6)
    .execute();
  const longTickets = await db
    .selectFrom('ticketMessages')
    .select('ticketId')
    .groupBy('ticketId')
    .having(sql`count(*)`, '>=', 20)
    .orderBy('ticketId', 'desc')
    .limit(200)
    .execute();
  const replyTickets = await db
    .selectFrom('tickets')
    .select('id')
    .where('teamId', '=', agent.teamId)
    .where('status', 'in', ['open', 'pending', 'on_hold'])
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  return {
    agent: { id: agent.id, email: (await email(agent.id)).email, teamId: agent.teamId },
    manager: { id: manager.id, email: (await email(manager.id)).email },
    requesters: await Promise.all(requesters.map(async (r) => ({ id: r.requesterId, email: (await email(r.requesterId)).email }))),
    longTicketIds: longTickets.map((t) => t.ticketId),
    replyTicketIds: replyTickets.map((t) => t.id),
  };
}

/** Writes token rows the way the token service stores them (hash + prefix), for builds without `create-token`. */
export async function writeTokens(database: Database, userIds: number[]): Promise<string[]> {
  const tokens: string[] = [];
  for (const userId of userIds) {
    const token = newApiTokenValue();
    await database.db
      .insertInto('apiTokens')
      .values({
        userId,
        name: 'benchmark',
        tokenHash: hashToken(token),
        prefix: apiTokenPrefix(token),
        scope: 'write',
        expiresAt: null,
        lastUsedAt: null,
        revokedAt: null,
        createdById: null,
        createdAt: new Date().toISOString(),
      })
      .execute();
    tokens.push(token);
  }
  return tokens;
}
