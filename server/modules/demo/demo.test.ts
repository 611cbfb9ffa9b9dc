import { afterEach, describe, expect, it } from 'vitest';
import { parseJson } from '../../platform/db/column-types.js';
import { createTestDatabase, testDatabases, type TestDatabase } from '../../test/databases.js';
import { documentScope } from '../tickets/index.js';
import { DeskNotEmptyError, demoDeskSize, generateTickets, seedDemoDesk } from './index.js';

const now = new Date('2026-11-20T15:00:00.000Z');

describe.each(testDatabases)('demo desk on %s', (dialect) => {
  let database: TestDatabase;
  afterEach(async () => {
    await database.destroy();
  });

  it('seeds three tiered teams, the staff, requesters in organisations, categories and 2,000 tickets of the last 90 days', async () => {
    database = await createTestDatabase(dialect);
    const result = await seedDemoDesk(database, { now });
    const { db } = database;

    expect(result.tickets).toBe(demoDeskSize.tickets);
    expect(result.desk.password).toMatch(/^.{20}$/);
    const teams = await db.selectFrom('teams').select(['name', 'tier']).orderBy('tier').execute();
    expect(teams).toEqual([
      { name: 'Service Desk', tier: 1 },
      { name: 'Desktop & Apps', tier: 2 },
      { name: 'Infrastructure', tier: 3 },
    ]);
    const leads = await db.selectFrom('teamMembers').select('teamId').where('isLead', '=', true).execute();
    expect(leads).toHaveLength(3);
    const roles = await db
      .selectFrom('users')
      .innerJoin('roles', 'roles.id', 'users.roleId')
      .select(['roles.key', (eb) => eb.fn.countAll().as('count')])
      .groupBy('roles.key')
      .execute();
    const count = (key: string) => Number(roles.find((r) => r.key === key)?.count ?? 0);
    expect(count('requester')).toBe(300);
    expect(count('agent')).toBe(13);
    expect(count('team_lead')).toBe(3);
    expect(count('manager')).toBe(1);
    expect(count('admin')).toBeGreaterThanOrEqual(1);
    const withoutOrganization = await db.selectFrom('users').innerJoin('roles', 'roles.id', 'users.roleId').select('users.id').where('roles.key', '=', 'requester').where('organizationId', 'is', null).execute();
    expect(withoutOrganization).toHaveLength(0);
    const leafCategories = await db.selectFrom('categories').select('id').where('parentId', 'is not', null).execute();
    expect(leafCategories.length).toBeGreaterThanOrEqual(9);

    const tickets = await db.selectFrom('tickets').selectAll().execute();
    expect(tickets).toHaveLength(2000);
    const oldest = Math.min(...tickets.map((t) => Date.parse(t.createdAt)));
    expect(now.getTime() - oldest).toBeLessThanOrEqual(90 * 24 * 3600 * 1000);
    expect(new Set(tickets.map((t) => t.status))).toEqual(new Set(['new', 'open', 'pending', 'on_hold', 'resolved', 'closed']));
    expect(new Set(tickets.map((t) => t.ref)).size).toBe(2000);
    const sequence = await db.selectFrom('sequences').select('value').where('name', '=', 'ticket_ref').executeTakeFirstOrThrow();
    expect(Number(sequence.value)).toBe(Math.max(...tickets.map((t) => t.ref)));

    // Every ticket opens with the requester's own message.
    const firstMessages = await db
      .selectFrom('ticketMessages')
      .select(['ticketId', 'kind', 'authorId', 'createdAt'])
      .where('id', 'in', (eb) => eb.selectFrom('ticketMessages').select((s) => s.fn.min('id').as('id')).groupBy('ticketId'))
      .execute();
    const byTicket = new Map(firstMessages.map((m) => [m.ticketId, m]));
    for (const ticket of tickets) {
      const first = byTicket.get(ticket.id);
      expect(first, `ticket ${ticket.id}`).toMatchObject({ kind: 'message', authorId: ticket.requesterId, createdAt: ticket.createdAt });
    }
    const notes = await db.selectFrom('ticketMessages').select('id').where('kind', '=', 'note').where('isInternal', '=', true).limit(1).execute();
    expect(notes).toHaveLength(1);

    // One SLA policy covers the desk: every open ticket has its clocks, with what is past already recorded, so the
    // checker starts with nothing overdue to announce; finished tickets have none.
    expect(await db.selectFrom('slaPolicies').select('name').execute()).toEqual([{ name: 'Standard IT support' }]);
    const clocks = await db.selectFrom('slaClocks').select(['ticketId', 'state', 'dueAt', 'breachedAt', 'nextCheckAt']).execute();
    const open = tickets.filter((t) => !['resolved', 'closed'].includes(t.status));
    expect(new Set(clocks.map((c) => c.ticketId))).toEqual(new Set(open.map((t) => t.id)));
    expect(clocks.filter((c) => c.nextCheckAt !== null && c.nextCheckAt <= now.toISOString())).toEqual([]);
    expect(clocks.some((c) => c.state === 'running' && c.breachedAt !== null && c.breachedAt === c.dueAt)).toBe(true);
    expect(tickets.filter((t) => open.includes(t) && t.slaDueAt !== null && !t.slaDueAt.startsWith('9999')).length).toBeGreaterThan(0);

    // Replaying the history from the values at creation gives each ticket's current fields.
    const history = await db.selectFrom('ticketHistory').selectAll().orderBy('id').execute();
    const state = new Map(
      tickets.map((t) => [t.id, { status: 'new' as unknown, assigneeId: null as unknown, teamId: null as unknown, tier: null as unknown, changes: 0 }]),
    );
    for (const row of history) {
      const current = state.get(row.ticketId)!;
      const field = row.field as 'status' | 'assigneeId' | 'teamId' | 'tier';
      const from = parseJson<unknown>(row.fromValue);
      if (current[field] !== null || field === 'status' || field === 'assigneeId') expect(from, `ticket ${row.ticketId} ${field}`).toEqual(current[field]);
      current[field] = parseJson<unknown>(row.toValue);
      current.changes++;
    }
    for (const ticket of tickets) {
      const replayed = state.get(ticket.id)!;
      expect(replayed.status, `ticket ${ticket.id}`).toBe(ticket.status);
      expect(replayed.assigneeId, `ticket ${ticket.id}`).toEqual(ticket.assigneeId);
      if (replayed.teamId !== null) expect(replayed.teamId).toBe(ticket.teamId);
      expect(ticket.version).toBe(1 + replayed.changes);
      expect(Boolean(ticket.resolvedAt)).toBe(ticket.status === 'resolved' || ticket.status === 'closed');
      expect(Boolean(ticket.closedAt)).toBe(ticket.status === 'closed');
      expect(parseJson<string[]>(ticket.tags).length).toBeGreaterThan(0);
    }

    // The search index holds the subject and every message.
    const documents = await db.selectFrom('searchDocuments').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    const messages = await db.selectFrom('ticketMessages').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    expect(Number(documents.count)).toBe(Number(messages.count) + 2000);
    // Each document says who may find it, from the ticket's final team, assignee, requester and organisation.
    const scoped = await db
      .selectFrom('searchDocuments')
      .innerJoin('tickets', 'tickets.id', 'searchDocuments.ticketId')
      .select(['tickets.teamId', 'tickets.assigneeId', 'tickets.requesterId', 'tickets.organizationId', 'searchDocuments.isInternal', 'searchDocuments.scope'])
      .execute();
    for (const row of scoped) expect(row.scope).toBe(documentScope(row, Boolean(row.isInternal)));
  }, 60_000);

  it('refuses to seed a desk that already has tickets', async () => {
    database = await createTestDatabase(dialect);
    await generateTickets(database, { tickets: 5, now });
    await expect(seedDemoDesk(database, { now })).rejects.toThrow(DeskNotEmptyError);
    const tickets = await database.db.selectFrom('tickets').select('id').execute();
    expect(tickets).toHaveLength(5);
  });

  it('generates N tickets with about M messages each, continuing references and ids, findable by search', async () => {
    database = await createTestDatabase(dialect);
    const first = await generateTickets(database, { tickets: 300, messagesPerTicket: 3, now });
    const second = await generateTickets(database, { tickets: 200, messagesPerTicket: 3, now });
    expect(first.tickets).toBe(300);
    expect(second.tickets).toBe(200);
    expect(second.firstRef).toBe(first.lastRef + 1);
    expect(second.desk.password).toBeNull();
    const tickets = await database.db.selectFrom('tickets').select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow();
    expect(Number(tickets.count)).toBe(500);
    expect(first.messages / first.tickets).toBeGreaterThan(1.5);
    expect(first.messages / first.tickets).toBeLessThan(4.5);
    const hits =
      dialect === 'sqlite'
        ? await database.sqlite!.prepare(`select count(*) as count from search_documents_fts where search_documents_fts match 'body : printer'`).get()
        : (await database.pgPool!.query(`select count(*)::int as count from search_documents where search_vector @@ to_tsquery('simple', 'printer')`)).rows[0];
    expect(Number((hits as { count: number }).count)).toBeGreaterThan(0);
  }, 60_000);
});
