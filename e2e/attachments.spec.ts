import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession, password } from './support/api.js';
import { expectAccessible, expectNoProblems, launchBrowser, openPage, screenshot, signIn, type WatchedPage } from './support/browser.js';
import { startServer, type TestServer } from './support/server.js';

/** Drags a file made in the page onto `target` and drops it, as the browser does for a file from the desktop. */
async function dropFile(page: Page, target: Locator, file: { name: string; type: string; text: string }): Promise<void> {
  // Runs in the page, where DataTransfer exists; this file is compiled without the DOM's types.
  const dataTransfer = await page.evaluateHandle(({ name, type, text }) => {
    const browser = globalThis as unknown as { DataTransfer: new () => { items: { add: (file: File) => void } } };
    const transfer = new browser.DataTransfer();
    transfer.items.add(new File([text], name, { type }));
    return transfer;
  }, file);
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

interface MessageWithFiles {
  internal: boolean;
  attachments: { id: number; filename: string; url: string }[];
}

describe('files on replies, from the desk to the portal', () => {
  let server: TestServer;
  let browser: Browser;
  let admin: ApiSession;
  let agent: WatchedPage;
  let requester: WatchedPage;
  let ticketId: number;
  const limitBytes = 65_536;
  const previousLimit = process.env.ATTACHMENT_MAX_BYTES;

  beforeAll(async () => {
    // A small limit, so "too large" can be shown without sending megabytes.
    process.env.ATTACHMENT_MAX_BYTES = String(limitBytes);
    server = await startServer();
    admin = await ApiSession.signIn(server.url, server.admin.email, server.admin.password);
    const team = await admin.createTeam({ name: 'Service desk', tier: 1 });
    const dana = await admin.createUser({ name: 'Dana Agent', email: 'dana@e2e.test', role: 'agent', password });
    await admin.setTeamMembers(team.id, [{ userId: dana.id, isLead: false }]);
    const robin = await admin.createUser({ name: 'Robin Requester', email: 'robin@e2e.test', role: 'requester', password });
    ticketId = (await admin.createTicket({ subject: 'Printer prints blank pages', body: '<p>Every page comes out blank.</p>', requesterId: robin.id, teamId: team.id })).id;
    browser = await launchBrowser();
    agent = await openPage(browser, server.url);
    requester = await openPage(browser, server.url);
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    await screenshot(agent.page, `failed-attachments-${context.task.name.slice(0, 30)}-agent`);
    await screenshot(requester.page, `failed-attachments-${context.task.name.slice(0, 30)}-requester`);
  });

  afterAll(async () => {
    if (previousLimit === undefined) delete process.env.ATTACHMENT_MAX_BYTES;
    else process.env.ATTACHMENT_MAX_BYTES = previousLimit;
    await browser?.close();
    await server?.stop();
  });

  it('the agent attaches a file with the button, sees it upload, and sends it with a public reply', async () => {
    const page = agent.page;
    await signIn(page, 'dana@e2e.test', password);
    await page.goto(`/desk/tickets/${ticketId}`);
    await page.getByLabel('Attach files').setInputFiles({ name: 'fuser-report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 fuser report') });
    await expect.poll(() => page.locator('[data-upload-state="uploaded"]').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Remove fuser-report.pdf' }).isVisible()).toBe(true);
    await expectAccessible(page, 'the desk composer with a file');
    await screenshot(page, 'attachments-desk-composer');

    await page.getByRole('textbox', { name: 'Public reply' }).fill('The fuser report is attached.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    const link = page.getByRole('link', { name: /^Download fuser-report\.pdf/ });
    await expect.poll(() => link.isVisible()).toBe(true);
    expect(await page.locator('[data-upload-state]').count()).toBe(0);
    expectNoProblems(agent, 'the desk');
  });

  it('says in words when a file is over the limit, and lets the agent remove it', async () => {
    const page = agent.page;
    await page.getByLabel('Attach files').setInputFiles({ name: 'scan.tiff', mimeType: 'image/tiff', buffer: Buffer.alloc(limitBytes + 40_000, 1) });
    const refusal = page.getByRole('alert').filter({ hasText: 'scan.tiff is larger than the limit of 66 kB.' });
    await expect.poll(() => refusal.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Remove scan.tiff' }).click();
    expect(await refusal.count()).toBe(0);
    // The browser logs the refused upload; that 413 is the point of this case, not a problem.
    const expected = agent.problems.filter((problem) => /status of 413/.test(problem));
    expect(expected).toHaveLength(1);
    agent.problems.splice(agent.problems.indexOf(expected[0]!), 1);
  });

  it('the agent drops a file onto the composer and sends it with an internal note', async () => {
    const page = agent.page;
    await page.getByText('Internal note', { exact: true }).first().click();
    const composer = page.locator('form').filter({ has: page.getByRole('textbox', { name: 'Internal note' }) });
    await dropFile(page, composer, { name: 'escalation-plan.txt', type: 'text/plain', text: 'call the vendor at 9' });
    await expect.poll(() => page.locator('[data-upload-state="uploaded"]').count()).toBe(1);
    await page.getByRole('textbox', { name: 'Internal note' }).fill('Vendor escalation plan attached.');
    await page.getByRole('button', { name: 'Add note' }).click();
    const note = page.locator('[data-message-kind="note"]');
    await expect.poll(() => note.getByRole('link', { name: /^Download escalation-plan\.txt/ }).isVisible()).toBe(true);
    expectNoProblems(agent, 'the desk');
  });

  it("the requester sees and downloads the reply's file, and never the note's", async () => {
    const page = requester.page;
    await signIn(page, 'robin@e2e.test', password);
    await page.goto(`/portal/tickets/${ticketId}`);
    const link = page.getByRole('link', { name: /^Download fuser-report\.pdf/ });
    await expect.poll(() => link.isVisible()).toBe(true);
    expect(await page.getByText('escalation-plan').count()).toBe(0);
    expect(await page.content()).not.toContain('escalation-plan');

    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('fuser-report.pdf');

    // The same file through the requester's own session: a download, never something the browser renders.
    const href = (await link.getAttribute('href'))!;
    const response = await page.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(/^attachment; filename="fuser-report\.pdf"/);
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(await response.text()).toBe('%PDF-1.4 fuser report');

    // The note's file is not there for her, even by its address.
    const messages = await admin.call<MessageWithFiles[] | { items: MessageWithFiles[] }>('GET', `/api/v1/tickets/${ticketId}/messages`);
    const noteFile = (Array.isArray(messages) ? messages : messages.items).filter((message) => message.internal).flatMap((message) => message.attachments)[0]!;
    expect(noteFile.filename).toBe('escalation-plan.txt');
    expect((await page.request.get(noteFile.url)).status()).toBe(404);
    expectNoProblems(requester, 'the portal');
  });

  it('the requester replies with a file of her own', async () => {
    const page = requester.page;
    await page.getByLabel('Attach files').setInputFiles({ name: 'blank-page.png', mimeType: 'image/png', buffer: Buffer.from(onePixelPng, 'base64') });
    await expect.poll(() => page.locator('[data-upload-state="uploaded"]').count()).toBe(1);
    await expectAccessible(page, 'the portal reply box with a file');
    await page.getByLabel('Reply', { exact: true }).fill('Here is what comes out of the printer.');
    await page.getByRole('button', { name: 'Reply' }).click();
    await expect.poll(() => page.getByRole('link', { name: /^Download blank-page\.png/ }).isVisible()).toBe(true);
    // An image shows a small preview: the server serves it inline and the page may load it.
    const preview = page.locator('li').filter({ has: page.getByRole('link', { name: /^Download blank-page\.png/ }) }).locator('img');
    await expect.poll(() => preview.evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBe(1);
    await screenshot(page, 'attachments-portal-conversation');
    expectNoProblems(requester, 'the portal');
  });
});
