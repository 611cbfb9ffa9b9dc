import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, password } from './support/api.js';
import { accessibilityViolations, desktop, launchBrowser, openPage, phone, screenshot, signIn } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

/** Every main page, signed in as the role that uses it: no serious accessibility violation, a screenshot at both widths. */
describe('every main page at desktop and phone width', () => {
  let server: TestServer;
  let browser: Browser;
  let ticketId = 0;

  beforeAll(async () => {
    server = await startServer();
    const admin = await ApiSession.signIn(server.url, server.admin.email, server.admin.password);
    const team = await admin.createTeam({ name: 'Service desk', tier: 1 });
    const dana = await admin.createUser({ name: 'Dana Agent', email: 'dana@e2e.test', role: 'agent', password });
    await admin.setTeamMembers(team.id, [{ userId: dana.id, isLead: true }]);
    const robin = await admin.createUser({ name: 'Robin Requester', email: 'robin@e2e.test', role: 'requester', password });
    await admin.call('POST', '/api/v1/categories', { name: 'Hardware', defaultTeamId: team.id });
    const ticket = await admin.createTicket({ subject: 'Laptop battery drains overnight', body: '<p>Battery is empty every morning.</p>', requesterId: robin.id, teamId: team.id, priority: 'high' });
    ticketId = ticket.id;
    await admin.createTicket({ subject: 'New starter needs an account', body: '<p>Alex starts Monday.</p>', requesterId: robin.id, teamId: team.id, type: 'service_request' });
    await admin.call('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: '<p>Please send the battery report.</p>', internal: false });
    await admin.call('POST', `/api/v1/tickets/${ticket.id}/messages`, { body: '<p>Probably the BIOS wake timer.</p>', internal: true });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const pages: { name: string; path: () => string; as: 'anonymous' | 'requester' | 'agent' | 'admin'; ready: string }[] = [
    { name: 'login', path: () => '/login', as: 'anonymous', ready: 'Sign in to Linchpin' },
    { name: 'portal-tickets', path: () => '/portal', as: 'requester', ready: 'My requests' },
    { name: 'portal-new', path: () => '/portal/new', as: 'requester', ready: 'Ask for help' },
    { name: 'portal-profile', path: () => '/portal/profile', as: 'requester', ready: 'Your profile' },
    { name: 'portal-ticket', path: () => `/portal/tickets/${ticketId}`, as: 'requester', ready: 'Laptop battery drains overnight' },
    { name: 'desk-list', path: () => '/desk/views/open', as: 'agent', ready: 'All open' },
    { name: 'desk-ticket', path: () => `/desk/tickets/${ticketId}`, as: 'agent', ready: 'Laptop battery drains overnight' },
    { name: 'admin-general', path: () => '/admin/general', as: 'admin', ready: 'General settings' },
    { name: 'admin-users', path: () => '/admin/users', as: 'admin', ready: 'People' },
    { name: 'admin-teams', path: () => '/admin/teams', as: 'admin', ready: 'Teams' },
    { name: 'admin-organizations', path: () => '/admin/organizations', as: 'admin', ready: 'Organisations' },
    { name: 'admin-roles', path: () => '/admin/roles', as: 'admin', ready: 'Roles' },
    { name: 'admin-categories', path: () => '/admin/categories', as: 'admin', ready: 'Categories' },
    { name: 'admin-custom-fields', path: () => '/admin/custom-fields', as: 'admin', ready: 'Custom fields' },
    { name: 'admin-priority-matrix', path: () => '/admin/priority-matrix', as: 'admin', ready: 'Priority matrix' },
    { name: 'admin-sla-policies', path: () => '/admin/sla-policies', as: 'admin', ready: 'SLA policies' },
    { name: 'admin-business-hours', path: () => '/admin/business-hours', as: 'admin', ready: 'Business hours' },
    { name: 'admin-mailboxes', path: () => '/admin/mailboxes', as: 'admin', ready: 'Mailboxes' },
    { name: 'admin-mail-templates', path: () => '/admin/mail-templates', as: 'admin', ready: 'Notification mail' },
    { name: 'admin-failed-mail', path: () => '/admin/failed-mail', as: 'admin', ready: 'Failed mail' },
    { name: 'admin-tokens', path: () => '/admin/tokens', as: 'admin', ready: 'API tokens' },
    { name: 'admin-audit', path: () => '/admin/audit', as: 'admin', ready: 'Audit log' },
  ];

  const accounts = { requester: 'robin@e2e.test', agent: 'dana@e2e.test' };

  for (const [width, viewport] of [['desktop', desktop], ['phone', phone]] as const) {
    it(`${width}: every main page renders, is accessible and logs no error`, async () => {
      const failures: string[] = [];
      const sessions = new Map<string, Awaited<ReturnType<typeof openPage>>>();
      for (const entry of pages) {
        let watched = sessions.get(entry.as);
        if (!watched) {
          watched = await openPage(browser, server.url, viewport);
          if (entry.as === 'admin') await signIn(watched.page, server.admin.email, server.admin.password);
          else if (entry.as !== 'anonymous') await signIn(watched.page, accounts[entry.as], password);
          sessions.set(entry.as, watched);
        }
        await watched.page.goto(entry.path());
        await expect.poll(() => watched.page.getByRole('heading', { name: entry.ready, level: 1 }).isVisible(), { message: `${entry.name} shows “${entry.ready}”` }).toBe(true);
        await watched.page.waitForLoadState('networkidle');
        await screenshot(watched.page, `${entry.name}-${width}`);
        // Gather every page's findings before failing, so one run shows them all.
        for (const violation of await accessibilityViolations(watched.page)) failures.push(`${entry.name}: ${violation}`);
        for (const problem of watched.problems.splice(0)) failures.push(`${entry.name}: ${problem}`);
      }
      expect(failures).toEqual([]);
      // Sixteen pages, each checked by axe: a budget for a busy two-core machine, not a speed claim.
    }, 300_000);
  }
});
