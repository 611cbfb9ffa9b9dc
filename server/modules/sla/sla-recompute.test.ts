import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { createApiToken, createTeam, createUser } from '../../test/factories.js';
import { testDatabases } from '../../test/databases.js';
import { createTestApp, type TestApp } from '../../test/test-app.js';
import { readPolicy } from './sla-policy.js';
import { calendarLookup, recomputeTicketsClocks, syncTicketClocks } from './sla-sync.js';
import * as repository from './sla.repository.js';

// The batched recompute must leave exactly what one sync per ticket leaves. A varied desk (priorities with and
// without targets, replies, waiting requesters, pauses, resolutions, a second policy in Berlin over a DST night, a
// ticket with no clock yet) is recomputed both ways inside transactions that are rolled back, and compared.
class RolledBack extends Error {}

describe.each(testDatabases)('the batched SLA recompute on %s', (dialect) => {
  const clock = createFixedClock('2026-03-27T08:00:00.000Z');
  let app: TestApp;
  const ticketIds: number[] = [];

  beforeAll(async () => {
    app = await createTestApp(dialect, { clock });
    const db = app.database.db;
    const team = await createTeam(db, { name: 'Desk' });
    const admin = await createApiToken(db, (await createUser(db, { role: 'admin', password: null, teamIds: [team.id] })).id, 'admin');
    const requesterUser = await createUser(db, { role: 'requester', password: null });
    const requester = await createApiToken(db, requesterUser.id);
    const call = async (token: string, method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) =>
      (await app.http.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload })).json();
    const office = { monday: [{ start: '09:00', end: '17:00' }], tuesday: [{ start: '09:00', end: '17:00' }], wednesday: [{ start: '09:00', end: '17:00' }], thursday: [{ start: '09:00', end: '17:00' }], friday: [{ start: '09:00', end: '17:00' }], sunday: [{ start: '22:00', end: '04:00' }] };
    const london = await call(admin, 'POST', '/api/v1/business-calendars', { name: 'London', timeZone: 'Europe/London', hours: office });
    const berlin = await call(admin, 'POST', '/api/v1/business-calendars', { name: 'Berlin', timeZone: 'Europe/Berlin', hours: '24x7', holidays: [{ date: '2026-03-30' }] });
    await call(admin, 'POST', '/api/v1/sla-policies', { name: 'Urgent in Berlin', calendarId: berlin.id, conditions: { priorities: ['urgent'] }, targets: { urgent: { firstResponseMinutes: 30, nextResponseMinutes: 45, resolutionMinutes: 600 } } });
    const standard = await call(admin, 'POST', '/api/v1/sla-policies', {
      name: 'Standard',
      calendarId: london.id,
      targets: { high: { firstResponseMinutes: 60, nextResponseMinutes: 120, resolutionMinutes: 480 }, normal: { firstResponseMinutes: 240, resolutionMinutes: 2400 } },
    });
    const priorities = ['low', 'normal', 'high', 'urgent'] as const;
    for (let index = 0; index < 24; index++) {
      clock.set(new Date(Date.parse('2026-03-27T08:00:00.000Z') + index * 37 * 60_000).toISOString());
      const ticket = await call(requester, 'POST', '/api/v1/tickets', { subject: `Ticket ${index}`, body: '…' });
      ticketIds.push(ticket.id);
      await call(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version: ticket.version, priority: priorities[index % 4], teamId: team.id });
      clock.advance(20 * 60_000);
      if (index % 3 !== 0) await call(admin, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'On it' });
      if (index % 3 === 1) {
        clock.advance(90 * 60_000);
        await call(requester, 'POST', `/api/v1/tickets/${ticket.id}/messages`, { body: 'Still broken' });
      }
      const version = (await app.http.inject({ method: 'GET', url: `/api/v1/tickets/${ticket.id}`, headers: { authorization: `Bearer ${admin}` } })).json().version;
      if (index % 5 === 2) await call(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version, status: 'pending' });
      if (index % 7 === 3) await call(admin, 'PATCH', `/api/v1/tickets/${ticket.id}`, { version, status: 'resolved' });
    }
    // A ticket the policies did not cover when it was filed: it has no clock until a recompute gives it one.
    await db.deleteFrom('slaClocks').where('ticketId', '=', ticketIds[4]!).execute();
    // Tighter targets, as after a policy edit (written directly so no recompute runs yet).
    await db.updateTable('slaPolicies').set({ targets: JSON.stringify({ high: { firstResponseMinutes: 30, nextResponseMinutes: 60, resolutionMinutes: 240 }, normal: { firstResponseMinutes: 120, resolutionMinutes: 960 }, low: { resolutionMinutes: 4800 } }) }).where('id', '=', standard.id).execute();
    clock.set('2026-03-30T10:15:00.000Z');
  });
  afterAll(async () => app?.stop());

  /** The clocks and due times left by `work`, read inside its transaction, which is then rolled back. */
  async function outcomeOf(work: (tx: Parameters<Parameters<typeof inTransaction>[1]>[0]) => Promise<void>) {
    let outcome: unknown;
    await inTransaction(app.database.db, async (tx) => {
      await work(tx);
      const clocks = await tx.selectFrom('slaClocks').selectAll().where('ticketId', 'in', ticketIds).orderBy('ticketId').orderBy('metric').execute();
      const dues = await tx.selectFrom('tickets').select(['id', 'slaDueAt']).where('id', 'in', ticketIds).orderBy('id').execute();
      outcome = {
        clocks: clocks.map(({ id: _id, ...rest }) => ({ ...rest, targetMs: Number(rest.targetMs), spentMs: Number(rest.spentMs) })),
        dues: dues.map((row) => ({ id: row.id, slaDueAt: new Date(row.slaDueAt).toISOString() })),
      };
      throw new RolledBack();
    }).catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
    return outcome;
  }

  it('leaves the same clocks and due times as one sync per ticket', async () => {
    const at = clock.now().toISOString();
    const lock = dialect === 'postgres';
    const oneByOne = await outcomeOf(async (tx) => {
      for (const ticketId of ticketIds) await syncTicketClocks(tx, ticketId, { at, force: true, lock });
    });
    const batched = await outcomeOf(async (tx) => {
      const context = { policies: (await repository.listPolicies(tx)).map(readPolicy), calendarOf: calendarLookup(await repository.listCalendars(tx)), postgres: dialect === 'postgres' };
      const { raced } = await recomputeTicketsClocks(tx, ticketIds, context, { at, force: true, lock });
      expect(raced).toEqual([]);
    });
    expect(batched).toEqual(oneByOne);
    // The comparison is not vacuous: the recompute moved due times and started the uncovered ticket's clocks.
    const before = await outcomeOf(async () => {});
    expect(batched).not.toEqual(before);
    const clocks = (batched as { clocks: Array<{ ticketId: number; state: string; metric: string }> }).clocks;
    expect(clocks.some((row) => row.ticketId === ticketIds[4])).toBe(true);
    expect(new Set(clocks.map((row) => row.state))).toEqual(new Set(['running', 'paused', 'met', 'cancelled']));
    expect(new Set(clocks.map((row) => row.metric))).toEqual(new Set(['first_response', 'resolution', 'next_response']));
  });
});
