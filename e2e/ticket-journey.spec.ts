import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, password } from './support/api.js';
import { expectNoProblems, launchBrowser, openPage, screenshot, signIn, type WatchedPage } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

describe('a ticket from the portal to the desk and back', () => {
  let server: TestServer;
  let browser: Browser;
  let requester: WatchedPage;
  let agent: WatchedPage;
  let admin: ApiSession;
  let danaId = 0;

  beforeAll(async () => {
    server = await startServer();
    admin = await ApiSession.signIn(server.url, server.admin.email, server.admin.password);
    const team = await admin.createTeam({ name: 'Service desk', tier: 1 });
    const dana = await admin.createUser({ name: 'Dana Agent', email: 'dana@e2e.test', role: 'agent', password });
    danaId = dana.id;
    await admin.setTeamMembers(team.id, [{ userId: dana.id, isLead: false }]);
    // The category routes portal tickets to the team, so the team's agents see them.
    await admin.call('POST', '/api/v1/categories', { name: 'Printers', defaultTeamId: team.id });
    await admin.createUser({ name: 'Robin Requester', email: 'robin@e2e.test', role: 'requester', password });
    browser = await launchBrowser();
    requester = await openPage(browser, server.url);
    agent = await openPage(browser, server.url);
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await screenshot(agent.page, `failed-${context.task.name.slice(0, 30)}-agent`);
    await screenshot(requester.page, `failed-${context.task.name.slice(0, 30)}-requester`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the agent watches the queue while the requester files a ticket, and it arrives without a reload', async () => {
    await signIn(agent.page, 'dana@e2e.test', password);
    await agent.page.goto('/desk/views/all');
    await expect.poll(() => agent.page.getByRole('heading', { name: 'All tickets' }).isVisible()).toBe(true);

    await signIn(requester.page, 'robin@e2e.test', password);
    expect(new URL(requester.page.url()).pathname).toBe('/portal');
    await requester.page.getByRole('button', { name: 'Ask for help' }).first().click();
    await requester.page.getByLabel('What is it about?').selectOption({ label: 'Printers' });
    await requester.page.getByLabel('In a few words, what is wrong?').fill('Printer on floor 3 jams every page');
    await requester.page.getByLabel('Tell us more').fill('Since this morning every print job jams.\nI tried turning it off and on.');
    await requester.page.getByRole('button', { name: 'Send request' }).click();
    await requester.page.waitForURL(/\/portal\/tickets\/\d+/);
    await expect.poll(() => requester.page.getByRole('heading', { name: 'Printer on floor 3 jams every page' }).isVisible()).toBe(true);

    // No navigation on the agent's side: the row appears by itself.
    await expect.poll(() => agent.page.getByRole('link', { name: 'Printer on floor 3 jams every page' }).isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('the agent replies in public and adds an internal note', async () => {
    await agent.page.getByRole('link', { name: 'Printer on floor 3 jams every page' }).click();
    await agent.page.waitForURL(/\/desk\/tickets\/\d+/);
    await agent.page.getByRole('textbox', { name: 'Public reply' }).fill('Thanks Robin, a technician is on the way with a new fuser.');
    await agent.page.getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => agent.page.getByText('a technician is on the way').isVisible()).toBe(true);

    await agent.page.getByText('Internal note', { exact: true }).first().click();
    await agent.page.getByRole('textbox', { name: 'Internal note' }).fill('Fuser is under warranty, order ref W-55.');
    await agent.page.getByRole('button', { name: 'Add note' }).click();
    const note = agent.page.locator('[data-message-kind="note"]');
    await expect.poll(() => note.count()).toBe(1);
    expect(await note.getByText('Internal note').isVisible()).toBe(true);
    expectNoProblems(agent, 'the desk');
  });

  it('the requester sees the reply but never the note, and marks the ticket solved', async () => {
    await expect.poll(() => requester.page.getByText('a technician is on the way').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await requester.page.getByText('W-55').count()).toBe(0);
    expect(await requester.page.content()).not.toContain('W-55');

    await requester.page.getByRole('button', { name: 'This solved my problem' }).click();
    await expect.poll(() => requester.page.getByText('Solved — reply if it isn’t').first().isVisible()).toBe(true);
    // The confirmation toast (its code arrives with the first toast).
    await expect.poll(() => requester.page.getByText('Thank you! We marked your request as solved.').isVisible()).toBe(true);
    expectNoProblems(requester, 'the portal');
  });

  it('the desk shows the ticket as resolved without a reload', async () => {
    await expect.poll(() => agent.page.getByText('Resolved', { exact: true }).first().isVisible(), { timeout: 20_000 }).toBe(true);
  });

  it('the history says in words who changed what, one change per entry', async () => {
    const id = Number(/\/desk\/tickets\/(\d+)/.exec(agent.page.url())?.[1]);
    const { version } = await admin.call<{ version: number }>('GET', `/api/v1/tickets/${id}`);
    await admin.call('PATCH', `/api/v1/tickets/${id}`, { version, assigneeId: danaId, priority: 'urgent', tags: ['printer', 'floor-3'], reason: 'Whole floor waiting' });
    await agent.page.getByRole('tab', { name: 'History' }).click();
    const entries = agent.page.locator('.mantine-Timeline-item');
    await expect.poll(() => entries.count(), { timeout: 20_000 }).toBe(4);
    const texts = (await entries.allInnerTexts()).map((text) => text.split('\n').filter(Boolean));
    // Who, what they changed, why (when given), and when.
    expect(texts.map((lines) => lines.slice(0, -1))).toEqual([
      ['Robin Requester', 'created the ticket'],
      ['Dana Agent', 'changed the status from New to Open', 'gave the first response'],
      ['Robin Requester', 'changed the status from Open to Resolved'],
      [
        'Ada Admin',
        'assigned the ticket to Dana Agent',
        'changed the priority from Normal to Urgent',
        'set the priority by hand',
        'added the tags printer, floor-3',
        'Whole floor waiting',
      ],
    ]);
    await screenshot(agent.page, 'desk-ticket-history');
    await agent.page.getByRole('tab', { name: 'Conversation' }).click();
    expectNoProblems(agent, 'the history');
  });

  it('the link in notification mail (/tickets/:id) opens the ticket in each person’s own area', async () => {
    const id = /\/desk\/tickets\/(\d+)/.exec(agent.page.url())?.[1];
    expect(id).toBeDefined();
    await agent.page.goto(`/tickets/${id}`);
    await agent.page.waitForURL(new RegExp(`/desk/tickets/${id}$`));
    await requester.page.goto(`/tickets/${id}`);
    await requester.page.waitForURL(new RegExp(`/portal/tickets/${id}$`));
    await expect.poll(() => requester.page.getByRole('heading', { name: 'Printer on floor 3 jams every page' }).isVisible()).toBe(true);
    // Someone not signed in is asked to sign in first, and comes back to the link.
    const stranger = await openPage(browser, server.url);
    await stranger.page.goto(`/tickets/${id}`);
    await stranger.page.waitForURL(/\/login\?next=/);
    expect(new URL(stranger.page.url()).searchParams.get('next')).toBe(`/tickets/${id}`);
    await stranger.page.close();
  });
});
