import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { createOrganization } from '../../test/factories.js';
import { createTestDesk, type TestDesk } from './test-desk.js';

describe.each(testDatabases)('the ticket journey on %s', (dialect) => {
  let desk: TestDesk;
  beforeEach(async () => {
    desk = await createTestDesk(dialect);
  });
  afterEach(async () => desk.stop());

  it('a requester files, the right team answers and notes, the requester sees the reply but never the note', async () => {
    const { call, requester, agentA, agentB, teamA } = desk;
    // This journey triages by hand: the desk is set to route nothing by default (default-team.test.ts covers routing).
    expect((await call(desk.admin, 'PATCH', '/api/v1/desk-settings', { defaultTeamId: null })).status).toBe(200);
    const filed = await call(requester, 'POST', '/api/v1/tickets', { subject: 'Printer on fire', body: 'It smokes.' });
    expect(filed.status).toBe(201);
    const ticket = filed.body;
    expect(ticket).toMatchObject({
      ref: 1001,
      reference: '#1001',
      status: 'new',
      priority: 'normal',
      assigneeId: null,
      teamId: null,
      version: 1,
      requester: { id: requester.user.id, name: 'Rita Requester', email: requester.user.email },
      channel: 'api',
      type: 'incident',
      reopenCount: 0,
    });

    // Triage it to team A (the manager sees everything).
    const triaged = await call(desk.manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, teamId: teamA.id });
    expect(triaged.status).toBe(200);
    expect(triaged.body).toMatchObject({ teamId: teamA.id, version: 2 });

    // Team A sees it in its list and on its page; team B does not even learn it exists.
    const listA = await call(agentA, 'GET', '/api/v1/tickets');
    expect(listA.body.items.map((t: { id: number }) => t.id)).toEqual([ticket.id]);
    expect((await call(agentB, 'GET', `/api/v1/tickets/${ticket.id}`)).status).toBe(404);
    expect((await call(agentB, 'GET', '/api/v1/tickets')).body.items).toEqual([]);
    expect((await call(agentB, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'hi' })).status).toBe(404);

    const reply = await call(agentA, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Unplug it, please.' });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({ kind: 'reply', internal: false, bodyText: 'Unplug it, please.' });
    // The first public reply answers the ticket and opens it.
    expect(reply.body.ticket).toMatchObject({ status: 'open', version: 3 });
    expect(reply.body.ticket.firstResponseAt).not.toBeNull();

    const note = await call(agentA, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Third fire this month', internal: true });
    expect(note.status).toBe(201);
    expect(note.body.message).toMatchObject({ kind: 'note', internal: true });

    const agentView = await call(agentA, 'GET', `/api/v1/tickets/${ticket.id}/messages`);
    expect(agentView.body.items.map((m: { kind: string }) => m.kind)).toEqual(['message', 'reply', 'note']);

    const requesterView = await call(requester, 'GET', `/api/v1/tickets/${ticket.id}/messages`);
    expect(requesterView.status).toBe(200);
    expect(requesterView.body.items.map((m: { kind: string }) => m.kind)).toEqual(['message', 'reply']);
    expect(JSON.stringify(requesterView.body)).not.toContain('Third fire');
    const requesterTicket = await call(requester, 'GET', `/api/v1/tickets/${ticket.id}`);
    expect(requesterTicket.status).toBe(200);
    expect(JSON.stringify(requesterTicket.body)).not.toContain('Third fire');
    // A note does not even move the ticket's updated time.
    expect(requesterTicket.body.updatedAt).toBe(reply.body.ticket.updatedAt);

    // Requesters cannot write notes, and cannot see other people's tickets.
    const sneaky = await call(requester, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'x', internal: true });
    expect(sneaky.status).toBe(403);
    expect((await call(desk.otherRequester, 'GET', `/api/v1/tickets/${ticket.id}`)).status).toBe(404);
    expect((await call(desk.otherRequester, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).status).toBe(404);
    // History is the desk's, not the requester's.
    expect((await call(requester, 'GET', `/api/v1/tickets/${ticket.id}/history`)).status).toBe(403);
  });

  it('refuses invalid transitions with the allowed ones, and stale updates with the current ticket', async () => {
    const { call, requester, manager } = desk;
    const ticket = (await call(requester, 'POST', '/api/v1/tickets', { subject: 'VPN', body: 'down' })).body;

    const closeNew = await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, status: 'closed' });
    expect(closeNew.status).toBe(409);
    expect(closeNew.body.error.code).toBe('invalid_transition');
    expect(closeNew.body.error.details.allowed).toEqual(['open', 'pending', 'on_hold', 'resolved']);

    const first = await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, status: 'pending' });
    expect(first.body).toMatchObject({ status: 'pending', version: 2 });
    const stale = await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, subject: 'Overwrite' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.details.current).toMatchObject({ id: ticket.id, version: 2, subject: 'VPN', status: 'pending' });
    expect((await call(manager, 'GET', `/api/v1/tickets/${ticket.id}`)).body.subject).toBe('VPN');

    // A requester may only resolve or reopen.
    const requesterPending = await call(requester, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 2, status: 'on_hold' });
    expect(requesterPending.status).toBe(409);
    expect(requesterPending.body.error.details.allowed).toEqual(['resolved']);
    const requesterSubject = await call(requester, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 2, subject: 'mine now' });
    expect(requesterSubject.status).toBe(403);
    const solved = await call(requester, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 2, status: 'resolved' });
    expect(solved.body).toMatchObject({ status: 'resolved', version: 3 });
    expect(solved.body.resolvedAt).not.toBeNull();

    const closed = await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 3, status: 'closed' });
    expect(closed.body).toMatchObject({ status: 'closed', version: 4 });
    const reopenClosed = await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 4, status: 'open' });
    expect(reopenClosed.status).toBe(409);
    expect(reopenClosed.body.error.details.allowed).toEqual([]);
  });

  it('a requester reply moves pending to open, reopens a resolved ticket, and turns a closed one into a new linked ticket', async () => {
    const { call, requester, manager } = desk;
    const ticket = (await call(requester, 'POST', '/api/v1/tickets', { subject: 'Mail', body: 'slow' })).body;
    await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, status: 'pending' });

    const answer = await call(requester, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Here is the log.' });
    expect(answer.body.ticket).toMatchObject({ id: ticket.id, status: 'open', reopenCount: 0, version: 3 });

    await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 3, status: 'resolved' });
    const again = await call(requester, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Still slow.' });
    expect(again.body.ticket).toMatchObject({ id: ticket.id, status: 'open', reopenCount: 1, resolvedAt: null });

    await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 5, status: 'resolved' });
    await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 6, status: 'closed' });
    const followUp = await call(requester, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'It is back!' });
    expect(followUp.status).toBe(201);
    expect(followUp.body.ticket).toMatchObject({ subject: 'Mail', status: 'new', ref: ticket.ref + 1 });
    expect(followUp.body.ticket.id).not.toBe(ticket.id);
    expect(followUp.body.message.ticketId).toBe(followUp.body.ticket.id);
    const old = await call(manager, 'GET', `/api/v1/tickets/${ticket.id}`);
    expect(old.body).toMatchObject({ status: 'closed', version: 7 });
    const links = await call(manager, 'GET', `/api/v1/tickets/${followUp.body.ticket.id}/links`);
    expect(links.body.items).toEqual([expect.objectContaining({ relation: 'related', ticket: expect.objectContaining({ id: ticket.id }) })]);
  });

  it("a colleague's reply to a closed shared request opens a follow-up in the colleague's own name", async () => {
    const { call, requester, otherRequester, manager, app } = desk;
    const organization = await createOrganization(app.database.db, { membersSeeEachOther: true });
    await app.database.db.updateTable('users').set({ organizationId: organization.id }).where('id', 'in', [requester.user.id, otherRequester.user.id]).execute();
    const ticket = (await call(requester, 'POST', '/api/v1/tickets', { subject: 'Shared printer', body: 'offline' })).body;
    await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, status: 'resolved' });
    await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 2, status: 'closed' });
    const followUp = await call(otherRequester, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Offline again on our floor.' });
    expect(followUp.status).toBe(201);
    expect(followUp.body.ticket.id).not.toBe(ticket.id);
    // As a mail to a closed ticket does: the one who wrote asks, not the one who asked last time.
    expect(followUp.body.ticket.requester.id).toBe(otherRequester.user.id);
    expect(followUp.body.message.author.id).toBe(otherRequester.user.id);
  });

  it('stores HTML with scripts sanitised and derives the plain text', async () => {
    const { call, requester, manager } = desk;
    const body = '<p onclick="steal()">Hello <b>there</b><script>alert(1)</script></p><a href="javascript:alert(2)">x</a><img src="x" onerror="boom()">';
    const ticket = (await call(requester, 'POST', '/api/v1/tickets', { subject: 'XSS', body })).body;
    const messages = (await call(manager, 'GET', `/api/v1/tickets/${ticket.id}/messages`)).body.items;
    expect(messages[0].bodyHtml).toBe('<p>Hello <b>there</b></p><a rel="noopener noreferrer nofollow" target="_blank">x</a><img src="x" />');
    expect(messages[0].bodyText).toBe('Hello there\n\nx');
    const plain = await call(manager, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'a < b & c\n\nnext' });
    expect(plain.body.message.bodyHtml).toBe('<p>a &lt; b &amp; c</p><p>next</p>');
    expect(plain.body.message.bodyText).toBe('a < b & c\n\nnext');
  });

  it('writes a history row for every change, with actor, from and to', async () => {
    const { call, requester, manager, agentA, teamA } = desk;
    await call(desk.admin, 'PATCH', '/api/v1/desk-settings', { defaultTeamId: null }); // triaged by hand below
    const ticket = (await call(requester, 'POST', '/api/v1/tickets', { subject: 'Laptop', body: 'broken' })).body;
    await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, {
      version: 1,
      teamId: teamA.id,
      assigneeId: agentA.user.id,
      tags: ['hardware', 'vip'],
      impact: 'high',
      urgency: 'high',
      watcherIds: [desk.otherRequester.user.id],
      reason: 'triage',
    });
    const history = await call(agentA, 'GET', `/api/v1/tickets/${ticket.id}/history`);
    expect(history.status).toBe(200);
    const rows = history.body.items.map((h: { field: string; from: unknown; to: unknown; actor: { id: number } | null; reason: string | null }) => [
      h.field,
      h.from,
      h.to,
      h.actor?.id,
      h.reason,
    ]);
    expect(rows[0][0]).toBe('created');
    expect(rows.slice(1)).toEqual([
      ['teamId', null, teamA.id, manager.user.id, 'triage'],
      ['assigneeId', null, agentA.user.id, manager.user.id, 'triage'],
      ['impact', 'medium', 'high', manager.user.id, 'triage'],
      ['urgency', 'medium', 'high', manager.user.id, 'triage'],
      ['priority', 'normal', 'urgent', manager.user.id, 'triage'],
      ['tags', [], ['hardware', 'vip'], manager.user.id, 'triage'],
      ['watcherIds', [], [desk.otherRequester.user.id], manager.user.id, 'triage'],
    ]);
    // Each row comes with the current names of the people and teams it names by id, and of nothing else.
    const names = history.body.items.map((h: { field: string; names: Record<string, string> }) => [h.field, h.names]);
    expect(names.slice(1)).toEqual([
      ['teamId', { [`team:${teamA.id}`]: teamA.name }],
      ['assigneeId', { [`user:${agentA.user.id}`]: agentA.user.name }],
      ['impact', {}],
      ['urgency', {}],
      ['priority', {}],
      ['tags', {}],
      ['watcherIds', { [`user:${desk.otherRequester.user.id}`]: desk.otherRequester.user.name }],
    ]);
    expect(names[0][1]).toEqual({ [`user:${requester.user.id}`]: requester.user.name });
    // A change to nothing changes nothing: no new version, no history.
    const same = await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 2, teamId: teamA.id });
    expect(same.body.version).toBe(2);
    expect((await call(agentA, 'GET', `/api/v1/tickets/${ticket.id}/history`)).body.items).toHaveLength(8);
  });

  it('answers bad input with a clear 4xx and changes nothing', async () => {
    const { call, requester, manager } = desk;
    expect((await call(requester, 'POST', '/api/v1/tickets', { subject: '', body: 'x' })).body.error.code).toBe('validation_failed');
    expect((await call(requester, 'POST', '/api/v1/tickets', { subject: 'x' })).status).toBe(400);
    expect((await call(requester, 'POST', '/api/v1/tickets', { subject: 'x', body: 'y', teamId: 1 })).status).toBe(403);
    expect((await call(null, 'POST', '/api/v1/tickets', { subject: 'x', body: 'y' })).status).toBe(401);
    const ticket = (await call(requester, 'POST', '/api/v1/tickets', { subject: 'x', body: 'y' })).body;
    const badAssignee = await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, subject: 'changed', assigneeId: requester.user.id });
    expect(badAssignee.status).toBe(400);
    expect(badAssignee.body.error).toMatchObject({ code: 'invalid_field', details: { field: 'assigneeId' } });
    expect((await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, teamId: 99999 })).body.error.code).toBe('invalid_field');
    expect((await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { subject: 'no version' })).status).toBe(400);
    expect((await call(manager, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: 1, status: 'done' })).status).toBe(400);
    expect((await call(manager, 'GET', '/api/v1/tickets/999999')).status).toBe(404);
    expect((await call(manager, 'GET', '/api/v1/tickets?cursor=garbage')).body.error.code).toBe('invalid_field');
    const unchanged = await call(manager, 'GET', `/api/v1/tickets/${ticket.id}`);
    expect(unchanged.body).toMatchObject({ subject: 'x', version: 1, assigneeId: null });
  });

  it('lets an agent log a ticket for a caller by email, creating the requester once', async () => {
    const { call, agentA, teamA } = desk;
    const logged = await call(agentA, 'POST', '/api/v1/tickets', {
      subject: 'Phone: password reset',
      body: 'Caller locked out',
      requesterEmail: 'New.Caller@Example.com',
      requesterName: 'New Caller',
      channel: 'phone',
      teamId: teamA.id,
      priority: 'high',
    });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ channel: 'phone', priority: 'high', priorityOverridden: true, teamId: teamA.id, requester: { name: 'New Caller', email: 'new.caller@example.com' } });
    const again = await call(agentA, 'POST', '/api/v1/tickets', { subject: 'Again', body: 'x', requesterEmail: 'new.caller@example.com', teamId: teamA.id });
    expect(again.body.requesterId).toBe(logged.body.requesterId);
    expect((await call(desk.requester, 'POST', '/api/v1/tickets', { subject: 'x', body: 'y', requesterId: agentA.user.id })).status).toBe(403);
  });
});
