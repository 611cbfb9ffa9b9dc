import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../../platform/clock.js';
import { testDatabases } from '../../test/databases.js';
import { createTestDesk, type Caller, type TestDesk } from './test-desk.js';

// A 24×7 calendar in UTC keeps the arithmetic plain: a business minute is a wall-clock minute.
// Policy "Always": urgent → first response 30 min, resolution 240 min; high → 60 / 480; normal → 240 / 960;
// low has no targets (no SLA). Monday 2 March 2026; every due time below is worked out beside it.
const minute = 60_000;

interface TicketBody {
  id: number;
  subject: string;
  sla: { metric: string; status: string; dueAt: string | null; remainingMs: number } | null;
}

describe.each(testDatabases)('SLA state, due sort and due filter of the ticket list on %s', (dialect) => {
  const clock = createFixedClock('2026-03-02T09:00:00.000Z');
  let desk: TestDesk;
  const ids: Record<string, number> = {};

  const file = async (subject: string, priority: 'low' | 'normal' | 'high' | 'urgent') => {
    const response = await desk.call(desk.agentA, 'POST', '/api/v1/tickets', {
      subject,
      body: `About ${subject.toLowerCase()}.`,
      requesterId: desk.requester.user.id,
      teamId: desk.teamA.id,
      priority,
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return response.body as TicketBody & { version: number };
  };
  const list = async (who: Caller, query: string) => {
    const response = await desk.call(who, 'GET', `/api/v1/tickets?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { items: TicketBody[]; nextCursor: string | null };
  };
  const subjects = (items: TicketBody[]) => items.map((item) => item.subject);

  beforeAll(async () => {
    desk = await createTestDesk(dialect, { clock });
    const calendar = await desk.call(desk.admin, 'POST', '/api/v1/business-calendars', { name: 'Always', timeZone: 'UTC', hours: '24x7' });
    expect(calendar.status).toBe(201);
    const policy = await desk.call(desk.admin, 'POST', '/api/v1/sla-policies', {
      name: 'Always',
      calendarId: calendar.body.id,
      targets: {
        urgent: { firstResponseMinutes: 30, resolutionMinutes: 240 },
        high: { firstResponseMinutes: 60, resolutionMinutes: 480 },
        normal: { firstResponseMinutes: 240, resolutionMinutes: 960 },
      },
    });
    expect(policy.status).toBe(201);

    // 09:00 urgent: first response due 09:00 + 30 min = 09:30.
    ids.fire = (await file('Printer on fire', 'urgent')).id;
    clock.set('2026-03-02T09:10:00.000Z');
    // 09:10 high: first response due 09:10 + 60 min = 10:10.
    ids.vpn = (await file('VPN drops', 'high')).id;
    clock.set('2026-03-02T09:20:00.000Z');
    // 09:20 normal: first response due 09:20 + 240 min = 13:20.
    ids.laptop = (await file('New laptop', 'normal')).id;
    // 09:20 low: no targets under the policy, so no SLA at all.
    ids.fonts = (await file('Question about fonts', 'low')).id;
    // 09:20 high, answered at once (first response met with 0 spent) and set pending: the resolution clock pauses
    // with 0 of 480 min spent, so nothing of it runs.
    const waiting = await file('Waiting on the requester', 'high');
    ids.waiting = waiting.id;
    const reply = await desk.call(desk.agentA, 'POST', `/api/v1/tickets/${waiting.id}/messages`, { body: 'Which model is it?' });
    expect(reply.status).toBe(201);
    const pending = await desk.call(desk.agentA, 'PATCH', `/api/v1/tickets/${waiting.id}`, { version: reply.body.ticket.version, status: 'pending' });
    expect(pending.status, JSON.stringify(pending.body)).toBe(200);
  });
  afterAll(async () => desk?.stop());

  it('carries the most urgent clock on the ticket, with the same time left as the SLA endpoint', async () => {
    // At 09:20 the urgent ticket's first response (due 09:30) has 10 min left.
    const fire = await desk.call(desk.agentA, 'GET', `/api/v1/tickets/${ids.fire}`);
    expect(fire.body.sla).toEqual({ metric: 'first_response', status: 'ok', dueAt: '2026-03-02T09:30:00.000Z', remainingMs: 10 * minute });
    const detail = await desk.call(desk.agentA, 'GET', `/api/v1/tickets/${ids.fire}/sla`);
    const firstResponse = detail.body.clocks.find((c: { metric: string }) => c.metric === 'first_response');
    expect(firstResponse.remainingMs).toBe(fire.body.sla.remainingMs);

    // Paused ranks above met: the resolution clock, 480 min left, no due time while it waits.
    const waiting = await desk.call(desk.agentA, 'GET', `/api/v1/tickets/${ids.waiting}`);
    expect(waiting.body.sla).toEqual({ metric: 'resolution', status: 'paused', dueAt: null, remainingMs: 480 * minute });
    // No policy target for low priority: no SLA.
    expect((await desk.call(desk.agentA, 'GET', `/api/v1/tickets/${ids.fonts}`)).body.sla).toBeNull();
    // The requester sees the same state on the portal.
    expect((await desk.call(desk.requester, 'GET', `/api/v1/tickets/${ids.vpn}`)).body.sla.dueAt).toBe('2026-03-02T10:10:00.000Z');
  });

  it('puts breached clocks first and keeps the time left current at read time', async () => {
    // 09:35: the urgent first response (due 09:30) is 5 min over; the checker records the breach.
    clock.set('2026-03-02T09:35:00.000Z');
    await desk.app.context.jobs.runDue();
    await desk.app.context.jobs.runDue();
    const page = await list(desk.manager, 'sort=due&limit=100');
    const fire = page.items.find((item) => item.id === ids.fire)!;
    expect(fire.sla).toEqual({ metric: 'first_response', status: 'breached', dueAt: '2026-03-02T09:30:00.000Z', remainingMs: -5 * minute });
    // The high ticket: 25 of 60 min spent since 09:10, 35 min left.
    expect(page.items.find((item) => item.id === ids.vpn)!.sla).toEqual({ metric: 'first_response', status: 'ok', dueAt: '2026-03-02T10:10:00.000Z', remainingMs: 35 * minute });
  });

  it('sorts by due time, soonest first, tickets without a running clock last, page by page', async () => {
    const all = await list(desk.agentA, 'sort=due&limit=100');
    // 09:30 (overdue), 10:10, 13:20, then no running clock (by id): fonts (no SLA), waiting (paused).
    expect(subjects(all.items)).toEqual(['Printer on fire', 'VPN drops', 'New laptop', 'Question about fonts', 'Waiting on the requester']);
    expect(subjects((await list(desk.manager, 'sort=due&limit=100')).items)).toEqual(subjects(all.items));

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(desk.agentA, `sort=due&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...subjects(page.items));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(subjects(all.items));
  });

  it('filters to tickets breaching within N minutes, overdue ones included', async () => {
    // 09:35 + 60 min = 10:35: the overdue 09:30 and the 10:10; not 13:20, not the stopped clocks.
    expect(subjects((await list(desk.agentA, 'dueWithinMinutes=60&sort=due')).items)).toEqual(['Printer on fire', 'VPN drops']);
    // 0 minutes: only what is already overdue.
    expect(subjects((await list(desk.agentA, 'dueWithinMinutes=0')).items)).toEqual(['Printer on fire']);
    // Combined with the other filters.
    expect(subjects((await list(desk.agentA, 'dueWithinMinutes=600&priority=normal')).items)).toEqual(['New laptop']);
    // Answering the urgent ticket meets its first response; its resolution (09:00 + 240 = 13:00) now runs.
    const answered = await desk.call(desk.agentA, 'POST', `/api/v1/tickets/${ids.fire}/messages`, { body: 'On our way.' });
    expect(answered.status).toBe(201);
    // A met clock ranks below a running one: the ticket now shows its resolution, 35 of 240 min spent.
    expect(answered.body.ticket.sla).toEqual({ metric: 'resolution', status: 'ok', dueAt: '2026-03-02T13:00:00.000Z', remainingMs: 205 * minute });
    // 13:00 is beyond 10:35, and the due sort moves it between 10:10 and 13:20.
    expect(subjects((await list(desk.agentA, 'dueWithinMinutes=60')).items)).toEqual(['VPN drops']);
    expect(subjects((await list(desk.agentA, 'sort=due&limit=3')).items)).toEqual(['VPN drops', 'Printer on fire', 'New laptop']);
  });

  it('saves the due filter and sort in a view, counted for the caller', async () => {
    const view = await desk.call(desk.agentA, 'POST', '/api/v1/views', { name: 'Breaching within the hour', filters: { dueWithinMinutes: 60 }, sort: 'due' });
    expect(view.status, JSON.stringify(view.body)).toBe(201);
    expect(view.body.sort).toBe('due');
    expect(view.body.count).toBe(1);
  });

  it('filters the list by text, combined with the other filters, never matching a requester against a note', async () => {
    const note = await desk.call(desk.agentA, 'POST', `/api/v1/tickets/${ids.laptop}/messages`, { body: 'Budget code zebracrossing approved.', internal: true });
    expect(note.status).toBe(201);
    expect(subjects((await list(desk.agentA, 'q=laptop')).items)).toEqual(['New laptop']);
    expect(subjects((await list(desk.agentA, 'q=zebracrossing')).items)).toEqual(['New laptop']);
    expect(subjects((await list(desk.agentA, 'q=laptop&priority=urgent')).items)).toEqual([]);
    expect(subjects((await list(desk.agentA, 'q=printer&sort=due&dueWithinMinutes=600')).items)).toEqual(['Printer on fire']);
    // Search takes the due filter too: at 09:35 the printer's resolution (13:00) is within 600 min, the laptop's
    // first response (13:20) is not within 60.
    const search = async (query: string) => (await desk.call(desk.agentA, 'GET', `/api/v1/search?${query}`)).body.items.map((hit: { ticket: { subject: string } }) => hit.ticket.subject);
    expect(await search('q=printer&dueWithinMinutes=600')).toEqual(['Printer on fire']);
    expect(await search('q=laptop&dueWithinMinutes=60')).toEqual([]);
    expect((await desk.call(desk.agentA, 'GET', '/api/v1/search?q=laptop&dueWithinMinutes=-3')).status).toBe(400);
    expect((await list(desk.requester, 'q=laptop')).items).toHaveLength(1);
    expect((await list(desk.requester, 'q=zebracrossing')).items).toHaveLength(0);
  });

  it('refuses bad due and text values with a 400 and saves nothing', async () => {
    for (const query of ['dueWithinMinutes=-1', 'dueWithinMinutes=abc', 'dueWithinMinutes=1.5', 'dueWithinMinutes=9999999', 'sort=soonest', `q=${'x'.repeat(201)}`]) {
      const response = await desk.call(desk.agentA, 'GET', `/api/v1/tickets?${query}`);
      expect(response.status, query).toBe(400);
      expect(response.body.error.code).toBe('validation_failed');
    }
    // A cursor of another sort does not continue a due-sorted list.
    const byRef = await list(desk.agentA, 'sort=ref&limit=1');
    const wrongCursor = await desk.call(desk.agentA, 'GET', `/api/v1/tickets?sort=due&cursor=${byRef.nextCursor}`);
    expect(wrongCursor.status).toBe(400);

    const before = (await desk.call(desk.agentA, 'GET', '/api/v1/views')).body.items.length;
    for (const filters of [{ dueWithinMinutes: -5 }, { dueWithinMinutes: 'soon' }, { q: '' }]) {
      const response = await desk.call(desk.agentA, 'POST', '/api/v1/views', { name: 'Bad', filters, sort: 'due' });
      expect(response.status, JSON.stringify(filters)).toBe(400);
    }
    expect((await desk.call(desk.agentA, 'POST', '/api/v1/views', { name: 'Bad', sort: 'soonest' })).status).toBe(400);
    expect((await desk.call(desk.agentA, 'GET', '/api/v1/views')).body.items.length).toBe(before);
  });
});
