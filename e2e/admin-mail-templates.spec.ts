import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminDesk, type AdminDesk } from './support/admin-desk.js';
import type { ApiSession } from './support/api.js';
import { expectAccessible, expectNoProblems, phone, screenshot, screenshotsDir } from './support/browser.js';

interface Template {
  key: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  isCustomised: boolean;
  updatedAt: string | null;
}

/** The mail preview is a sandboxed frame showing the admin's own mail, not the screen: left out of the check. */
const besidePreview = { exclude: 'iframe[sandbox]' };

const defaultAgentReplySubject = 'Re: [#{{ticketRef}}] {{ticketSubject}}';
const defaultReceivedSubject = '[#{{ticketRef}}] {{ticketSubject}}';

describe('notification mail templates', () => {
  let desk: AdminDesk;
  let api: ApiSession;

  const template = async (key: string) =>
    (await api.call<{ items: Template[] }>('GET', '/api/v1/mail/templates')).items.find((item) => item.key === key)!;
  const heading = (page: Page, name: string) => page.getByRole('heading', { name, level: 1 });
  const subjectField = (page: Page) => page.getByRole('textbox', { name: 'Subject' });
  const preview = (page: Page) => page.getByRole('region', { name: 'Preview' });

  beforeAll(async () => {
    desk = await startAdminDesk();
    api = desk.api;
  });

  afterAll(() => desk?.stop());

  it('an admin changes the agent reply with a variable chip, previews it, saves it, and resets it to the default', async () => {
    const admin = await desk.openAdminPage();
    const { page } = admin;
    await page.goto('/admin/users');
    await page.getByRole('link', { name: 'Notification mail' }).click();
    await expect.poll(() => heading(page, 'Notification mail').isVisible()).toBe(true);
    const agentReply = page.getByRole('link', { name: /^Agent reply/ });
    await expect.poll(() => agentReply.isVisible()).toBe(true);
    expect(await agentReply.textContent()).toContain(
      'Sent to the requester and the people watching the ticket when an agent replies publicly',
    );
    expect(await agentReply.textContent()).toContain('Built-in wording');
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'admin-mail-templates-desktop');
    await expectAccessible(page, 'the list of notification mail');

    await agentReply.click();
    await expect.poll(() => heading(page, 'Agent reply').isVisible()).toBe(true);
    expect(new URL(page.url()).search).toBe('?template=agent_reply');
    const subject = subjectField(page);
    expect(await subject.inputValue()).toBe(defaultAgentReplySubject);
    // The default preview already fills in the sample values.
    await expect
      .poll(() =>
        preview(page).getByText('Re: [#1042] Printer on floor 3 prints blank pages', { exact: true }).isVisible(),
      )
      .toBe(true);

    // A chip inserts at the cursor of the field used last: here, just after "#" in the subject.
    await subject.fill('Request # is answered');
    await subject.press('Home');
    for (let step = 0; step < 'Request #'.length; step++) await subject.press('ArrowRight');
    await page.getByRole('button', { name: /^Insert \{\{ticketRef\}\} into the subject/ }).click();
    expect(await subject.inputValue()).toBe('Request #{{ticketRef}} is answered');
    await expect
      .poll(() => preview(page).getByText('Request #1042 is answered', { exact: true }).isVisible())
      .toBe(true);

    // The HTML body is shown in a sandboxed frame with the sample reply, never in the page itself.
    const frame = page.locator('iframe[title="Preview of the HTML body"]');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await expect
      .poll(() =>
        page
          .frameLocator('iframe[title="Preview of the HTML body"]')
          .locator('strong', { hasText: 'new toner cartridge' })
          .isVisible(),
      )
      .toBe(true);
    expect(await page.locator('main strong', { hasText: 'new toner cartridge' }).count()).toBe(0);
    await page.waitForLoadState('networkidle');
    await page.mouse.move(0, 0);
    await screenshot(page, 'admin-mail-template-editor-desktop');
    await expectAccessible(page, 'the template editor', besidePreview);

    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('“Agent reply” saved.', { exact: false }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Customised', { exact: true }).first().isVisible()).toBe(true);
    const saved = await template('agent_reply');
    expect(saved).toMatchObject({ subject: 'Request #{{ticketRef}} is answered', isCustomised: true });
    expect(saved.updatedAt).not.toBeNull();

    await page.reload();
    await expect.poll(() => heading(page, 'Agent reply').isVisible()).toBe(true);
    await expect.poll(() => subjectField(page).inputValue()).toBe('Request #{{ticketRef}} is answered');
    expect(await page.getByText('Customised', { exact: true }).first().isVisible()).toBe(true);
    expect(
      await page
        .getByText(/^Changed /)
        .first()
        .isVisible(),
    ).toBe(true);

    await page.getByRole('link', { name: 'All notification mail' }).click();
    await expect.poll(() => heading(page, 'Notification mail').isVisible()).toBe(true);
    await expect
      .poll(async () => (await page.getByRole('link', { name: /^Agent reply/ }).textContent()) ?? '')
      .toContain('Customised');
    await screenshot(page, 'admin-mail-templates-customised-desktop');

    await page.getByRole('link', { name: /^Agent reply/ }).click();
    await page.getByRole('button', { name: 'Reset to default' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset “Agent reply” to the built-in wording?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Reset to default' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => subjectField(page).inputValue()).toBe(defaultAgentReplySubject);
    expect(await page.getByRole('button', { name: 'Reset to default' }).count()).toBe(0);
    expect(await template('agent_reply')).toMatchObject({
      subject: defaultAgentReplySubject,
      isCustomised: false,
      updatedAt: null,
    });
    expectNoProblems(admin, 'editing the agent reply');
  });

  it('unsaved changes survive switching template, and a template the server refuses is explained and not saved', async () => {
    const admin = await desk.openAdminPage();
    const { page } = admin;
    await page.goto('/admin/mail-templates?template=ticket_received');
    await expect.poll(() => heading(page, 'Ticket received').isVisible()).toBe(true);

    // A typo'd variable is allowed by the server but would be sent as nothing: the screen says so.
    const textBody = page.getByRole('textbox', { name: 'Text body' });
    await textBody.fill('Hello {{recipientName}}, ticket {{ticketNumber}} is in.');
    await expect
      .poll(() => page.getByText('{{ticketNumber}}: not a variable this mail can use', { exact: false }).isVisible())
      .toBe(true);

    // Leaving for another template keeps the draft, and the list says there is one.
    await page.getByRole('link', { name: 'All notification mail' }).click();
    await expect
      .poll(async () => (await page.getByRole('link', { name: /^Ticket received/ }).textContent()) ?? '')
      .toContain('Unsaved changes');
    await page.getByRole('link', { name: /^Ticket resolved/ }).click();
    await expect.poll(() => heading(page, 'Ticket resolved').isVisible()).toBe(true);
    await page.goBack();
    await page.getByRole('link', { name: /^Ticket received/ }).click();
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Text body' }).inputValue())
      .toBe('Hello {{recipientName}}, ticket {{ticketNumber}} is in.');

    // The server refuses an empty subject (spaces only) and an empty text body.
    await subjectField(page).fill('   ');
    await page.getByRole('textbox', { name: 'Text body' }).fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('The subject cannot be empty.', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('The text body cannot be empty.', { exact: true }).isVisible()).toBe(true);
    expect(await subjectField(page).getAttribute('aria-invalid')).toBe('true');
    const shown = (await page.locator('main').textContent()) ?? '';
    expect(shown).not.toMatch(/body\.subject|validation_failed|Too small|\{"error"/);
    await page.waitForLoadState('networkidle');
    await page.evaluate('window.scrollTo(0, 0)');
    await screenshot(page, 'admin-mail-template-refused-desktop');
    expect(await template('ticket_received')).toMatchObject({ subject: defaultReceivedSubject, isCustomised: false });

    // Fixing the field clears its message; discarding brings the saved wording back.
    await subjectField(page).fill('Got it');
    await expect.poll(() => page.getByText('The subject cannot be empty.', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect.poll(() => subjectField(page).inputValue()).toBe(defaultReceivedSubject);
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    expect(await template('ticket_received')).toMatchObject({ isCustomised: false });
    // The refused save is the one failed request this test asks for; anything else is a problem.
    const refusal = 'console: Failed to load resource: the server responded with a status of 400 (Bad Request)';
    expect(admin.problems.filter((problem) => problem === refusal)).toHaveLength(1);
    admin.problems.splice(admin.problems.indexOf(refusal), 1);
    expectNoProblems(admin, 'refused and unsaved templates');
  });

  it('works on a 375 px phone', async () => {
    const admin = await desk.openAdminPage(phone);
    const { page } = admin;
    await page.goto('/admin/mail-templates');
    await expect.poll(() => page.getByRole('link', { name: /^Agent reply/ }).isVisible()).toBe(true);
    await page.waitForLoadState('networkidle');
    await screenshot(page, 'admin-mail-templates-phone');
    await expectAccessible(page, 'the list on a phone');
    await page.getByRole('link', { name: /^Agent reply/ }).click();
    await expect.poll(() => heading(page, 'Agent reply').isVisible()).toBe(true);
    // Nothing is wider than the screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375);
    await page.waitForLoadState('networkidle');
    await page.mouse.move(0, 0);
    await screenshot(page, 'admin-mail-template-editor-phone');
    // A full-page picture leaves frames below the fold blank, so the preview gets a picture of its own.
    await page.getByRole('region', { name: 'Preview' }).scrollIntoViewIfNeeded();
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(screenshotsDir, 'admin-mail-template-preview-phone.png') });
    await expectAccessible(page, 'the editor on a phone', besidePreview);
    expectNoProblems(admin, 'the phone');
  });
});
