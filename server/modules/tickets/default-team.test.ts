import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.js';
import { createTeam } from '../../test/factories.js';
import { createTestDesk, type TestDesk } from './test-desk.js';

// The desk: "Service desk" (tier 1, agent A) and "Network" (tier 2, agent B); see test-desk.ts.
describe.each(testDatabases)('the default team on %s', (dialect) => {
  let desk: TestDesk;
  let categoryWithoutTeam: number;
  let networkCategory: number;

  const fileAsRequester = async (body: Record<string, unknown> = {}) => {
    const response = await desk.call(desk.requester, 'POST', '/api/v1/tickets', { subject: 'Cannot print', body: 'Nothing comes out.', ...body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as { id: number; teamId: number | null; tier: number };
  };
  const settings = async () => (await desk.call(desk.admin, 'GET', '/api/v1/desk-settings')).body;

  beforeAll(async () => {
    desk = await createTestDesk(dialect);
    categoryWithoutTeam = (await desk.call(desk.admin, 'POST', '/api/v1/categories', { name: 'Printing' })).body.id;
    networkCategory = (await desk.call(desk.admin, 'POST', '/api/v1/categories', { name: 'Wi-Fi', defaultTeamId: desk.teamB.id })).body.id;
  });
  afterAll(async () => desk?.stop());

  it('sends a portal ticket nothing routes to the front line until an admin chooses, so an agent sees it', async () => {
    expect(await settings()).toMatchObject({ defaultTeamId: desk.teamA.id, automatic: true });
    const ticket = await fileAsRequester();
    expect(ticket.teamId).toBe(desk.teamA.id);
    expect((await desk.call(desk.agentA, 'GET', `/api/v1/tickets/${ticket.id}`)).status).toBe(200);
    expect((await fileAsRequester({ categoryId: categoryWithoutTeam })).teamId).toBe(desk.teamA.id);
  });

  it('uses the chosen default team, but never over a category’s team or a team named on purpose', async () => {
    const chosen = await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { defaultTeamId: desk.teamB.id });
    expect(chosen.status, JSON.stringify(chosen.body)).toBe(200);
    expect(chosen.body).toMatchObject({ defaultTeamId: desk.teamB.id, automatic: false });
    expect(await settings()).toMatchObject({ defaultTeamId: desk.teamB.id, automatic: false });

    const portal = await fileAsRequester();
    expect(portal).toMatchObject({ teamId: desk.teamB.id, tier: 2 });
    expect((await desk.call(desk.agentB, 'GET', `/api/v1/tickets/${portal.id}`)).status).toBe(200);
    expect((await desk.call(desk.agentA, 'GET', `/api/v1/tickets/${portal.id}`)).status).toBe(404);

    const viaApi = await desk.call(desk.agentA, 'POST', '/api/v1/tickets', { subject: 'Logged by phone', body: 'Caller: Rita.', requesterId: desk.requester.user.id, channel: 'phone' });
    expect(viaApi.body.teamId).toBe(desk.teamB.id);
    const named = await desk.call(desk.agentA, 'POST', '/api/v1/tickets', { subject: 'Mine', body: 'For us.', requesterId: desk.requester.user.id, teamId: desk.teamA.id });
    expect(named.body.teamId).toBe(desk.teamA.id);
    const deliberatelyNone = await desk.call(desk.manager, 'POST', '/api/v1/tickets', { subject: 'Triage later', body: '…', requesterId: desk.requester.user.id, teamId: null });
    expect(deliberatelyNone.body.teamId).toBeNull();

    await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { defaultTeamId: desk.teamA.id });
    expect((await fileAsRequester({ categoryId: networkCategory })).teamId).toBe(desk.teamB.id);
  });

  it('leaves tickets without a team when an admin says so, or when the chosen team was deactivated', async () => {
    await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { defaultTeamId: null });
    expect(await settings()).toMatchObject({ defaultTeamId: null, automatic: false });
    expect((await fileAsRequester()).teamId).toBeNull();

    const temporary = await createTeam(desk.app.database.db, { name: 'Temporary' });
    expect((await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { defaultTeamId: temporary.id })).status).toBe(200);
    await desk.app.database.db.updateTable('teams').set({ isActive: false }).where('id', '=', temporary.id).execute();
    expect((await fileAsRequester()).teamId).toBeNull();
  });

  it('refuses a team that does not exist or is inactive, and other bad input, changing nothing', async () => {
    await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', { defaultTeamId: desk.teamA.id });
    const inactive = await createTeam(desk.app.database.db, { name: 'Retired' });
    await desk.app.database.db.updateTable('teams').set({ isActive: false }).where('id', '=', inactive.id).execute();
    for (const body of [{ defaultTeamId: 999_999 }, { defaultTeamId: inactive.id }]) {
      const refused = await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.details).toMatchObject({ field: 'defaultTeamId' });
    }
    for (const body of [{}, { defaultTeamId: 'network' }, { defaultTeamId: 0 }, { defaultTeamId: 1.5 }, { defaultTeamId: desk.teamA.id, extra: true }]) {
      expect((await desk.call(desk.admin, 'PATCH', '/api/v1/desk-settings', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await desk.call(desk.agentA, 'PATCH', '/api/v1/desk-settings', { defaultTeamId: desk.teamB.id })).status).toBe(403);
    expect(await settings()).toMatchObject({ defaultTeamId: desk.teamA.id, automatic: false });
  });
});
