import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, password } from './support/api.js';
import { expectAccessible, expectNoProblems, launchBrowser, openPage, screenshot, signIn, type WatchedPage } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

describe('time left on every ticket, and who else is on one', () => {
  let server: TestServer;
  let browser: Browser;
  let dana: WatchedPage;
  const ids = { urgent: 0, high: 0, low: 0 };

  beforeAll(async () => {
    server = await startServer();
    const admin = await ApiSession.signIn(server.url, server.admin.email, server.admin.password);
    const team = await admin.createTeam({ name: 'Service desk', tier: 1 });
    const danaUser = await admin.createUser({ name: 'Dana Agent', email: 'dana@e2e.test', role: 'agent', password });
    const leeUser = await admin.createUser({ name: 'Lee Agent', email: 'lee@e2e.test', role: 'agent', password });
    await admin.setTeamMembers(team.id, [
      { userId: danaUser.id, isLead: false },
      { userId: leeUser.id, isLead: false },
    ]);
    const robin = await admin.createUser({ name: 'Robin Requester', email: 'robin@e2e.test', role: 'requester', password });
    const calendar = await admin.call<{ id: number }>('POST', '/api/v1/business-calendars', { name: 'Always', timeZone: 'UTC', hours: '24x7' });
    await admin.call('POST', '/api/v1/sla-policies', {
      name: 'Standard',
      calendarId: calendar.id,
      targets: { urgent: { firstResponseMinutes: 30, resolutionMinutes: 480 }, high: { firstResponseMinutes: 240 } },
    });
    const ticket = (subject: string, priority: string) => admin.createTicket({ subject, body: `<p>${subject}</p>`, requesterId: robin.id, teamId: team.id, priority });
    ids.urgent = (await ticket('Payroll server is down', 'urgent')).id;
    ids.high = (await ticket('Shared drive is slow', 'high')).id;
    ids.low = (await ticket('New mouse please', 'low')).id;
    browser = await launchBrowser();
    dana = await openPage(browser, server.url);
    await signIn(dana.page, 'dana@e2e.test', password);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(dana.page, `failed-${context.task.name.slice(0, 30)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const row = (id: number) => dana.page.locator(`tr[data-ticket-id="${id}"]`);

  it('every row says how long is left, in words as well as colour', async () => {
    await dana.page.goto('/desk/views/open');
    await expect.poll(() => row(ids.urgent).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await row(ids.urgent).innerText()).toMatch(/\b(29|30)m left\b/);
    expect(await row(ids.high).innerText()).toMatch(/\b(3h 59m|4h) left\b/);
    expect(await row(ids.low).innerText()).toContain('No SLA');
    await expectAccessible(dana.page, 'the desk list with time left');
    await screenshot(dana.page, 'desk-list-sla');
  });

  it('sorting by time left puts the ticket due soonest first', async () => {
    await dana.page.getByRole('button', { name: 'Sort by time left, soonest due first' }).click();
    await dana.page.waitForURL(/sort=due/);
    await expect.poll(() => dana.page.locator('tbody tr').first().getAttribute('data-ticket-id'), { timeout: 20_000 }).toBe(String(ids.urgent));
  });

  it('"Breaching in the next hour" holds the urgent ticket and not the others', async () => {
    await dana.page.getByRole('link', { name: /Breaching in the next hour/ }).click();
    await expect.poll(() => dana.page.getByRole('heading', { name: 'Breaching in the next hour', level: 1 }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => row(ids.urgent).isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await row(ids.high).count()).toBe(0);
    expect(await row(ids.low).count()).toBe(0);
  });

  it('the ticket page shows every clock', async () => {
    await dana.page.goto(`/desk/tickets/${ids.urgent}`);
    const panel = dana.page.getByRole('region', { name: 'Service level' });
    await expect.poll(() => panel.locator('[data-sla-metric="first_response"]').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await panel.locator('[data-sla-metric="first_response"]').innerText()).toMatch(/First response[\s\S]*On track[\s\S]*m left/);
    expect(await panel.locator('[data-sla-metric="resolution"]').innerText()).toMatch(/Resolution[\s\S]*(7h 59m|8h) left/);
    await expectAccessible(dana.page, 'the ticket page with its clocks');
    await screenshot(dana.page, 'desk-ticket-sla');
    expectNoProblems(dana, 'the desk with SLA clocks');
  });

  it('two agents on one ticket see each other viewing, then replying, then gone', async () => {
    const lee = await openPage(browser, server.url);
    await signIn(lee.page, 'lee@e2e.test', password);
    await dana.page.goto(`/desk/tickets/${ids.high}`);
    await lee.page.goto(`/desk/tickets/${ids.high}`);
    const danaSees = dana.page.getByRole('status', { name: 'Also on this ticket' });
    const leeSees = lee.page.getByRole('status', { name: 'Also on this ticket' });
    await expect.poll(() => danaSees.innerText(), { timeout: 20_000 }).toContain('Lee Agent is viewing');
    await expect.poll(() => leeSees.innerText(), { timeout: 20_000 }).toContain('Dana Agent is viewing');
    // Nobody is told about themselves.
    expect(await danaSees.innerText()).not.toContain('Dana Agent');

    await lee.page.getByRole('textbox', { name: 'Public reply' }).fill('Looking at the file server now');
    await expect.poll(() => danaSees.innerText(), { timeout: 20_000 }).toContain('Lee Agent is replying');
    await screenshot(dana.page, 'desk-ticket-presence');
    await expectAccessible(dana.page, 'the ticket page with presence');

    await lee.page.goto('/desk/views/open');
    await expect.poll(() => danaSees.innerText(), { timeout: 20_000 }).not.toContain('Lee Agent');
    expectNoProblems(lee, 'the second agent');
    expectNoProblems(dana, 'the first agent');
  });
});
