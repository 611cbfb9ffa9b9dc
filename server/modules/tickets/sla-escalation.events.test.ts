import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import type { DomainEvent } from '../../platform/events/event-bus.js';
import { createApiToken, createTeam, createUser } from '../../test/factories.js';
import { testDatabases } from '../../test/databases.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { openEventStream } from './events-stream.test-client.js';

// 24×7 calendar in UTC; policy "Front line": high → first response 60 min (urgent 30), warning at 50 %. On breach of
// the first response: move to the tier-2 team and raise the priority. Monday 2 March 2026.
describe.each(testDatabases)('SLA escalation tells open desks on %s', (dialect) => {
  const clock = createFixedClock('2026-03-02T09:00:00.000Z');
  let app: TestApp;
  let adminToken: string;
  let frontAgentToken: string;
  let secondAgentToken: string;
  let requesterId: number;
  let frontTeamId: number;
  let secondTeamId: number;
  const updates: DomainEvent[] = [];

  const call = async (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => {
    const response = await app.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
  const updatesOf = (ticketId: number) => updates.filter((event) => (event.payload as { ticketId: number }).ticketId === ticketId);
  const fileHighTicket = async (subject: string) => {
    const created = await call(adminToken, 'POST', '/api/v1/tickets', { subject, body: 'It broke.', requesterId, teamId: frontTeamId, priority: 'high' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as { id: number; version: number };
  };

  beforeAll(async () => {
    app = await createTestApp(dialect, { clock, listen: true });
    const db = app.database.db;
    frontTeamId = (await createTeam(db, { name: 'Front line' })).id;
    secondTeamId = (await createTeam(db, { name: 'Second line', tier: 2 })).id;
    adminToken = await createApiToken(db, (await createUser(db, { role: 'admin', password: null })).id, 'admin');
    frontAgentToken = await createApiToken(db, (await createUser(db, { role: 'agent', password: null, teamIds: [frontTeamId] })).id);
    secondAgentToken = await createApiToken(db, (await createUser(db, { role: 'agent', password: null, teamIds: [secondTeamId] })).id);
    requesterId = (await createUser(db, { role: 'requester', password: null })).id;
    const calendar = await call(adminToken, 'POST', '/api/v1/business-calendars', { name: 'Always', timeZone: 'UTC', hours: '24x7' });
    const policy = await call(adminToken, 'POST', '/api/v1/sla-policies', {
      name: 'Front line',
      calendarId: calendar.body.id,
      warningPercent: 50,
      targets: { high: { firstResponseMinutes: 60 }, urgent: { firstResponseMinutes: 30 } },
      escalations: [{ trigger: 'breach', metric: 'first_response', actions: [{ type: 'move_to_tier', tier: 2, teamId: secondTeamId }, { type: 'raise_priority' }] }],
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    app.context.events.subscribe('ticket.updated', (event) => {
      updates.push(event);
    });
  });
  afterAll(async () => app?.stop());

  it('publishes ticket.updated when a warning fires and when a breach escalates, once each, to the right desks', async () => {
    const ticket = await fileHighTicket('Mail server down');
    const front = await openEventStream(app.url, frontAgentToken);
    const second = await openEventStream(app.url, secondAgentToken);
    try {
      // 09:30 = 50 % of 60 min: the warning. Nothing about the ticket changes but its SLA colour.
      clock.set('2026-03-02T09:30:00.000Z');
      await app.context.jobs.runDue();
      await app.context.jobs.runDue();
      expect(updatesOf(ticket.id).map((event) => (event.payload as { changes: unknown[] }).changes)).toEqual([
        [{ field: 'sla', from: null, to: { metric: 'first_response', status: 'warning' } }],
      ]);
      const warned = await front.next((event) => event.type === 'ticket.updated' && event.data.ticket?.id === ticket.id);
      expect(warned.data.ticket).toMatchObject({ id: ticket.id, visible: true, teamId: frontTeamId, priority: 'high' });

      // 10:00: breached; escalation moves it to the second line and raises the priority.
      clock.set('2026-03-02T10:00:00.000Z');
      await app.context.jobs.runDue();
      await app.context.jobs.runDue();
      const breach = updatesOf(ticket.id)[1]!;
      expect(breach.actorId).toBeNull();
      expect((breach.payload as { changes: unknown[] }).changes).toEqual([
        { field: 'teamId', from: frontTeamId, to: secondTeamId },
        { field: 'tier', from: 1, to: 2 },
        { field: 'priority', from: 'high', to: 'urgent' },
        { field: 'sla', from: null, to: { metric: 'first_response', status: 'breached' } },
      ]);
      const current = await call(adminToken, 'GET', `/api/v1/tickets/${ticket.id}`);
      expect((breach.payload as { version: number }).version).toBe(current.body.version);
      expect(current.body.sla).toMatchObject({ metric: 'first_response', status: 'breached' });
      // The second line sees it arrive; the front line learns only that it left.
      const arrived = await second.next((event) => event.type === 'ticket.updated' && event.data.ticket?.id === ticket.id);
      expect(arrived.data.ticket).toMatchObject({ id: ticket.id, visible: true, teamId: secondTeamId, priority: 'urgent' });
      const left = await front.next((event) => event.type === 'ticket.updated' && event.data.ticket?.id === ticket.id);
      expect(left.data.ticket).toEqual({ id: ticket.id, visible: false });

      // Nothing more is due: checking again publishes nothing.
      clock.set('2026-03-02T10:05:00.000Z');
      await app.context.jobs.runDue();
      expect(updatesOf(ticket.id)).toHaveLength(2);
    } finally {
      front.close();
      second.close();
    }
  });

  it('publishes ticket.updated for a manual escalation, and nothing for a refused one', async () => {
    clock.set('2026-03-02T11:00:00.000Z');
    const ticket = await fileHighTicket('Printer jam');
    const refused = await call(frontAgentToken, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { tier: 2, reason: 'no' });
    expect(refused.status).toBe(400);
    const noTeam = await call(frontAgentToken, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { tier: 3, reason: 'Needs a specialist' });
    expect(noTeam.status).toBe(400);
    expect(updatesOf(ticket.id)).toHaveLength(0);
    expect((await call(adminToken, 'GET', `/api/v1/tickets/${ticket.id}`)).body).toMatchObject({ teamId: frontTeamId, version: ticket.version });

    const escalated = await call(frontAgentToken, 'POST', `/api/v1/tickets/${ticket.id}/escalate`, { tier: 2, reason: 'Needs a specialist' });
    expect(escalated.status, JSON.stringify(escalated.body)).toBe(200);
    const [update] = updatesOf(ticket.id);
    expect(update!.type).toBe('ticket.updated');
    expect(update!.payload).toMatchObject({
      teamId: secondTeamId,
      previous: { teamId: frontTeamId },
      changes: [
        { field: 'teamId', from: frontTeamId, to: secondTeamId },
        { field: 'tier', from: 1, to: 2 },
      ],
    });
  });
});
