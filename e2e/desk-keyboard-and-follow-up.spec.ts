import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, password } from './support/api.js';
import { expectNoProblems, launchBrowser, openPage, screenshot, signIn, type WatchedPage } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

describe('the desk by keyboard, and a reply to a closed request', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: ApiSession;
  let agent: WatchedPage;
  const ticketIds: number[] = [];

  beforeAll(async () => {
    server = await startServer();
    admin = await ApiSession.signIn(server.url, server.admin.email, server.admin.password);
    const team = await admin.createTeam({ name: 'Service desk', tier: 1 });
    const kim = await admin.createUser({ name: 'Kim Agent', email: 'kim@e2e.test', role: 'agent', password });
    await admin.setTeamMembers(team.id, [{ userId: kim.id, isLead: false }]);
    const requester = await admin.createUser({ name: 'Rae Requester', email: 'rae@e2e.test', role: 'requester', password });
    for (const subject of ['Monitor flickers', 'Docking station dead', 'Keyboard missing keys']) {
      ticketIds.push((await admin.createTicket({ subject, body: 'Please help.', requesterId: requester.id, teamId: team.id })).id);
    }
    browser = await launchBrowser();
    agent = await openPage(browser, server.url);
    await signIn(agent.page, 'kim@e2e.test', password);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') await screenshot(agent.page, `failed-${context.task.name.slice(0, 30)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('j and k move the highlight, Enter opens the highlighted ticket', async () => {
    await agent.page.goto('/desk/views/all');
    const rows = agent.page.locator('tr[data-ticket-id]');
    await expect.poll(() => rows.count()).toBe(3);
    const active = () => agent.page.locator('tr[data-active="true"]').getAttribute('data-ticket-id');
    // Newest first: the last ticket created is on top and highlighted.
    expect(await active()).toBe(String(ticketIds[2]));
    await agent.page.locator('body').click({ position: { x: 5, y: 300 } });
    await agent.page.keyboard.press('j');
    await agent.page.keyboard.press('j');
    expect(await active()).toBe(String(ticketIds[0]));
    await agent.page.keyboard.press('k');
    expect(await active()).toBe(String(ticketIds[1]));
    expect(await agent.page.getByText('Something went wrong').count()).toBe(0);
    await agent.page.keyboard.press('Enter');
    await agent.page.waitForURL(new RegExp(`/desk/tickets/${ticketIds[1]}$`));
    // Back goes to the view the ticket was opened from.
    expect(await agent.page.getByRole('link', { name: /Back to the list/ }).getAttribute('href')).toBe('/desk/views/all');
    expectNoProblems(agent, 'the list by keyboard');
  });

  it('Enter on a focused view link opens the view, not the highlighted ticket', async () => {
    await agent.page.goto('/desk/views/all');
    await expect.poll(() => agent.page.locator('tr[data-ticket-id]').count()).toBe(3);
    await agent.page.getByRole('link', { name: /^Unassigned/ }).focus();
    await agent.page.keyboard.press('Enter');
    await agent.page.waitForURL(/\/desk\/views\/unassigned$/);
    await expect.poll(() => agent.page.getByRole('heading', { name: 'Unassigned' }).isVisible()).toBe(true);
    expectNoProblems(agent, 'Enter on a view link');
  });

  it("a requester's reply to a closed request opens a new one, and the portal goes there", async () => {
    const id = ticketIds[0]!;
    for (const status of ['resolved', 'closed']) {
      const { version } = await admin.call<{ version: number }>('GET', `/api/v1/tickets/${id}`);
      await admin.call('PATCH', `/api/v1/tickets/${id}`, { version, status });
    }
    const requester = await openPage(browser, server.url);
    await signIn(requester.page, 'rae@e2e.test', password);
    await requester.page.goto(`/portal/tickets/${id}`);
    await expect.poll(() => requester.page.getByText('This request is closed. Replying starts a new request.').isVisible()).toBe(true);
    await requester.page.getByRole('textbox', { name: 'Reply' }).fill('The monitor flickers again since this morning.');
    await requester.page.getByRole('button', { name: 'Reply' }).click();
    await requester.page.waitForURL((url) => /\/portal\/tickets\/\d+$/.test(url.pathname) && !url.pathname.endsWith(`/${id}`));
    const followUp = Number(/\/portal\/tickets\/(\d+)$/.exec(requester.page.url())?.[1]);
    const created = await admin.call<{ reference: string; status: string; subject: string }>('GET', `/api/v1/tickets/${followUp}`);
    expect(created).toMatchObject({ subject: 'Monitor flickers', status: 'new' });
    await expect.poll(() => requester.page.getByText(`Your reply started a new request, ${created.reference}.`).isVisible()).toBe(true);
    // The new request shows the reply just sent, under its own reference.
    await expect.poll(() => requester.page.getByText('The monitor flickers again since this morning.').isVisible()).toBe(true);
    expect(await requester.page.getByText(created.reference).first().isVisible()).toBe(true);
    await screenshot(requester.page, 'portal-follow-up');
    expectNoProblems(requester, 'the portal after a reply to a closed request');
  });

  it('an agent sets their own time zone and password from the account menu', async () => {
    await agent.page.goto('/desk');
    await agent.page.getByRole('button', { name: /account/i }).click();
    await agent.page.getByRole('menuitem', { name: 'Your profile' }).click();
    await agent.page.waitForURL(/\/portal\/profile$/);
    const timeZone = agent.page.getByRole('combobox', { name: 'Time zone' });
    await timeZone.click();
    await timeZone.fill('America/New_Y');
    await agent.page.getByRole('option', { name: 'America/New_York' }).click();
    await agent.page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => agent.page.getByText('Your profile is saved.').isVisible()).toBe(true);

    await agent.page.getByLabel('Current password').fill('not the password at all');
    await agent.page.getByLabel(/^New password/).fill('another-long-password-2026');
    await agent.page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => agent.page.getByRole('alert').innerText()).toMatch(/password/i);
    const refused = agent.problems.filter((problem) => /status of 4\d\d/.test(problem));
    expect(refused).toHaveLength(1);
    agent.problems.splice(agent.problems.indexOf(refused[0]!), 1);
    await agent.page.getByLabel('Current password').fill(password);
    await agent.page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => agent.page.getByText('Your password is changed.').isVisible()).toBe(true);
    await screenshot(agent.page, 'portal-profile');

    const kim = await ApiSession.signIn(server.url, 'kim@e2e.test', 'another-long-password-2026');
    expect(await kim.call('GET', '/api/v1/me')).toMatchObject({ timeZone: 'America/New_York' });
    expectNoProblems(agent, 'the profile');
  });
});
