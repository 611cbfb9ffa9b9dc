import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { parseJson } from '../../platform/db/column-types.js';
import { createApiToken, createTeam, createUser } from '../../test/factories.js';
import { testDatabases } from '../../test/databases.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { createSlaService } from './sla.service.js';

// 24×7 UTC calendar, urgent first response 30 min and resolution 60 min, warning at 75 %. Six tickets filed at
// 10:00Z are all overdue at 12:00Z: twelve clocks come due in one tick. Two instances check at the same moment.
describe.each(testDatabases)('the SLA check of one tick on %s', (dialect) => {
  const clock = createFixedClock('2026-01-12T10:00:00.000Z');
  let app: TestApp;
  let leadId: number;
  const ticketIds: number[] = [];

  beforeAll(async () => {
    app = await createTestApp(dialect, { clock });
    const db = app.database.db;
    const team = await createTeam(db);
    leadId = (await createUser(db, { role: 'team_lead', leadTeamIds: [team.id] })).id;
    const admin = await createApiToken(db, (await createUser(db, { role: 'admin' })).id, 'admin');
    const requester = await createUser(db, { role: 'requester' });
    const call = async (url: string, payload: object) => (await app.http.inject({ method: 'POST', url, headers: { authorization: `Bearer ${admin}` }, payload })).json();
    const calendar = await call('/api/v1/business-calendars', { name: 'Always', timeZone: 'UTC', hours: '24x7' });
    await call('/api/v1/sla-policies', {
      name: 'Urgent',
      calendarId: calendar.id,
      targets: { urgent: { firstResponseMinutes: 30, resolutionMinutes: 60 } },
      escalations: [{ trigger: 'breach', metric: 'resolution', actions: [{ type: 'notify_team_lead' }] }],
    });
    for (let index = 0; index < 6; index++) {
      ticketIds.push((await call('/api/v1/tickets', { subject: `Outage ${index}`, body: '…', requesterId: requester.id, priority: 'urgent', teamId: team.id })).id);
    }
  });
  afterAll(async () => app?.stop());

  it('records every warning and breach due exactly once, across two instances checking together', async () => {
    clock.set('2026-01-12T12:00:00.000Z');
    const published: Array<{ type: string; ticketId: unknown }> = [];
    const events = { ...app.context.events, publish: async (event: Parameters<typeof app.context.events.publish>[0]) => {
      published.push({ type: event.type, ticketId: (event.payload as { ticketId?: unknown }).ticketId });
      await app.context.events.publish(event);
    } };
    const log = { warn: () => {} };
    const instances = [0, 1].map(() => createSlaService({ database: app.database, clock, events, log }));
    const fired = await Promise.all(instances.map((sla) => sla.checkDue()));
    // Two clocks per ticket, each with a warning and a breach: 24 recorded, by whichever instance got there first.
    expect(fired[0]! + fired[1]!).toBe(24);
    expect(published.filter((event) => event.type === 'sla.breached')).toHaveLength(12);
    expect(published.filter((event) => event.type === 'sla.warning')).toHaveLength(12);
    const clocks = await app.database.db.selectFrom('slaClocks').selectAll().where('ticketId', 'in', ticketIds).execute();
    expect(clocks).toHaveLength(12);
    for (const clockRow of clocks) {
      const minutes = clockRow.metric === 'first_response' ? 30 : 60;
      expect({ warnedAt: new Date(clockRow.warnedAt!).toISOString(), breachedAt: new Date(clockRow.breachedAt!).toISOString(), nextCheckAt: clockRow.nextCheckAt }).toEqual({
        warnedAt: new Date(Date.parse('2026-01-12T10:00:00.000Z') + minutes * 0.75 * 60_000).toISOString(),
        breachedAt: new Date(Date.parse('2026-01-12T10:00:00.000Z') + minutes * 60_000).toISOString(),
        nextCheckAt: null,
      });
    }
    // One escalation (and one mail to the lead) per ticket: the resolution breach's rule.
    const mails = await app.database.db.selectFrom('outbox').select(['relatedUserId', 'subject']).where('kind', '=', 'sla.escalation').orderBy('id').execute();
    expect(mails.map((mail) => mail.relatedUserId)).toEqual(ticketIds.map(() => leadId));
    // Named by the reference people use (#1001…), not the database id.
    const refs = await app.database.db.selectFrom('tickets').select('ref').where('id', 'in', ticketIds).orderBy('id').execute();
    expect(mails.map((mail) => mail.subject.split(' escalated:')[0])).toEqual(refs.map((row) => `Ticket #${row.ref}`));
    // And one warning mail to the lead per clock, in words: "The first response target of ticket #… is due at …".
    const warnings = await app.database.db.selectFrom('outbox').select(['relatedUserId', 'subject', 'payload']).where('kind', '=', 'email').where('subject', 'like', 'SLA warning%').execute();
    expect(warnings).toHaveLength(12);
    expect(warnings.every((mail) => Number(mail.relatedUserId) === leadId)).toBe(true);
    const texts = warnings.map((mail) => parseJson<{ text: string }>(mail.payload).text);
    expect(texts.filter((text) => /^The first response target of ticket #\d+ is due at Mon, 12 Jan 2026, 10:30 UTC\./.test(text))).toHaveLength(6);
    expect(texts.filter((text) => /^The resolution target of ticket #\d+ is due at Mon, 12 Jan 2026, 11:00 UTC\./.test(text))).toHaveLength(6);
    expect(await Promise.all(instances.map((sla) => sla.checkDue()))).toEqual([0, 0]);
  });
});
