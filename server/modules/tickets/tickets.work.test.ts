import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import type { DomainEvent } from '../../platform/events/event-bus.js';
import { testDatabases } from '../../test/databases.js';
import { createTicketsModule } from './tickets.module.js';
import { createTestDesk, type TestDesk } from './test-desk.js';

describe.each(testDatabases)('working on tickets on %s', (dialect) => {
  let desk: TestDesk;
  const clock = createFixedClock('2026-11-02T09:00:00.000Z');
  beforeEach(async () => {
    clock.set('2026-11-02T09:00:00.000Z');
    desk = await createTestDesk(dialect, { clock });
  });
  afterEach(async () => desk.stop());

  const file = async (subject: string, extra: Record<string, unknown> = {}) => {
    const response = await desk.call(desk.manager, 'POST', '/api/v1/tickets', { subject, body: `${subject} body`, requesterId: desk.requester.user.id, ...extra });
    expect(response.status).toBe(201);
    return response.body;
  };

  it('refuses a status without a field required from it, naming the field, and accepts it once filled', async () => {
    const { call, admin, manager } = desk;
    const field = await call(admin, 'POST', '/api/v1/custom-fields', { key: 'root_cause', label: 'Root cause', fieldType: 'dropdown', options: ['hardware', 'software'], requiredFromStatus: 'resolved' });
    expect(field.status).toBe(201);
    expect((await call(manager, 'POST', '/api/v1/custom-fields', { key: 'x', label: 'X', fieldType: 'text' })).status).toBe(403);
    const ticket = await file('Disk');
    const refused = await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, status: 'resolved' });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: 'required_field_missing', details: { key: 'root_cause', label: 'Root cause' } });
    expect(refused.body.error.message).toContain('Root cause');
    const wrongValue = await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, status: 'resolved', customFields: { root_cause: 'cosmic rays' } });
    expect(wrongValue.body.error).toMatchObject({ code: 'invalid_field', details: { field: 'customFields.root_cause' } });
    expect((await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, customFields: { nope: 1 } })).body.error.code).toBe('invalid_field');
    const resolved = await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, status: 'resolved', customFields: { root_cause: 'hardware' } });
    expect(resolved.body).toMatchObject({ status: 'resolved', customFields: { root_cause: 'hardware' }, version: 2 });
  });

  it('keeps categories as a tree and routes a new ticket to its category’s team', async () => {
    const { call, admin, teamB } = desk;
    const hardware = (await call(admin, 'POST', '/api/v1/categories', { name: 'Hardware' })).body;
    const laptops = (await call(admin, 'POST', '/api/v1/categories', { name: 'Laptops', parentId: hardware.id, defaultTeamId: teamB.id })).body;
    expect((await call(admin, 'POST', '/api/v1/categories', { name: 'Laptops', parentId: hardware.id })).body.error.code).toBe('duplicate');
    expect((await call(admin, 'PATCH', `/api/v1/categories/${hardware.id}`, { parentId: laptops.id })).body.error.code).toBe('invalid_field');
    await call(admin, 'POST', '/api/v1/categories', { name: 'Access' });
    const tree = await call(desk.requester, 'GET', '/api/v1/categories');
    expect(tree.body.items.map((c: { path: string; depth: number }) => [c.path, c.depth])).toEqual([
      ['Access', 0],
      ['Hardware', 0],
      ['Hardware / Laptops', 1],
    ]);
    const ticket = await call(desk.requester, 'POST', '/api/v1/tickets', { subject: 'Battery', body: 'dead', categoryId: laptops.id });
    expect(ticket.body).toMatchObject({ categoryId: laptops.id, teamId: teamB.id, tier: 2 });
  });

  it('follows the admin’s priority matrix', async () => {
    const { call, admin } = desk;
    const matrix = (await call(admin, 'GET', '/api/v1/priority-matrix')).body;
    matrix.medium.medium = 'high';
    expect((await call(desk.agentA, 'PUT', '/api/v1/priority-matrix', matrix)).status).toBe(403);
    expect((await call(admin, 'PUT', '/api/v1/priority-matrix', matrix)).status).toBe(200);
    expect((await file('Default impact and urgency')).priority).toBe('high');
    expect((await file('Explicit', { impact: 'low', urgency: 'low' })).priority).toBe('low');
  });

  it('bulk-edits what it may and reports each ticket on its own', async () => {
    const { call, agentA, teamA, teamB } = desk;
    const mine = await file('Mine', { teamId: teamA.id });
    const alsoMine = await file('Also mine', { teamId: teamA.id, tags: ['keep'] });
    const theirs = await file('Theirs', { teamId: teamB.id });
    const bulk = await call(agentA, 'POST', '/api/v1/tickets/bulk', {
      ticketIds: [mine.id, alsoMine.id, theirs.id],
      changes: { assigneeId: agentA.user.id, status: 'pending', priority: 'high', addTags: ['printer'], removeTags: ['keep'] },
    });
    expect(bulk.status).toBe(200);
    expect(bulk.body.results.map((r: { ticketId: number; ok: boolean }) => [r.ticketId, r.ok])).toEqual([
      [mine.id, true],
      [alsoMine.id, true],
      [theirs.id, false],
    ]);
    expect(bulk.body.results[2].error.code).toBe('not_found');
    expect(bulk.body.results[1].ticket).toMatchObject({ assigneeId: agentA.user.id, status: 'pending', priority: 'high', tags: ['printer'], version: 2 });
    const closeAll = await call(agentA, 'POST', '/api/v1/tickets/bulk', { ticketIds: [mine.id], changes: { status: 'closed' } });
    expect(closeAll.body.results[0]).toMatchObject({ ok: false, error: { code: 'invalid_transition', details: { allowed: ['open', 'on_hold', 'resolved'] } } });
    expect((await call(desk.requester, 'POST', '/api/v1/tickets/bulk', { ticketIds: [mine.id], changes: { status: 'resolved' } })).status).toBe(403);
    expect((await call(agentA, 'POST', '/api/v1/tickets/bulk', { ticketIds: [mine.id], changes: {} })).status).toBe(400);
  });

  it('merges: messages move to the target, the source closes and is linked as a duplicate', async () => {
    const { call, manager } = desk;
    const source = await file('Outlook crashes');
    const target = await file('Outlook broken');
    await call(manager, 'POST', `/api/v1/tickets/${source.id}/messages`, { body: 'Note on source', internal: true });
    const merged = await call(manager, 'POST', `/api/v1/tickets/${source.id}/merge`, { targetId: target.id });
    expect(merged.status).toBe(200);
    expect(merged.body.movedMessages).toBe(2);
    expect(merged.body.source).toMatchObject({ status: 'closed', mergedIntoId: target.id });
    const messages = (await call(manager, 'GET', `/api/v1/tickets/${target.id}/messages`)).body.items;
    // In the order they were written, whichever ticket they started on.
    expect(messages.map((m: { bodyText: string }) => m.bodyText)).toEqual(['Outlook crashes body', 'Outlook broken body', 'Note on source']);
    expect((await call(manager, 'GET', `/api/v1/tickets/${source.id}/messages`)).body.items).toEqual([]);
    const links = (await call(manager, 'GET', `/api/v1/tickets/${source.id}/links`)).body.items;
    expect(links).toEqual([expect.objectContaining({ relation: 'duplicate_of', ticket: expect.objectContaining({ id: target.id }) })]);
    expect((await call(manager, 'POST', `/api/v1/tickets/${source.id}/merge`, { targetId: target.id })).body.error.code).toBe('invalid_transition');
    expect((await call(manager, 'POST', `/api/v1/tickets/${target.id}/merge`, { targetId: target.id })).status).toBe(400);
  });

  it('pages with a keyset cursor that stays stable while tickets arrive', async () => {
    const { call, manager } = desk;
    const created = [];
    for (let i = 0; i < 5; i += 1) {
      created.push(await file(`T${i}`));
      clock.advance(1000);
    }
    const first = await call(manager, 'GET', '/api/v1/tickets?limit=2');
    expect(first.body.items.map((t: { subject: string }) => t.subject)).toEqual(['T4', 'T3']);
    // New tickets arrive between pages: they go on top, and the next page starts where the last ended.
    await file('Newcomer');
    const second = await call(manager, 'GET', `/api/v1/tickets?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((t: { subject: string }) => t.subject)).toEqual(['T2', 'T1']);
    const third = await call(manager, 'GET', `/api/v1/tickets?limit=2&cursor=${second.body.nextCursor}`);
    expect(third.body.items.map((t: { subject: string }) => t.subject)).toEqual(['T0']);
    expect(third.body.nextCursor).toBeNull();
    const ascending = await call(manager, 'GET', '/api/v1/tickets?limit=3&sort=ref');
    expect(ascending.body.items.map((t: { ref: number }) => t.ref)).toEqual([1001, 1002, 1003]);
    expect((await call(manager, 'GET', `/api/v1/tickets?sort=ref&cursor=${first.body.nextCursor}`)).status).toBe(400);
  });

  it('pages an agent’s queue (my teams or assigned to me, several statuses) without gaps or repeats', async () => {
    const { call, agentA, teamA, teamB, manager } = desk;
    const expected: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      // Alternate: team A's, team B's assigned to agent A, and team B's not theirs (never listed).
      const extra = i % 3 === 0 ? { teamId: teamA.id } : i % 3 === 1 ? { teamId: teamB.id, assigneeId: agentA.user.id } : { teamId: teamB.id };
      const ticket = await file(`Q${i}`, extra);
      if (i % 3 !== 2) expected.unshift(ticket.id);
      if (i === 3) await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, status: 'pending' });
      clock.advance(1000);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: number }[]; nextCursor: string | null } } = await call(
        agentA,
        'GET',
        `/api/v1/tickets?status=new,pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.body.items.map((t) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(expected);
  });

  it('filters by assignee me and unassigned, status, tags and creation time', async () => {
    const { call, agentA, teamA } = desk;
    const assigned = await file('Assigned', { teamId: teamA.id, assigneeId: agentA.user.id, tags: ['vpn'] });
    clock.advance(60_000);
    const unassigned = await file('Unassigned', { teamId: teamA.id });
    const ids = async (query: string) => (await call(agentA, 'GET', `/api/v1/tickets?${query}`)).body.items.map((t: { id: number }) => t.id);
    expect(await ids('assigneeId=me')).toEqual([assigned.id]);
    expect(await ids('assigneeId=unassigned')).toEqual([unassigned.id]);
    expect(await ids('assigneeId=me,unassigned')).toEqual([unassigned.id, assigned.id]);
    expect(await ids('tags=vpn')).toEqual([assigned.id]);
    expect(await ids('status=new&status=open')).toEqual([unassigned.id, assigned.id]);
    expect(await ids('status=open')).toEqual([]);
    expect(await ids('createdFrom=2026-11-02T09:00:30Z')).toEqual([unassigned.id]);
    expect((await call(agentA, 'GET', '/api/v1/tickets?status=nope')).status).toBe(400);
  });

  it('links tickets both ways and tracks time, with history on both sides', async () => {
    const { call, manager } = desk;
    const problem = await file('Problem: DNS');
    const incident = await file('Cannot browse');
    const link = await call(manager, 'POST', `/api/v1/tickets/${incident.id}/links`, { relation: 'caused_by', ticketId: problem.id });
    expect(link.status).toBe(201);
    expect((await call(manager, 'POST', `/api/v1/tickets/${incident.id}/links`, { relation: 'caused_by', ticketId: problem.id })).body.error.code).toBe('duplicate');
    const fromProblem = (await call(manager, 'GET', `/api/v1/tickets/${problem.id}/links`)).body.items;
    expect(fromProblem).toEqual([expect.objectContaining({ relation: 'causes', ticket: expect.objectContaining({ id: incident.id }) })]);
    const time = await call(manager, 'POST', `/api/v1/tickets/${incident.id}/time-entries`, { minutes: 25, note: 'checked resolver' });
    expect(time.body).toMatchObject({ minutes: 25, note: 'checked resolver', agent: { id: manager.user.id } });
    expect((await call(manager, 'POST', `/api/v1/tickets/${incident.id}/time-entries`, { minutes: 0 })).status).toBe(400);
    expect((await call(manager, 'DELETE', `/api/v1/tickets/${incident.id}/links/${link.body.id}`)).status).toBe(204);
    const history = (await call(manager, 'GET', `/api/v1/tickets/${problem.id}/history`)).body.items.map((h: { field: string }) => h.field);
    expect(history).toEqual(['created', 'link', 'link']);
  });

  it('closes resolved tickets after autoCloseDays, and only those', async () => {
    const { call, manager } = desk;
    const old = await file('Old');
    const reopened = await file('Reopened');
    await call(manager, 'PATCH', `/api/v1/tickets/${old.id}`, { version: 1, status: 'resolved' });
    await call(manager, 'PATCH', `/api/v1/tickets/${reopened.id}`, { version: 1, status: 'resolved' });
    await call(manager, 'PATCH', `/api/v1/tickets/${reopened.id}`, { version: 2, status: 'open' });
    clock.advance(7 * 24 * 3600 * 1000);
    const { tickets } = createTicketsModule(desk.app.context);
    expect(await tickets.closeResolvedTickets(clock.now())).toBe(1);
    expect(await tickets.closeResolvedTickets(clock.now())).toBe(0);
    expect((await call(manager, 'GET', `/api/v1/tickets/${old.id}`)).body).toMatchObject({ status: 'closed', closedAt: '2026-11-09T09:00:00.000Z' });
    expect((await call(manager, 'GET', `/api/v1/tickets/${reopened.id}`)).body.status).toBe('open');
    const history = (await call(manager, 'GET', `/api/v1/tickets/${old.id}/history`)).body.items.at(-1);
    expect(history).toMatchObject({ actor: null, reason: 'closed automatically 7 days after resolution' });
  });

  it('publishes events after commit with what the event stream needs to filter', async () => {
    const seen: DomainEvent[] = [];
    desk.app.context.events.subscribe('*', (event) => {
      seen.push(event);
    });
    const ticket = await file('Events', { teamId: desk.teamA.id });
    await desk.call(desk.agentA, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'secret', internal: true });
    await desk.call(desk.agentA, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, assigneeId: desk.agentA.user.id });
    const mine = seen.filter((e) => (e.payload as { ticketId?: number }).ticketId === ticket.id);
    expect(mine.map((e) => e.type)).toEqual(['ticket.created', 'message.created', 'message.created', 'ticket.updated']);
    expect(mine[2]!.payload).toMatchObject({ internal: true, kind: 'note', requesterId: desk.requester.user.id, teamId: desk.teamA.id });
    expect(mine[3]!.payload).toMatchObject({ assigneeId: desk.agentA.user.id, previous: { assigneeId: null }, changes: [{ field: 'assigneeId', from: null, to: desk.agentA.user.id }] });
  });
});
