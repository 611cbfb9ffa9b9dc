import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { testDatabases } from '../../test/databases.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { call, fileTicket, seedDesk, type Desk } from './extras.test-fixtures.js';

interface ViewBody {
  id: number;
  name: string;
  shared: boolean;
  count?: number;
  filters: Record<string, unknown>;
}

describe.each(testDatabases)('saved views on %s', (dialect) => {
  let app: TestApp;
  let desk: Desk;
  const clock = createFixedClock('2026-11-23T09:00:00Z');

  async function createView(token: string, body: Record<string, unknown>): Promise<ViewBody> {
    const response = await call(app, token, 'POST', '/api/v1/views', body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<ViewBody>();
  }

  async function countsFor(token: string): Promise<Record<string, number | undefined>> {
    const response = await call(app, token, 'GET', '/api/v1/views');
    expect(response.statusCode, response.body).toBe(200);
    return Object.fromEntries(response.json<{ items: ViewBody[] }>().items.map((view) => [view.name, view.count]));
  }

  beforeAll(async () => {
    app = await createTestApp(dialect, { clock });
    desk = await seedDesk(app);
    const { network, hardware } = desk.teams;
    const rita = desk.users.rita.id;
    // 09:00 unassigned network ticket about a printer, tagged vpn
    await fileTicket(app, desk.tokens.dana, { subject: 'Printer offline', body: 'Again.', requesterId: rita, teamId: network.id, tags: ['vpn'] });
    clock.advance(10 * 60_000); // 09:10 assigned to Dana
    await fileTicket(app, desk.tokens.dana, { subject: 'Mail quota', body: 'Full.', requesterId: rita, teamId: network.id, assigneeId: desk.users.dana.id });
    clock.advance(10 * 60_000); // 09:20 assigned to Dana, urgent
    await fileTicket(app, desk.tokens.dana, { subject: 'Server room hot', body: 'Alarm.', requesterId: rita, teamId: network.id, assigneeId: desk.users.dana.id, priority: 'urgent' });
    clock.advance(10 * 60_000); // 09:30 hardware, unassigned
    await fileTicket(app, desk.tokens.omar, { subject: 'Broken chair', body: 'Wobbly.', requesterId: rita, teamId: hardware.id });
  });

  afterAll(async () => {
    await app.stop();
  });

  it('counts each view for the caller, one filter at a time and combined', async () => {
    const network = desk.teams.network.id;
    expect((await createView(desk.tokens.dana, { name: 'Mine', filters: { assigneeId: ['me'] } })).count).toBe(2);
    await createView(desk.tokens.dana, { name: 'Unassigned network', filters: { assigneeId: ['unassigned'], teamId: [network] } });
    await createView(desk.tokens.dana, { name: 'Mine or nobody', filters: { assigneeId: ['me', 'unassigned'] } });
    await createView(desk.tokens.dana, { name: 'Tagged vpn', filters: { tags: ['vpn'] } });
    await createView(desk.tokens.dana, { name: 'Between 09:05 and 09:15', filters: { createdFrom: '2026-11-23T10:05:00+01:00', createdTo: '2026-11-23T09:15:00Z' } });
    await createView(desk.tokens.dana, { name: 'Urgent', filters: { priority: ['urgent'] }, sort: '-priority', columns: ['ref', 'subject', 'priority'] });
    await createView(desk.tokens.dana, { name: 'About printers', filters: { q: 'printer' } });
    await createView(desk.tokens.dana, { name: 'Resolved', filters: { status: ['resolved'] } });
    expect(await countsFor(desk.tokens.dana)).toEqual({
      Mine: 2,
      'Unassigned network': 1,
      'Mine or nobody': 3,
      'Tagged vpn': 1,
      'Between 09:05 and 09:15': 1,
      Urgent: 1,
      'About printers': 1,
      Resolved: 0,
    });
  });

  it('shares a view with the desk only for those allowed, each seeing their own count', async () => {
    const refused = await call(app, desk.tokens.dana, 'POST', '/api/v1/views', { name: 'For all', shared: true });
    expect(refused.statusCode).toBe(403);
    await createView(desk.tokens.lead, { name: 'New tickets', shared: true, filters: { status: ['new'] } });
    await createView(desk.tokens.lead, { name: 'My queue', shared: true, filters: { assigneeId: ['me'] } });
    const omar = await countsFor(desk.tokens.omar);
    // Omar sees the shared views only, counted within his team (and "me" is Omar).
    expect(omar).toEqual({ 'New tickets': 1, 'My queue': 0 });
    expect((await countsFor(desk.tokens.dana))['New tickets']).toBe(3);
    expect((await countsFor(desk.tokens.dana))['My queue']).toBe(2);
    expect((await countsFor(desk.tokens.maria))['New tickets']).toBe(4);
  });

  it("keeps a personal view to its owner and lets only the owner or a sharer change it", async () => {
    const personal = await createView(desk.tokens.dana, { name: 'Scratch', filters: {} });
    expect((await call(app, desk.tokens.omar, 'GET', `/api/v1/views/${personal.id}`)).statusCode).toBe(404);
    expect((await call(app, desk.tokens.omar, 'PATCH', `/api/v1/views/${personal.id}`, { name: 'Mine now' })).statusCode).toBe(404);
    const renamed = await call(app, desk.tokens.dana, 'PATCH', `/api/v1/views/${personal.id}`, { name: 'Everything', filters: { teamId: [desk.teams.network.id] } });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json<ViewBody>()).toMatchObject({ name: 'Everything', count: 3 });
    const shared = (await call(app, desk.tokens.dana, 'GET', '/api/v1/views')).json<{ items: ViewBody[] }>().items.find((v) => v.name === 'New tickets')!;
    expect((await call(app, desk.tokens.dana, 'PATCH', `/api/v1/views/${shared.id}`, { name: 'Hijacked' })).statusCode).toBe(403);
    expect((await call(app, desk.tokens.dana, 'DELETE', `/api/v1/views/${personal.id}`)).statusCode).toBe(204);
    expect((await call(app, desk.tokens.dana, 'GET', `/api/v1/views/${personal.id}`)).statusCode).toBe(404);
  });

  it('refuses malformed views and keeps them from requesters', async () => {
    const badStatus = await call(app, desk.tokens.dana, 'POST', '/api/v1/views', { name: 'Bad', filters: { status: ['bogus'] } });
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json()).toMatchObject({ error: { code: 'validation_failed' } });
    expect((await call(app, desk.tokens.dana, 'POST', '/api/v1/views', { name: 'Bad', filters: { colour: 'red' } })).statusCode).toBe(400);
    expect((await call(app, desk.tokens.dana, 'POST', '/api/v1/views', { name: 'Bad', columns: ['password'] })).statusCode).toBe(400);
    expect((await call(app, desk.tokens.dana, 'PATCH', '/api/v1/views/1', {})).statusCode).toBe(400);
    expect((await call(app, desk.tokens.rita, 'GET', '/api/v1/views')).statusCode).toBe(403);
  });
});
