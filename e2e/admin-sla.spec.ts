import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAdminDesk, type AdminDesk } from './support/admin-desk.js';
import type { ApiSession } from './support/api.js';
import { expectAccessible, expectNoProblems, phone, screenshot, type WatchedPage } from './support/browser.js';

interface Calendar {
  id: number;
  name: string;
  timeZone: string;
  hours: unknown;
  holidays: { date: string; recurring: boolean; name?: string }[];
}
interface Policy {
  id: number;
  name: string;
  position: number;
  calendarId: number;
  conditions: Record<string, unknown>;
  targets: Record<
    string,
    { firstResponseMinutes: number | null; nextResponseMinutes: number | null; resolutionMinutes: number | null }
  >;
}

const officeDay = [{ start: '09:00', end: '17:00' }];
const weekdaysOpen = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

describe('an admin sets up business hours and SLA policies', () => {
  let desk: AdminDesk;
  let api: ApiSession;
  let admin: WatchedPage;
  let serviceDeskId = 0;
  const page = () => admin.page;
  const drawer = () => page().getByRole('dialog');
  const calendars = () => api.call<Calendar[]>('GET', '/api/v1/business-calendars');
  const policies = () => api.call<Policy[]>('GET', '/api/v1/sla-policies');

  /** Picks options of a select by clicking each, as a person does, then closes its list. */
  async function choose(from: Page, label: string | RegExp, options: (string | RegExp)[]): Promise<void> {
    for (const option of options) {
      const choice = from.getByRole('option', { name: option });
      // A multi-select stays open after a pick; clicking it again would close it.
      if (!(await choice.isVisible())) await from.getByRole('dialog').getByRole('combobox', { name: label }).click();
      await choice.click();
    }
    await from.getByRole('dialog').getByRole('textbox', { name: /^Name/ }).click();
  }

  /** A drawer scrolls inside the window; the picture grows the window to the drawer's height to show all of it. */
  async function screenshotDrawer(on: Page, name: string): Promise<void> {
    const viewport = on.viewportSize()!;
    const height = await on.getByRole('dialog').evaluate((dialog) => dialog.scrollHeight);
    await on.setViewportSize({ width: viewport.width, height: Math.max(viewport.height, height + 8) });
    await screenshot(on, name);
    await on.setViewportSize(viewport);
  }

  beforeAll(async () => {
    desk = await startAdminDesk();
    api = desk.api;
    serviceDeskId = (await api.createTeam({ name: 'Service desk', tier: 1 })).id;
    await api.createTeam({ name: 'Network', tier: 2 });
    admin = await desk.openAdminPage();
    // A step that cannot happen should fail in seconds, not hold up the journey for the default half minute.
    admin.page.setDefaultTimeout(15_000);
  });

  afterEach(async (context) => {
    if (context.task.result?.state === 'fail')
      await screenshot(admin.page, `failed-admin-sla-${context.task.name.slice(0, 30)}`);
  });

  afterAll(() => desk?.stop());

  it('creates business hours Mon–Fri 09:00–17:00 in Europe/Berlin with a holiday', async () => {
    await page().goto('/admin/business-hours');
    await expect
      .poll(() =>
        page()
          .getByText(/Business hours decide when SLA clocks run, so a ticket/)
          .isVisible(),
      )
      .toBe(true);
    await expectAccessible(page(), 'business hours, empty');

    await page().getByRole('button', { name: 'New business hours' }).click();
    await drawer().getByRole('textbox', { name: /^Name/ }).fill('Berlin office');
    await drawer()
      .getByRole('combobox', { name: /^Time zone/ })
      .fill('Berlin');
    await page()
      .getByRole('option', { name: /^Europe\/Berlin \(GMT\+[12]\)$/ })
      .click();
    for (const day of weekdaysOpen) {
      await drawer().getByLabel(`${day} opens`).fill('09:00');
      await drawer().getByLabel(`${day} closes`).fill('17:00');
    }
    expect(await drawer().getByRole('switch', { name: 'Open on Saturday' }).isChecked()).toBe(false);
    expect(await drawer().getByRole('switch', { name: 'Open on Sunday' }).isChecked()).toBe(false);
    // A second period on Wednesday, added and removed again: the day keeps one.
    await drawer().getByRole('button', { name: 'Add hours on Wednesday' }).click();
    await drawer().getByLabel('Wednesday, period 2, closes').fill('20:00');
    await drawer().getByRole('button', { name: 'Remove Wednesday 17:00–20:00' }).click();
    expect(
      await drawer()
        .getByLabel(/^Wednesday, period 2/)
        .count(),
    ).toBe(0);

    await drawer().getByRole('button', { name: 'Add holiday' }).click();
    const holiday = drawer().getByRole('group', { name: 'Holiday 1' });
    await holiday.getByLabel(/^Date/).fill('2026-12-25');
    await holiday.getByLabel('Name').fill('Christmas Day');
    await expectAccessible(page(), 'the business hours form');
    await screenshotDrawer(page(), 'admin-business-hours-form');
    await drawer().getByRole('button', { name: 'Create' }).click();

    const row = page().getByRole('row', { name: /Berlin office/ });
    await expect.poll(() => row.isVisible()).toBe(true);
    const text = await row.innerText();
    expect(text).toContain('Europe/Berlin');
    expect(text).toContain('Mon–Fri 09:00–17:00');
    expect(text).toContain('1 holiday');

    const [stored] = await calendars();
    expect(stored).toMatchObject({
      name: 'Berlin office',
      timeZone: 'Europe/Berlin',
      hours: { monday: officeDay, tuesday: officeDay, wednesday: officeDay, thursday: officeDay, friday: officeDay },
      holidays: [{ date: '2026-12-25', recurring: false, name: 'Christmas Day' }],
    });
    expect(Object.keys(stored!.hours as object)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
    await expectAccessible(page(), 'business hours with one calendar');
    await screenshot(page(), 'admin-business-hours');
  });

  it('creates a policy with conditions and targets, lists it in words and stores minutes', async () => {
    await page().goto('/admin/sla-policies');
    await expect
      .poll(() =>
        page()
          .getByText(/An SLA policy says how fast tickets must get a first response/)
          .isVisible(),
      )
      .toBe(true);
    await screenshot(page(), 'admin-sla-policies-empty');
    expect(
      await page()
        .getByText(/first match wins/)
        .isVisible(),
    ).toBe(true);

    await page().getByRole('button', { name: 'New policy' }).click();
    await drawer().getByRole('textbox', { name: /^Name/ }).fill('Standard');
    await choose(page(), 'Priorities', ['Urgent', 'High']);
    await choose(page(), 'Teams', ['Service desk']);
    expect(
      await drawer()
        .getByRole('combobox', { name: /^Business hours/ })
        .inputValue(),
    ).toBe('Berlin office');
    const target = (priority: string, metric: string) =>
      drawer().getByRole('textbox', { name: `${priority}, ${metric}` });
    await target('Urgent', 'First response').fill('30m');
    await target('Urgent', 'Each later reply').fill('1h 30m');
    await target('Urgent', 'Resolution').fill('4h');
    await target('High', 'First response').fill('1h');
    await target('High', 'Resolution').fill('1d 2h');

    await drawer().getByRole('button', { name: 'Preview due times' }).click();
    const preview = drawer().getByText(/A ticket arriving now .* counted with Berlin office, would be due/);
    await expect.poll(() => preview.isVisible()).toBe(true);
    expect(
      await drawer()
        .getByRole('row', { name: /^Urgent/ })
        .last()
        .innerText(),
    ).toMatch(/\d{1,2}:\d{2}/);
    await expectAccessible(page(), 'the policy form');
    await screenshotDrawer(page(), 'admin-sla-policy-form');
    await drawer().getByRole('button', { name: 'Create' }).click();

    const card = page().getByRole('region', { name: 'Standard' });
    await expect.poll(() => card.isVisible(), { timeout: 20_000 }).toBe(true);
    const words = await card.innerText();
    expect(words).toContain('Priority Urgent or High · team Service desk');
    expect(words).toContain('Berlin office');
    expect(words).toMatch(/Urgent\s+30m \/ 4h/);
    expect(words).toMatch(/High\s+1h \/ 1d 2h/);

    const [stored] = await policies();
    expect(stored).toMatchObject({
      name: 'Standard',
      calendarId: (await calendars())[0]!.id,
      conditions: { priorities: ['urgent', 'high'], teamIds: [serviceDeskId] },
      targets: {
        urgent: { firstResponseMinutes: 30, nextResponseMinutes: 90, resolutionMinutes: 240 },
        high: { firstResponseMinutes: 60, nextResponseMinutes: null, resolutionMinutes: 1560 },
      },
    });
    expect(Object.keys(stored!.targets).sort()).toEqual(['high', 'urgent']);
  });

  it('explains refused targets in words and saves nothing', async () => {
    await page().getByRole('button', { name: 'New policy' }).click();
    await drawer().getByRole('textbox', { name: /^Name/ }).fill('Broken');
    await drawer().getByRole('textbox', { name: 'Normal, First response' }).fill('-30m');
    await drawer().getByRole('textbox', { name: 'Low, Resolution' }).fill('4');
    await drawer().getByRole('button', { name: 'Create' }).click();
    await expect
      .poll(() => drawer().getByText('Some details need attention; they are marked below.').isVisible())
      .toBe(true);
    expect(
      await drawer()
        .getByText(/Normal, First response:\s*A target cannot be negative/)
        .isVisible(),
    ).toBe(true);
    expect(
      await drawer()
        .getByText(/Low, Resolution:\s*Add a unit: m for minutes, h for hours, d for days/)
        .isVisible(),
    ).toBe(true);
    expect(await drawer().getByRole('textbox', { name: 'Normal, First response' }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    // The first refused field gets the focus, however far above the buttons it is.
    await expect.poll(() => page().locator(':focus').getAttribute('aria-label')).toBe('Normal, First response');
    await screenshotDrawer(page(), 'admin-sla-policy-refused');
    await drawer().getByRole('button', { name: 'Cancel' }).click();
    expect((await policies()).map((policy) => policy.name)).toEqual(['Standard']);
  });

  it('refuses to delete business hours a policy uses, saying which policy', async () => {
    await page().goto('/admin/business-hours');
    await page().getByRole('button', { name: 'Delete Berlin office' }).click();
    await page().getByRole('dialog', { name: 'Delete Berlin office?' }).getByRole('button', { name: 'Delete' }).click();
    const refusal = page().getByRole('dialog').getByRole('alert');
    await expect.poll(() => refusal.isVisible()).toBe(true);
    expect(await refusal.innerText()).toBe(
      'Berlin office is still in use, so it was not deleted: the policy Standard counts time with it. Choose other business hours for that policy first.',
    );
    await screenshot(page(), 'admin-business-hours-delete-refused');
    await page().getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    expect((await calendars()).map((calendar) => calendar.name)).toEqual(['Berlin office']);
    // The browser logs the refused request itself; that one line is the refusal this step asked for, nothing else.
    const refused = admin.problems.filter((problem) => /status of 409 \(Conflict\)/.test(problem));
    expect(refused).toHaveLength(1);
    admin.problems.splice(admin.problems.indexOf(refused[0]!), 1);
  });

  it('adds a second policy, moves it first by keyboard, and the preview follows the order', async () => {
    await page().goto('/admin/sla-policies');
    await page().getByRole('button', { name: 'New policy' }).click();
    await drawer().getByRole('textbox', { name: /^Name/ }).fill('Major incidents');
    await choose(page(), 'Ticket types', ['Incident']);
    await drawer().getByRole('textbox', { name: 'Urgent, First response' }).fill('15m');
    await drawer().getByRole('textbox', { name: 'Urgent, Resolution' }).fill('2h');
    await drawer().getByRole('button', { name: 'Create' }).click();
    const order = () => page().locator('ol > li h2').allInnerTexts();
    await expect.poll(order, { timeout: 20_000 }).toEqual(['Standard', 'Major incidents']);

    await page().getByRole('button', { name: 'Move Major incidents up' }).focus();
    await page().keyboard.press('Enter');
    await expect.poll(order).toEqual(['Major incidents', 'Standard']);
    await expect
      .poll(async () => (await policies()).map((policy) => policy.name))
      .toEqual(['Major incidents', 'Standard']);
    // The moved policy keeps the focus (its "up" button is disabled at the top, so "down" has it).
    await expect.poll(() => page().locator(':focus').getAttribute('aria-label')).toBe('Move Major incidents down');

    const tester = page().getByRole('region', { name: 'Which policy would a ticket get?' });
    await tester.getByRole('combobox', { name: 'Priority' }).click();
    await page().getByRole('option', { name: 'Urgent' }).click();
    await tester.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => tester.getByText('Major incidents applies.').isVisible()).toBe(true);
    await expectAccessible(page(), 'the ordered policies');
    await screenshot(page(), 'admin-sla-policies');
  });

  it('edits a target and the stored minutes change', async () => {
    await page().getByRole('button', { name: 'Edit Standard' }).click();
    const resolution = drawer().getByRole('textbox', { name: 'High, Resolution' });
    expect(await resolution.inputValue()).toBe('1d 2h');
    await resolution.fill('8h');
    await drawer().getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => page().getByRole('region', { name: 'Standard' }).innerText(), { timeout: 20_000 })
      .toMatch(/High\s+1h \/ 8h/);
    const standard = (await policies()).find((policy) => policy.name === 'Standard')!;
    expect(standard.targets.high).toEqual({
      firstResponseMinutes: 60,
      nextResponseMinutes: null,
      resolutionMinutes: 480,
    });
    expect(standard.position).toBe(1);

    await page().getByRole('button', { name: 'Delete Major incidents' }).click();
    await page()
      .getByRole('dialog', { name: 'Delete Major incidents?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect.poll(() => page().getByRole('region', { name: 'Major incidents' }).count()).toBe(0);
    expect((await policies()).map((policy) => policy.name)).toEqual(['Standard']);
    expectNoProblems(admin, 'the SLA admin screens');
  });

  it('sets escalation rules in words, refuses a rule without actions, and stores them', async () => {
    const teams = (await api.call<{ items: { id: number; name: string }[] }>('GET', '/api/v1/teams')).items;
    const networkId = teams.find((team) => team.name === 'Network')!.id;
    await page().getByRole('button', { name: 'Edit Standard' }).click();
    expect(await drawer().getByText('No escalation rules: warnings and breaches only show on the tickets.').isVisible()).toBe(true);
    const rule = (number: number) => drawer().getByRole('group', { name: `Escalation rule ${number}` });
    const pick = async (number: number, field: string, option: string) => {
      await rule(number).getByRole('combobox', { name: field }).click();
      await page().getByRole('option', { name: option, exact: true }).click();
    };

    // Breach of resolution: tell the team's leads, then move the ticket to the Network team (tier 2).
    await drawer().getByRole('button', { name: 'Add an escalation rule' }).click();
    expect(await rule(1).getByRole('combobox', { name: 'When' }).inputValue()).toBe('A clock is breached');
    expect(await rule(1).getByRole('combobox', { name: 'Action 1' }).inputValue()).toBe("Notify the team's leads");
    await pick(1, 'Clock', 'Resolution');
    await rule(1).getByRole('button', { name: 'Add an action' }).click();
    await pick(1, 'Action 2', 'Move to a higher tier');
    expect(await rule(1).getByRole('textbox', { name: 'Tier' }).inputValue()).toBe('2');
    await pick(1, 'Team', 'Network');

    // A second rule left without actions is refused in words, and nothing is saved.
    await drawer().getByRole('button', { name: 'Add an escalation rule' }).click();
    await pick(2, 'When', 'A clock warns');
    await rule(2).getByRole('button', { name: 'Remove action 1' }).click();
    await drawer().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => rule(2).getByText('Give this rule at least one action, or remove it.').isVisible()).toBe(true);
    expect((await policies()).find((policy) => policy.name === 'Standard')).toMatchObject({ escalations: [] });

    await rule(2).getByRole('button', { name: 'Add an action' }).click();
    await pick(2, 'Action 1', 'Raise the priority');
    // The previous step's notice fades out on its own; half faded, its text fails the contrast check.
    await expect.poll(() => page().locator('.mantine-Notification-root').count(), { timeout: 15_000 }).toBe(0);
    await expectAccessible(page(), 'the escalation rules');
    await screenshotDrawer(page(), 'admin-sla-policy-escalations');
    await drawer().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => drawer().isVisible(), { timeout: 20_000 }).toBe(false);
    const stored = (await policies()).find((policy) => policy.name === 'Standard') as Policy & { escalations: unknown };
    expect(stored.escalations).toEqual([
      { trigger: 'breach', metric: 'resolution', actions: [{ type: 'notify_team_lead' }, { type: 'move_to_tier', tier: 2, teamId: networkId }] },
      { trigger: 'warning', actions: [{ type: 'raise_priority' }] },
    ]);

    // The policy's card says what it does, in words.
    const lines = () => page().getByRole('region', { name: 'Standard' }).locator('[data-escalations]').innerText();
    await expect.poll(lines).toContain("On a breach of resolution: notify the team's leads, then move to Network (tier 2)");
    expect(await lines()).toContain('On any warning: raise the priority');

    // Opened again, the rules read as they were saved; a reassignment names its agent on the card.
    const users = (await api.call<{ items: { id: number; name: string; role: string }[] }>('GET', '/api/v1/users')).items;
    const adminUser = users.find((user) => user.role === 'admin')!;
    await page().getByRole('button', { name: 'Edit Standard' }).click();
    expect(await rule(1).getByRole('combobox', { name: 'Clock' }).inputValue()).toBe('Resolution');
    expect(await rule(1).getByRole('combobox', { name: 'Team' }).inputValue()).toBe('Network');
    await pick(2, 'Action 1', 'Reassign');
    expect(await rule(2).getByRole('combobox', { name: 'To' }).inputValue()).toBe("The team's queue (unassigned)");
    await pick(2, 'To', adminUser.name);
    await drawer().getByRole('button', { name: 'Save' }).click();
    await expect.poll(lines, { timeout: 20_000 }).toContain(`On any warning: reassign it to ${adminUser.name}`);
    expect((await policies()).find((policy) => policy.name === 'Standard')).toMatchObject({
      escalations: [{ trigger: 'breach' }, { trigger: 'warning', actions: [{ type: 'reassign', assigneeId: adminUser.id }] }],
    });

    // An agent who leaves after a rule named them: the rule still says who, and saving it is refused beside the rule.
    const leaving = await api.createUser({ name: 'Lee Park', email: 'lee.park@example.test', role: 'agent' });
    await page().reload();
    await page().getByRole('button', { name: 'Edit Standard' }).click();
    await pick(2, 'To', 'Lee Park');
    await drawer().getByRole('button', { name: 'Save' }).click();
    await expect.poll(lines, { timeout: 20_000 }).toContain('On any warning: reassign it to Lee Park');
    await api.call('PATCH', `/api/v1/users/${leaving.id}`, { isActive: false });
    await page().reload();
    await page().getByRole('button', { name: 'Edit Standard' }).click();
    expect(await rule(2).getByRole('combobox', { name: 'To' }).inputValue()).toBe('Lee Park (deactivated)');
    await drawer().getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => rule(2).getByText('Escalation rule 2: Lee Park is not an active agent and cannot be assigned.').isVisible())
      .toBe(true);
    expect((await policies()).find((policy) => policy.name === 'Standard')).toMatchObject({
      escalations: [{ trigger: 'breach' }, { trigger: 'warning', actions: [{ type: 'reassign', assigneeId: leaving.id }] }],
    });
    await screenshotDrawer(page(), 'admin-sla-policy-escalation-refused');
    // The browser logs the refused request itself: that one line is the refusal this step asked for.
    const refused = admin.problems.filter((problem) => /status of 400 \(Bad Request\)/.test(problem));
    expect(refused).toHaveLength(1);
    admin.problems.splice(admin.problems.indexOf(refused[0]!), 1);

    // Removing that rule and saving keeps the other.
    await rule(2).getByRole('button', { name: 'Remove rule' }).click();
    await drawer().getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => drawer().isVisible(), { timeout: 20_000 }).toBe(false);
    const after = (await policies()).find((policy) => policy.name === 'Standard') as Policy & { escalations: unknown[] };
    expect(after.escalations).toHaveLength(1);
    await expect.poll(lines).not.toContain('On any warning');
    expectNoProblems(admin, 'the escalation rules');

    // Each of these saves is in the audit log, by who and what, in names.
    await page().goto('/admin/audit');
    await expect.poll(() => page().getByRole('cell', { name: 'SLA policy: Standard' }).count()).toBeGreaterThan(2);
    expect(await page().getByRole('cell', { name: 'Business hours: Berlin office' }).count()).toBeGreaterThan(0);
    expect(await page().getByRole('cell', { name: 'sla_policy.updated' }).count()).toBeGreaterThan(0);
    await screenshot(page(), 'admin-audit-sla');
    expectNoProblems(admin, 'the audit log');
  });

  it('both screens work on a 375 px phone', async () => {
    const small = await desk.openAdminPage(phone);
    await small.page.goto('/admin/sla-policies');
    await expect.poll(() => small.page.getByRole('region', { name: 'Standard' }).isVisible()).toBe(true);
    await expectAccessible(small.page, 'policies on a phone');
    await screenshot(small.page, 'admin-sla-policies-phone');
    await small.page.getByRole('button', { name: 'Edit Standard' }).click();
    await expect.poll(() => small.page.getByRole('dialog').isVisible()).toBe(true);
    await screenshotDrawer(small.page, 'admin-sla-policy-form-phone');
    await small.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await small.page.goto('/admin/business-hours');
    await expect.poll(() => small.page.getByRole('region', { name: 'Berlin office' }).isVisible()).toBe(true);
    await expectAccessible(small.page, 'business hours on a phone');
    expect(await small.page.getByRole('region', { name: 'Berlin office' }).innerText()).toMatch(
      /Mon–Fri 09:00–17:00[\s\S]*1 holiday[\s\S]*Standard/,
    );
    await screenshot(small.page, 'admin-business-hours-phone');
    await small.page.getByRole('button', { name: 'Edit Berlin office' }).click();
    await expect.poll(() => small.page.getByRole('dialog').isVisible()).toBe(true);
    await screenshotDrawer(small.page, 'admin-business-hours-form-phone');
    expectNoProblems(small, 'the SLA admin screens on a phone');
  });
});
