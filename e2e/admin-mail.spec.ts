import fs from 'node:fs';
import net from 'node:net';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminDesk, type AdminDesk } from './support/admin-desk.js';
import type { ApiSession } from './support/api.js';
import { expectAccessible, expectNoProblems, phone, screenshot } from './support/browser.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Hands a message to the desk's SMTP listener, as the company's mail server would. */
function deliver(port: number, mail: SendMailOptions) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true }).sendMail(mail);
}

describe('the admin console’s mail screens', () => {
  let desk: AdminDesk;
  let api: ApiSession;
  let smtpPort: number;

  beforeAll(async () => {
    smtpPort = await freePort();
    // The test server takes its settings from the environment: listen for mail, and call a sender's second
    // mail in an hour a possible loop, so one delivery more makes a failed mail.
    process.env.SMTP_PORT = String(smtpPort);
    process.env.MAIL_SENDER_LIMIT_PER_HOUR = '1';
    desk = await startAdminDesk();
    delete process.env.SMTP_PORT;
    delete process.env.MAIL_SENDER_LIMIT_PER_HOUR;
    api = desk.api;
  });

  afterAll(() => desk?.stop());

  async function adminAt(path: string, viewport?: typeof phone) {
    const admin = await desk.openAdminPage(viewport);
    await admin.page.goto(path);
    return admin;
  }

  const rowOf = (page: Page, text: string | RegExp) => page.getByRole('row').filter({ hasText: text });
  /** A dialog that has finished fading in (axe judges contrast on what is drawn). */
  const opened = async (page: Page) => {
    const dialog = page.getByRole('dialog');
    await expect
      .poll(() => dialog.evaluate((element) => element.ownerDocument.defaultView?.getComputedStyle(element).opacity))
      .toBe('1');
    return dialog;
  };

  it('an admin adds a mailbox, moves it to IMAP, checks the connection and deletes another', async () => {
    await api.createTeam({ name: 'Network', tier: 1 });
    const admin = await adminAt('/admin/mailboxes');
    const { page } = admin;
    await expect
      .poll(() => page.getByText(/Mail sent to a mailbox’s address becomes tickets for its team\. Add one/).isVisible())
      .toBe(true);
    // Where mail for these addresses reaches this server: the listener's port.
    await expect.poll(() => page.getByText(`takes mail for these addresses itself on port ${smtpPort}`).isVisible()).toBe(true);
    await expectAccessible(page, 'mailboxes, empty');

    await page.getByRole('button', { name: 'Add mailbox' }).click();
    const dialog = await opened(page);
    await dialog.getByLabel(/^Address/).fill('help@e2e.test');
    await dialog.getByLabel(/^Display name/).fill('IT Help');
    await dialog.getByLabel('Team', { exact: true }).click();
    await page.getByRole('option', { name: 'Network' }).click();
    expect(await dialog.getByRole('radio', { name: 'Built-in SMTP listener' }).isChecked()).toBe(true);
    expect(await dialog.getByRole('group', { name: 'Incoming mail (IMAP)' }).count()).toBe(0);
    await expectAccessible(page, 'the new-mailbox form');
    await screenshot(page, 'admin-mailbox-new-desktop');
    await dialog.getByRole('button', { name: 'Add mailbox' }).click();

    const help = rowOf(page, 'help@e2e.test');
    await expect.poll(() => help.isVisible()).toBe(true);
    await expect.poll(() => dialog.count()).toBe(0);
    const listed = await help.textContent();
    for (const words of ['IT Help', 'Network', 'Built-in SMTP listener', 'Active', 'Not checked yet'])
      expect(listed).toContain(words);

    // To IMAP, first with a server name the API refuses: the refusal shows at the field, in words.
    await help.getByRole('button', { name: 'Edit help@e2e.test' }).click();
    await dialog.getByRole('radio', { name: 'IMAP', exact: true }).check();
    const imap = dialog.getByRole('group', { name: 'Incoming mail (IMAP)' });
    await imap.getByLabel(/^Server/).fill('not a host!');
    await imap.getByRole('switch', { name: /TLS from the start/ }).uncheck();
    await imap.getByLabel(/^Port/).fill('1');
    await imap.getByLabel(/^User name/).fill('help');
    await imap.getByLabel(/^Password/).fill('imap-secret');
    expect(await imap.getByLabel(/^Folder/).inputValue()).toBe('INBOX');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => dialog.getByText('Enter a server name such as mail.example.com, or an IP address.').isVisible())
      .toBe(true);
    await expect
      .poll(() =>
        dialog
          .getByRole('alert')
          .filter({ hasText: 'Some details were not accepted; see the marked fields.' })
          .isVisible(),
      )
      .toBe(true);
    expect(await dialog.textContent()).not.toMatch(/[{}]|body\.imap/);
    // The browser logs the refused request itself; that one line is expected here.
    expect(admin.problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    admin.problems.length = 0;
    await screenshot(page, 'admin-mailbox-form-desktop');

    await imap.getByLabel(/^Server/).fill('127.0.0.1');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => help.textContent()).toContain('IMAP');

    // The password is never shown again; an empty field keeps it.
    await help.getByRole('button', { name: 'Edit help@e2e.test' }).click();
    const storedPassword = dialog.getByRole('group', { name: 'Incoming mail (IMAP)' }).getByLabel(/^Password/);
    expect(await storedPassword.inputValue()).toBe('');
    expect(await dialog.getByText('Leave empty to keep the stored password.').isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    // Nothing listens on port 1: the check says so in words and the list shows the mailbox failing.
    await help.getByRole('button', { name: 'Check connection of help@e2e.test' }).click();
    const result = page.getByRole('alert').filter({ hasText: 'Connection check of help@e2e.test' });
    await expect.poll(() => result.isVisible(), { timeout: 45_000 }).toBe(true);
    expect(await result.textContent()).toContain('IMAP failed: Nothing accepts connections at 127.0.0.1:1');
    await expect.poll(() => help.textContent()).toContain('Failing');
    await expectAccessible(page, 'mailboxes with a failing check');
    await screenshot(page, 'admin-mailboxes-desktop');

    // Another mailbox goes, after a confirmation.
    await api.call('POST', '/api/v1/mailboxes', { address: 'old@e2e.test', inboundMode: 'smtp' });
    await page.reload();
    const old = rowOf(page, 'old@e2e.test');
    await expect.poll(() => old.isVisible()).toBe(true);
    await old.getByRole('button', { name: 'Delete old@e2e.test' }).click();
    await expect
      .poll(() => dialog.getByText(/Mail to old@e2e\.test will no longer become tickets/).isVisible())
      .toBe(true);
    await dialog.getByRole('button', { name: 'Delete mailbox' }).click();
    await expect.poll(() => old.count()).toBe(0);
    expect(await help.isVisible()).toBe(true);
    expectNoProblems(admin, 'the mailboxes screen');

    const small = await adminAt('/admin/mailboxes', phone);
    // On a phone each mailbox is a card rather than a table row.
    const card = small.page.getByRole('listitem', { name: 'help@e2e.test' });
    await expect.poll(() => card.isVisible()).toBe(true);
    expect(await card.textContent()).toContain('Failing');
    await expectAccessible(small.page, 'mailboxes on a phone');
    await screenshot(small.page, 'admin-mailboxes-phone');
    await card.getByRole('button', { name: 'Edit help@e2e.test' }).click();
    const phoneForm = await opened(small.page);
    await expectAccessible(small.page, 'the mailbox form on a phone');
    await screenshot(small.page, 'admin-mailbox-form-phone');
    await phoneForm.getByRole('switch', { name: /Send replies through this mailbox’s own server/ }).check();
    await phoneForm.getByRole('button', { name: 'Save' }).scrollIntoViewIfNeeded();
    await screenshot(small.page, 'admin-mailbox-form-phone-end');
    expectNoProblems(small, 'the mailboxes screen on a phone');
  });

  it('failed mail is listed in words, downloaded and reprocessed', async () => {
    const team = await api.createTeam({ name: 'Service desk', tier: 1 });
    await api.call('POST', '/api/v1/mailboxes', {
      address: 'desk@e2e.test',
      displayName: 'Service desk',
      teamId: team.id,
      inboundMode: 'smtp',
    });
    const admin = await adminAt('/admin/failed-mail');
    const { page } = admin;
    await expect
      .poll(() =>
        page
          .getByText('No failed mail. Mail that cannot be read or routed lands here, so nothing is ever lost.')
          .isVisible(),
      )
      .toBe(true);
    await expectAccessible(page, 'failed mail, empty');
    await screenshot(page, 'admin-failed-mail-empty-desktop');

    // A second mail within the hour from the same sender is held back as a possible loop.
    await deliver(smtpPort, {
      from: 'printer@example.com',
      to: 'desk@e2e.test',
      subject: 'Toner low',
      text: 'Tray 2 is almost empty.',
    });
    await deliver(smtpPort, {
      from: 'printer@example.com',
      to: 'desk@e2e.test',
      subject: 'Toner empty',
      text: 'Tray 2 is empty now.',
    });
    // A bounce-style null sender with no From header: nobody to answer.
    await deliver(smtpPort, {
      envelope: { from: '', to: ['desk@e2e.test'] },
      raw: 'To: desk@e2e.test\r\nSubject: Who sent this?\r\nMessage-ID: <anonymous-1@example.com>\r\n\r\nNo sender anywhere.\r\n',
    });

    await page.reload();
    const looped = rowOf(page, 'Sender over the hourly limit (possible mail loop)');
    const anonymous = rowOf(page, 'No sender');
    await expect.poll(() => looped.isVisible()).toBe(true);
    await expect.poll(() => anonymous.isVisible()).toBe(true);
    const loopedText = await looped.textContent();
    for (const words of ['printer@example.com', 'to desk@e2e.test', 'Open', 'bytes'])
      expect(loopedText).toContain(words);
    expect(await anonymous.textContent()).toContain('No envelope sender');
    await expectAccessible(page, 'failed mail with two messages');
    await screenshot(page, 'admin-failed-mail-desktop');

    // Download: the message exactly as it arrived, as an .eml file.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      looped.getByRole('link', { name: /^Download failed mail \d+ from printer@example\.com$/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^failed-mail-\d+\.eml$/);
    const saved = await download.path();
    expect(fs.readFileSync(saved, 'utf8')).toContain('Subject: Toner empty');

    // Reprocess: the held-back mail becomes a ticket (the hourly limit does not apply to a retry).
    await looped.getByRole('button', { name: /^Reprocess failed mail/ }).click();
    const dialog = await opened(page);
    expect(await dialog.getByLabel(/^Into mailbox/).inputValue()).toBe('desk@e2e.test');
    await expectAccessible(page, 'the reprocess dialog');
    await screenshot(page, 'admin-failed-mail-reprocess-desktop');
    await dialog.getByRole('button', { name: 'Reprocess' }).click();
    const imported = page.getByRole('status').filter({ hasText: /Imported into ticket #\d+\./ });
    await expect.poll(() => imported.isVisible()).toBe(true);
    await expect.poll(() => looped.count()).toBe(0);
    const ticketHref = await imported.getByRole('link', { name: /^Open ticket #\d+$/ }).getAttribute('href');
    expect(ticketHref).toMatch(/^\/desk\/tickets\/\d+$/);
    await screenshot(page, 'admin-failed-mail-imported-desktop');

    // The anonymous one fails again, and says why.
    await anonymous.getByRole('button', { name: /^Reprocess failed mail/ }).click();
    await dialog.getByRole('button', { name: 'Reprocess' }).click();
    const again = page.getByRole('alert').filter({ hasText: 'It failed again: No sender.' });
    await expect.poll(() => again.isVisible()).toBe(true);
    // The list shows the message once, with how many attempts were made.
    await expect.poll(() => anonymous.textContent()).toContain('Tried 2 times');
    expect(await anonymous.count()).toBe(1);

    // Resolved mail stays findable.
    await page.getByText('All, with resolved').click();
    await expect.poll(() => rowOf(page, 'Resolved').filter({ hasText: 'printer@example.com' }).isVisible()).toBe(true);
    await screenshot(page, 'admin-failed-mail-all-desktop');
    expectNoProblems(admin, 'the failed-mail screen');

    const small = await adminAt('/admin/failed-mail', phone);
    const cards = small.page.getByRole('listitem', { name: /^Failed mail \d+$/ });
    await expect.poll(() => cards.filter({ hasText: 'No sender' }).isVisible()).toBe(true);
    expect(await cards.count()).toBe(1);
    expect(await cards.textContent()).toContain('Tried 2 times');
    await expectAccessible(small.page, 'failed mail on a phone');
    await screenshot(small.page, 'admin-failed-mail-phone');
    expectNoProblems(small, 'the failed-mail screen on a phone');

    // The link leads to the ticket the mail became.
    await page.goto(ticketHref ?? '/');
    await expect.poll(() => page.getByRole('heading', { name: 'Toner empty' }).isVisible()).toBe(true);
  });
});
