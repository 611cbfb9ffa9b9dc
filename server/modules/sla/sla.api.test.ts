import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { createApiToken, createTeam, createUser } from '../../test/factories.js';
import { testDatabases } from '../../test/databases.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

// London office, Mon–Fri 09:00–17:00; January 2026 is GMT (= UTC). Fri 16 Jan, Mon 19 Jan 2026.
// Policy "Office": high → first response 60 min, resolution 480 min; urgent → 30 / 60 next / 240.
// Every due time below is worked out by hand beside it.
const officeHours = { start: '09:00', end: '17:00' };
const calendarBody = {
  name: 'London office',
  timeZone: 'Europe/London',
  hours: { monday: [officeHours], tuesday: [officeHours], wednesday: [officeHours], thursday: [officeHours], friday: [officeHours] },
  holidays: [{ date: '2020-12-25', recurring: true, name: 'Christmas Day' }],
};

describe.each(testDatabases)('service levels over the API on %s', (dialect) => {
  const clock = createFixedClock('2026-01-16T16:30:00.000Z');
  let app: TestApp;
  let admin: string;
  let agent: string;
  let requester: string;
  let requesterId: number;
  let leadId: number;
  let teamId: number;
  let calendarId: number;
  let policyId: number;
  let ticketId: number;

  const call = async (token: string | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const response = await app.http.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
  const sla = async () => (await call(admin, 'GET', `/api/v1/tickets/${ticketId}/sla`)).body;
  const clockOf = async (metric: string) => (await sla()).clocks.find((c: { metric: string }) => c.metric === metric);
  const ticketVersion = async () => (await call(admin, 'GET', `/api/v1/tickets/${ticketId}`)).body.version as number;

  beforeAll(async () => {
    app = await createTestApp(dialect, { clock });
    const db = app.database.db;
    const team = await createTeam(db, { name: 'Service desk' });
    teamId = team.id;
    await createTeam(db, { name: 'Second line', tier: 2 });
    const adminUser = await createUser(db, { role: 'admin' });
    admin = await createApiToken(db, adminUser.id, 'admin');
    const agentUser = await createUser(db, { role: 'agent', teamIds: [teamId] });
    agent = await createApiToken(db, agentUser.id);
    const lead = await createUser(db, { role: 'team_lead', leadTeamIds: [teamId] });
    leadId = lead.id;
    const requesterUser = await createUser(db, { role: 'requester' });
    requesterId = requesterUser.id;
    requester = await createApiToken(db, requesterUser.id);
  });
  afterAll(async () => app?.stop());

  it('refuses unusable calendars with a clear 400', async () => {
    const noHours = await call(admin, 'POST', '/api/v1/business-calendars', { ...calendarBody, hours: {} });
    expect(noHours.status).toBe(400);
    expect(noHours.body.error.code).toBe('validation_failed');
    const badZone = await call(admin, 'POST', '/api/v1/business-calendars', { ...calendarBody, timeZone: 'Mars/Base' });
    expect(badZone.status).toBe(400);
    expect((await call(agent, 'POST', '/api/v1/business-calendars', calendarBody)).status).toBe(403);
  });

  it('creates a calendar and a policy', async () => {
    const calendar = await call(admin, 'POST', '/api/v1/business-calendars', calendarBody);
    expect(calendar.status).toBe(201);
    calendarId = calendar.body.id;
    const policy = await call(admin, 'POST', '/api/v1/sla-policies', {
      name: 'Office',
      calendarId,
      targets: {
        high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
        urgent: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 240 },
      },
      escalations: [{ trigger: 'breach', metric: 'first_response', actions: [{ type: 'raise_priority' }, { type: 'notify_team_lead' }] }],
    });
    expect(policy.status).toBe(201);
    policyId = policy.body.id;
    expect(policy.body).toMatchObject({ position: 0, warningPercent: 75, pausingStatuses: ['pending', 'on_hold'] });
    const missingCalendar = await call(admin, 'POST', '/api/v1/sla-policies', { name: 'Broken', calendarId: 999_999, targets: {} });
    expect(missingCalendar.status).toBe(400);
    expect(missingCalendar.body.error.code).toBe('invalid_field');
  });

  it('audits calendar and policy changes, by name', async () => {
    const entries = (await call(admin, 'GET', '/api/v1/audit-events?limit=100')).body.items as Array<Record<string, unknown>>;
    const about = entries.filter((entry) => entry.entityType === 'sla_policy' || entry.entityType === 'business_calendar');
    expect(about.map((entry) => [entry.action, entry.entityName, entry.actorName])).toEqual([
      ['sla_policy.created', 'Office', expect.any(String)],
      ['business_calendar.created', 'London office', expect.any(String)],
    ]);
    expect(about[0]!.actorName).toBe(about[1]!.actorName);
    expect(about[0]!.after).toMatchObject({ name: 'Office', calendarId });
  });

  it('previews due times', async () => {
    // Created Fri 16:30, high: first response 60 min = Fri 16:30–17:00 (30) + Mon 09:00–09:30 → Mon 09:30Z;
    // resolution 480 min = 30 Fri + 450 Mon → Mon 09:00 + 7 h 30 → 16:30Z.
    const preview = await call(admin, 'POST', '/api/v1/sla-policies/preview', { priority: 'high' });
    expect(preview.body).toMatchObject({ policy: { id: policyId, name: 'Office' }, createdAt: '2026-01-16T16:30:00.000Z', firstResponseDueAt: '2026-01-19T09:30:00.000Z', resolutionDueAt: '2026-01-19T16:30:00.000Z' });
    const none = await call(admin, 'POST', '/api/v1/sla-policies/preview', { priority: 'low' });
    expect(none.body).toMatchObject({ firstResponseDueAt: null, resolutionDueAt: null });
  });

  it('starts the clocks when a ticket is created', async () => {
    const created = await call(agent, 'POST', '/api/v1/tickets', { subject: 'VPN down', body: 'It does not connect', requesterId, priority: 'high', teamId });
    expect(created.status).toBe(201);
    ticketId = created.body.id;
    const state = await sla();
    expect(state.policy).toEqual({ id: policyId, name: 'Office' });
    // Same sums as the preview: Mon 09:30Z and Mon 16:30Z; warning at 45 min: Fri 30 + Mon 15 → 09:15Z.
    expect(await clockOf('first_response')).toMatchObject({ state: 'running', dueAt: '2026-01-19T09:30:00.000Z', status: 'ok', targetMs: 3_600_000 });
    expect(await clockOf('resolution')).toMatchObject({ state: 'running', dueAt: '2026-01-19T16:30:00.000Z' });
  });

  it('records the warning and the breach once, escalates, and recomputes after the priority rises', async () => {
    // Mon 09:31: the checker finds the warning (09:15) and the breach (09:30) of the first response.
    clock.set('2026-01-19T09:31:00.000Z');
    await app.context.jobs.runDue();
    await app.context.jobs.runDue();
    const first = await clockOf('first_response');
    expect(first).toMatchObject({ warnedAt: '2026-01-19T09:15:00.000Z', breachedAt: '2026-01-19T09:30:00.000Z', status: 'breached' });
    const state = await sla();
    expect(state.escalationCount).toBe(1);
    const ticket = (await call(agent, 'GET', `/api/v1/tickets/${ticketId}`)).body;
    expect(ticket.priority).toBe('urgent');
    // Urgent resolution 240 min; spent by 09:31 = Fri 30 + Mon 31 = 61 → 179 left → 09:31 + 2 h 59 → 12:30Z.
    expect(await clockOf('resolution')).toMatchObject({ targetMs: 240 * 60_000, dueAt: '2026-01-19T12:30:00.000Z' });
    const history = (await call(agent, 'GET', `/api/v1/tickets/${ticketId}/history`)).body;
    const entries = Array.isArray(history) ? history : history.items;
    expect(entries.some((entry: { field: string; reason: string | null }) => entry.field === 'priority' && entry.reason?.includes('first response breached'))).toBe(true);
    const outbox = await app.database.db.selectFrom('outbox').selectAll().where('kind', '=', 'sla.escalation').execute();
    expect(outbox.map((row) => row.relatedUserId)).toEqual([leadId]);
  });

  it('meets the first response, pauses while pending, and runs the next response after the requester writes', async () => {
    clock.set('2026-01-19T10:00:00.000Z');
    expect((await call(agent, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Try restarting the client' })).status).toBe(201);
    expect(await clockOf('first_response')).toMatchObject({ state: 'met', metAt: '2026-01-19T10:00:00.000Z', breachedAt: '2026-01-19T09:30:00.000Z' });
    expect((await call(agent, 'PATCH', `/api/v1/tickets/${ticketId}`, { version: await ticketVersion(), status: 'pending' })).status).toBe(200);
    // Resolution spent at 10:00: 61 + 29 = 90 min.
    expect(await clockOf('resolution')).toMatchObject({ state: 'paused', dueAt: null, spentMs: 90 * 60_000 });

    clock.set('2026-01-19T11:00:00.000Z');
    expect((await call(requester, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Still broken' })).status).toBe(201);
    // Pending → open at 11:00: 150 min left → 13:30Z. Next response 60 min from 11:00 → 12:00Z.
    expect(await clockOf('resolution')).toMatchObject({ state: 'running', dueAt: '2026-01-19T13:30:00.000Z' });
    expect(await clockOf('next_response')).toMatchObject({ state: 'running', startedAt: '2026-01-19T11:00:00.000Z', dueAt: '2026-01-19T12:00:00.000Z' });
  });

  it('meets the resolution on resolve and resumes it on reopen', async () => {
    clock.set('2026-01-19T11:30:00.000Z');
    expect((await call(agent, 'POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Fixed the certificate' })).status).toBe(201);
    expect(await clockOf('next_response')).toMatchObject({ state: 'met', metAt: '2026-01-19T11:30:00.000Z' });
    expect((await call(agent, 'PATCH', `/api/v1/tickets/${ticketId}`, { version: await ticketVersion(), status: 'resolved' })).status).toBe(200);
    // Spent at 11:30: 90 + 30 = 120 min.
    expect(await clockOf('resolution')).toMatchObject({ state: 'met', metAt: '2026-01-19T11:30:00.000Z', spentMs: 120 * 60_000 });

    // Reopened Tue 20 Jan 09:00: 120 min left → 11:00Z.
    clock.set('2026-01-20T09:00:00.000Z');
    expect((await call(agent, 'PATCH', `/api/v1/tickets/${ticketId}`, { version: await ticketVersion(), status: 'open' })).status).toBe(200);
    expect(await clockOf('resolution')).toMatchObject({ state: 'running', metAt: null, dueAt: '2026-01-20T11:00:00.000Z' });
  });

  it('escalates by hand with a required reason', async () => {
    const noReason = await call(agent, 'POST', `/api/v1/tickets/${ticketId}/escalate`, { tier: 2 });
    expect(noReason.status).toBe(400);
    const escalated = await call(agent, 'POST', `/api/v1/tickets/${ticketId}/escalate`, { tier: 2, reason: 'Needs network access' });
    expect(escalated.status).toBe(200);
    expect(escalated.body.escalationCount).toBe(2);
    const ticket = (await call(admin, 'GET', `/api/v1/tickets/${ticketId}`)).body;
    expect(ticket.tier).toBe(2);
  });

  it('recomputes due times when the calendar changes, keeping time spent', async () => {
    // Resolution reopened Tue 09:00 with 120 min left. At Tue 09:30 the office moves to 10:00–18:00:
    // spent by 09:30 = 120 + 30 = 150 → 90 left from 09:30, but the day now opens at 10:00 → 11:30Z.
    clock.set('2026-01-20T09:30:00.000Z');
    const later = { start: '10:00', end: '18:00' };
    const updated = await call(admin, 'PUT', `/api/v1/business-calendars/${calendarId}`, { ...calendarBody, hours: { monday: [later], tuesday: [later], wednesday: [later], thursday: [later], friday: [later] } });
    expect(updated.status).toBe(200);
    expect(await clockOf('resolution')).toMatchObject({ spentMs: 150 * 60_000, dueAt: '2026-01-20T11:30:00.000Z' });
    const refused = await call(admin, 'DELETE', `/api/v1/business-calendars/${calendarId}`);
    expect(refused.status).toBe(409);
    // The refusal names what uses the calendar, so the admin knows what to change first.
    expect(refused.body.error.message).toMatch(/used by the SLA policy “Office”; give them another calendar first\./);
    expect(refused.body.error.details).toEqual({ policies: [{ id: expect.any(Number), name: 'Office' }], usedByClocks: true });
    expect((await call(admin, 'GET', `/api/v1/business-calendars/${calendarId}`)).status).toBe(200);
  });
});
