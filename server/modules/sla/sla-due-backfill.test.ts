import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { withSchemaChangeLock } from '../../platform/db/migrate.js';
import * as ticketSlaDue from '../../platform/db/migrations/2026-11-23T0900-ticket-sla-due.js';
import type { MigrationDb } from '../../platform/db/migrations/helpers.js';
import { createApiToken, createTeam, createUser } from '../../test/factories.js';
import { testDatabases } from '../../test/databases.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { noRunningSlaClock } from './index.js';

// An installation upgraded with clocks already running: the migration copies each ticket's earliest running due time.
// 24×7 UTC calendar; high → first response 60 min, resolution 480 min. Filed at 09:00 on Monday 2 March 2026.
describe.each(testDatabases)('the sla_due_at backfill on %s', (dialect) => {
  const clock = createFixedClock('2026-03-02T09:00:00.000Z');
  let app: TestApp;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    app = await createTestApp(dialect, { clock });
    const db = app.database.db;
    const team = await createTeam(db, { name: 'Desk' });
    const admin = await createApiToken(db, (await createUser(db, { role: 'admin', password: null, teamIds: [team.id] })).id, 'admin');
    const requesterId = (await createUser(db, { role: 'requester', password: null })).id;
    const call = async (method: 'POST' | 'PATCH', url: string, payload: object) =>
      (await app.http.inject({ method, url, headers: { authorization: `Bearer ${admin}` }, payload })).json();
    const calendar = await call('POST', '/api/v1/business-calendars', { name: 'Always', timeZone: 'UTC', hours: '24x7' });
    await call('POST', '/api/v1/sla-policies', { name: 'All', calendarId: calendar.id, targets: { high: { firstResponseMinutes: 60, resolutionMinutes: 480 } } });
    ids.running = (await call('POST', '/api/v1/tickets', { subject: 'Running', body: '…', requesterId, teamId: team.id, priority: 'high' })).id;
    ids.noPolicy = (await call('POST', '/api/v1/tickets', { subject: 'Low', body: '…', requesterId, teamId: team.id, priority: 'low' })).id;
    const resolved = await call('POST', '/api/v1/tickets', { subject: 'Done', body: '…', requesterId, teamId: team.id, priority: 'high' });
    ids.resolved = resolved.id;
    await call('PATCH', `/api/v1/tickets/${resolved.id}`, { version: resolved.version, status: 'resolved' });
  });
  afterAll(async () => app?.stop());

  const dueOf = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(ids).map(async ([name, id]) => {
          const row = await app.database.db.selectFrom('tickets').select('slaDueAt').where('id', '=', id).executeTakeFirstOrThrow();
          return [name, new Date(row.slaDueAt).toISOString()];
        }),
      ),
    );

  it('fills sla_due_at from the running clocks when the column is added to existing tickets', async () => {
    // Kept live by the SLA sync: first response 09:00 + 60 min = 10:00; the others have no running clock.
    const expected = { running: '2026-03-02T10:00:00.000Z', noPolicy: noRunningSlaClock, resolved: noRunningSlaClock };
    expect(await dueOf()).toEqual(expected);
    // Under the schema-change lock, as migrations run: another test file's migrator must not find the column gone.
    await withSchemaChangeLock(app.database.db, async (db: MigrationDb) => {
      await ticketSlaDue.down(db);
      await ticketSlaDue.up(db);
    });
    expect(await dueOf()).toEqual(expected);
  });
});
