import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { createApiToken, createTeam, createUser } from '../../test/factories.js';
import { testDatabases } from '../../test/databases.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';

// A rule that reassigns or moves a ticket names an agent or a team. Saving one that names nobody it could act on is
// refused beside the rule; an agent deactivated after the rule was saved is skipped when a clock breaches, and the
// ticket's history says why. 24×7 UTC calendar, urgent resolution 60 min.
describe.each(testDatabases)('escalation targets on %s', (dialect) => {
  const clock = createFixedClock('2026-01-12T10:00:00.000Z');
  let app: TestApp;
  let admin: string;
  let calendarId: number;
  let teamId: number;
  let secondLineId: number;
  let agentId: number;
  let leavingAgentId: number;
  let requesterId: number;

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) => {
    const response = await app.http.inject({ method, url, headers: { authorization: `Bearer ${admin}` }, ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() };
  };
  const policy = (actions: object[]) => ({
    name: 'Urgent',
    calendarId,
    targets: { urgent: { resolutionMinutes: 60 } },
    escalations: [{ trigger: 'warning', actions: [{ type: 'notify_team_lead' }] }, { trigger: 'breach', metric: 'resolution', actions }],
  });

  beforeAll(async () => {
    app = await createTestApp(dialect, { clock });
    const db = app.database.db;
    teamId = (await createTeam(db, { name: 'Service desk' })).id;
    secondLineId = (await createTeam(db, { name: 'Second line', tier: 2 })).id;
    admin = await createApiToken(db, (await createUser(db, { role: 'admin' })).id, 'admin');
    agentId = (await createUser(db, { role: 'agent', teamIds: [teamId] })).id;
    leavingAgentId = (await createUser(db, { role: 'agent', teamIds: [teamId] })).id;
    requesterId = (await createUser(db, { role: 'requester' })).id;
    calendarId = (await call('POST', '/api/v1/business-calendars', { name: 'Always', timeZone: 'UTC', hours: '24x7' })).body.id;
  });
  afterAll(async () => app?.stop());

  it('refuses a rule that reassigns to someone who is not an active agent, or moves to a team not of that tier, and saves nothing', async () => {
    const formerAgentId = (await createUser(app.database.db, { role: 'agent', name: 'Robin Former', teamIds: [teamId] })).id;
    expect((await call('PATCH', `/api/v1/users/${formerAgentId}`, { isActive: false })).status).toBe(200);
    const refusals = [
      { actions: [{ type: 'reassign', assigneeId: requesterId }], field: 'escalations.1.actions.0.assigneeId' },
      { actions: [{ type: 'raise_priority' }, { type: 'reassign', assigneeId: formerAgentId }], field: 'escalations.1.actions.1.assigneeId' },
      { actions: [{ type: 'reassign', assigneeId: 999_999 }], field: 'escalations.1.actions.0.assigneeId' },
      { actions: [{ type: 'move_to_tier', tier: 3, teamId: secondLineId }], field: 'escalations.1.actions.0.teamId' },
      { actions: [{ type: 'move_to_tier', tier: 2, teamId: 999_999 }], field: 'escalations.1.actions.0.teamId' },
    ];
    for (const { actions, field } of refusals) {
      const refused = await call('POST', '/api/v1/sla-policies', policy(actions));
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'invalid_field', details: { field } });
      expect(refused.body.error.message).toMatch(/^Escalation rule 2: (.+ is not an active agent and cannot be assigned|there is no active team \d+ of tier \d)\.$/);
    }
    expect((await call('POST', '/api/v1/sla-policies', policy([{ type: 'reassign', assigneeId: formerAgentId }]))).body.error.message).toBe(
      'Escalation rule 2: Robin Former is not an active agent and cannot be assigned.',
    );
    expect((await call('GET', '/api/v1/sla-policies')).body).toEqual([]);
  });

  it('skips a reassignment to an agent deactivated since the rule was saved, and says so in the history', async () => {
    const saved = await call('POST', '/api/v1/sla-policies', policy([{ type: 'move_to_tier', tier: 2, teamId: secondLineId }, { type: 'reassign', assigneeId: leavingAgentId }]));
    expect(saved.status).toBe(201);
    const ticket = await call('POST', '/api/v1/tickets', { subject: 'Mail server down', body: '…', requesterId, priority: 'urgent', teamId, assigneeId: agentId });
    expect(ticket.status).toBe(201);
    expect((await call('PATCH', `/api/v1/users/${leavingAgentId}`, { isActive: false })).status).toBe(200);

    clock.set('2026-01-12T11:01:00.000Z');
    await app.context.jobs.runDue();
    await app.context.jobs.runDue();

    const after = (await call('GET', `/api/v1/tickets/${ticket.body.id}`)).body;
    // Moved to the second line, and still with the agent who had it: nobody inactive was given the ticket.
    expect(after).toMatchObject({ teamId: secondLineId, tier: 2 });
    expect(after.assignee?.id ?? after.assigneeId).toBe(agentId);
    const history = (await call('GET', `/api/v1/tickets/${ticket.body.id}/history`)).body;
    const entries: Array<{ field: string; to: unknown }> = Array.isArray(history) ? history : history.items;
    expect(entries.find((entry) => entry.field === 'escalation.skipped')?.to).toEqual({ action: 'reassign', assigneeId: leavingAgentId, why: 'not an active agent' });
    expect(entries.some((entry) => entry.field === 'assigneeId')).toBe(false);
  });
});
