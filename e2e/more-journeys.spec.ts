import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, password } from './support/api.js';
import { expectAccessible, expectNoProblems, launchBrowser, openPage, signIn } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

describe('admin and phone journeys', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an admin creates an agent and a team, and the agent can sign in', async () => {
    const admin = await openPage(browser, server.url);
    await signIn(admin.page, server.admin.email, server.admin.password);
    await admin.page.goto('/admin/users');
    await admin.page.getByRole('button', { name: 'Add person' }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel(/^Name/).waitFor();
    // Dialogs too: their close button and the selects' clear buttons have names.
    await expectAccessible(admin.page, 'the add-person dialog');
    await dialog.getByLabel(/^Name/).fill('Sam Agent');
    await dialog.getByLabel(/^Email/).fill('sam@e2e.test');
    await dialog.getByLabel(/^Initial password/).fill(password);
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => admin.page.getByRole('cell', { name: 'sam@e2e.test' }).isVisible()).toBe(true);

    await admin.page.goto('/admin/teams');
    await admin.page.getByRole('button', { name: 'New team' }).click();
    await admin.page.getByRole('dialog').getByLabel(/^Name/).fill('Network');
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await expect.poll(() => admin.page.getByRole('cell', { name: 'Network' }).isVisible()).toBe(true);
    expectNoProblems(admin, 'the admin console');

    const agent = await openPage(browser, server.url);
    await signIn(agent.page, 'sam@e2e.test', password);
    expect(new URL(agent.page.url()).pathname).toBe('/desk');
    expectNoProblems(agent, 'the desk after sign-in');
  });

  it('an agent logs a phone call, finding the caller by phone number', async () => {
    const api = await ApiSession.signIn(server.url, server.admin.email, server.admin.password);
    await api.createUser({ name: 'Casey Caller', email: 'casey@e2e.test', role: 'requester', phone: '+49 30 1234567' });
    await api.createUser({ name: 'Mo Manager', email: 'mo@e2e.test', role: 'manager', password });
    const agent = await openPage(browser, server.url);
    await signIn(agent.page, 'mo@e2e.test', password);
    await agent.page.getByRole('button', { name: 'Log a call' }).click();
    const dialog = agent.page.getByRole('dialog');
    await dialog.getByLabel('Caller', { exact: true }).fill('1234567');
    await agent.page.getByRole('option', { name: /Casey Caller/ }).click();
    await dialog.getByLabel(/^What is the problem/).fill('VPN drops every ten minutes');
    await dialog.getByLabel('Notes from the call').fill('Started after the laptop update yesterday.');
    await dialog.getByRole('button', { name: 'Create ticket' }).click();
    await agent.page.waitForURL(/\/desk\/tickets\/\d+/);
    await expect.poll(() => agent.page.getByRole('heading', { name: 'VPN drops every ten minutes' }).isVisible()).toBe(true);
    expect(await agent.page.getByText('Casey Caller').first().isVisible()).toBe(true);
    expectNoProblems(agent, 'logging a call');
  });

  it('the account menu opens from the keyboard on the first press, and signs out', async () => {
    const api = await ApiSession.signIn(server.url, server.admin.email, server.admin.password);
    await api.createUser({ name: 'Kim Requester', email: 'kim@e2e.test', role: 'requester', password });
    const requester = await openPage(browser, server.url);
    await signIn(requester.page, 'kim@e2e.test', password);
    const account = requester.page.getByRole('button', { name: /Account: Kim Requester/ });
    await account.focus();
    await requester.page.keyboard.press('Enter');
    const signOut = requester.page.getByRole('menuitem', { name: 'Sign out' });
    await expect.poll(() => signOut.isVisible()).toBe(true);
    await requester.page.keyboard.press('Escape');
    await expect.poll(() => signOut.isVisible()).toBe(false);
    await account.click();
    await signOut.click();
    await requester.page.waitForURL((url) => url.pathname === '/login');
    expectNoProblems(requester, 'the account menu');
  });
});
