import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, password } from './support/api.js';
import { expectNoProblems, launchBrowser, openPage, signIn } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

describe('the desk’s name and colour', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    const api = await ApiSession.signIn(server.url, server.admin.email, server.admin.password);
    await api.createUser({ name: 'Robin Requester', email: 'robin@e2e.test', role: 'requester', password });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an admin renames the desk and picks a colour, and a requester sees both in the portal', async () => {
    const admin = await openPage(browser, server.url);
    await signIn(admin.page, server.admin.email, server.admin.password);
    await admin.page.goto('/admin/general');
    const name = admin.page.getByLabel(/^Desk name/);
    await expect.poll(() => name.inputValue()).toBe('Linchpin');
    await name.fill('Northwind IT');
    await admin.page.getByRole('radio', { name: 'Teal' }).check();
    await admin.page.getByRole('button', { name: 'Save' }).click();
    // The admin's own header follows at once.
    await expect.poll(() => admin.page.getByRole('banner').getByText('Northwind IT').isVisible()).toBe(true);
    expectNoProblems(admin, 'the general settings page');

    const requester = await openPage(browser, server.url);
    await signIn(requester.page, 'robin@e2e.test', password);
    await requester.page.goto('/portal');
    await expect.poll(() => requester.page.getByRole('banner').getByText('Northwind IT').isVisible()).toBe(true);
    await expect.poll(() => requester.page.title()).toBe('Northwind IT');
    // The primary colour is Mantine's teal (a shade darker than its default, for readable white text).
    // An expression run in the page: this file is compiled without the DOM's types.
    const [primary, teal] = await requester.page.evaluate<[string, string]>(
      `(() => { const style = getComputedStyle(document.documentElement); return [style.getPropertyValue('--mantine-primary-color-filled'), style.getPropertyValue('--mantine-color-teal-8')]; })()`,
    );
    expect(teal).not.toBe('');
    expect(primary).toBe(teal);
    expectNoProblems(requester, 'the portal with the new name');
  });

  it('refuses a logo address that is not https, saying so beside the field, and keeps the name', async () => {
    const admin = await openPage(browser, server.url);
    await signIn(admin.page, server.admin.email, server.admin.password);
    await admin.page.goto('/admin/general');
    const logo = admin.page.getByLabel(/^Logo address/);
    await logo.fill('http://example.com/logo.png');
    await expect.poll(() => admin.page.getByText('The logo address must start with https://').isVisible()).toBe(true);
    await logo.fill('/logo.svg');
    await expect.poll(() => admin.page.getByRole('img', { name: 'The logo as it will appear' }).count()).toBe(1);
  });
});
