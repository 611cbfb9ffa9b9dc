import { describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.js';
import { createFixedClock } from '../../platform/clock.js';
import { createApiToken, createTeam, createUser } from '../../test/factories.js';
import { testDatabases } from '../../test/databases.js';
import { createTestApp } from '../../test/test-app.js';

// 24×7 calendar, urgent first response 30 min. Created 2026-01-12 10:00Z → due 10:30Z, warning at 75 % = 22.5 min
// → 10:22:30Z. The server stops at 10:10Z and two instances start at 11:00Z: the breach is recorded once, at 10:30Z.
describe.each(testDatabases)('a breach due while the server was down on %s', (dialect) => {
  it('is recorded at start-up, once, even with two instances', async () => {
    const clock = createFixedClock('2026-01-12T10:00:00.000Z');
    const first = await createTestApp(dialect, { clock });
    const db = first.database.db;
    const team = await createTeam(db);
    const lead = await createUser(db, { role: 'team_lead', leadTeamIds: [team.id] });
    const adminUser = await createUser(db, { role: 'admin' });
    const admin = await createApiToken(db, adminUser.id, 'admin');
    const requester = await createUser(db, { role: 'requester' });
    const call = async (app: App, method: 'GET' | 'POST', url: string, payload?: object) => {
      const response = await app.http.inject({ method, url, headers: { authorization: `Bearer ${admin}` }, ...(payload ? { payload } : {}) });
      return response.json();
    };
    const calendar = await call(first, 'POST', '/api/v1/business-calendars', { name: 'Always', timeZone: 'UTC', hours: '24x7' });
    await call(first, 'POST', '/api/v1/sla-policies', {
      name: 'Urgent',
      calendarId: calendar.id,
      targets: { urgent: { firstResponseMinutes: 30 } },
      escalations: [{ trigger: 'breach', actions: [{ type: 'notify_team_lead' }] }],
    });
    const ticket = await call(first, 'POST', '/api/v1/tickets', { subject: 'Server room is hot', body: 'Fans stopped', requesterId: requester.id, priority: 'urgent', teamId: team.id });
    clock.set('2026-01-12T10:10:00.000Z');
    await first.close();

    clock.set('2026-01-12T11:00:00.000Z');
    const instances = await Promise.all([0, 1].map(() => buildApp({ config: first.config, database: first.database, clock, serveWebApp: false })));
    try {
      await Promise.all(instances.map((app) => app.http.ready()));
      await Promise.all(instances.map((app) => app.context.jobs.runDue()));
      await Promise.all(instances.map((app) => app.context.jobs.runDue()));
      const sla = await call(instances[0]!, 'GET', `/api/v1/tickets/${ticket.id}/sla`);
      expect(sla.clocks[0]).toMatchObject({ metric: 'first_response', warnedAt: '2026-01-12T10:22:30.000Z', breachedAt: '2026-01-12T10:30:00.000Z', status: 'breached' });
      expect(sla.escalationCount).toBe(1);
      const mails = await db.selectFrom('outbox').select('relatedUserId').where('kind', '=', 'sla.escalation').execute();
      expect(mails).toEqual([{ relatedUserId: lead.id }]);
    } finally {
      await Promise.all(instances.map((app) => app.close()));
      await first.database.destroy();
    }
  });
});
