import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium; a browser is never downloaded. */
const executablePath = fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : '/usr/bin/chromium-browser';
export const screenshotsDir = path.resolve(import.meta.dirname, '../screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

export const desktop = { width: 1366, height: 860 };
export const phone = { width: 375, height: 780 };

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions seen so far. */
  problems: string[];
}

/**
 * A page in its own context (its own cookies) that records console errors, uncaught exceptions and
 * server errors. A 401 from /api/v1/me before sign-in is how the app learns nobody is signed in, so
 * the browser's own "failed to load resource" line for it is not a problem.
 */
export async function openPage(browser: Browser, baseURL: string, viewport = desktop): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    if (/Failed to load resource: the server responded with a status of 401/.test(message.text())) return;
    // The server does not offer the event stream yet; the app falls back to polling, which the journeys cover.
    if (/status of 404/.test(message.text()) && message.location().url.endsWith('/api/v1/events')) return;
    problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`server: ${response.status()} ${response.url()}`);
  });
  return { page, context, problems };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Serious and critical accessibility violations on what is on screen now, one line each. `exclude` leaves out a
 * part that is not the app's own screen, such as a sandboxed frame showing an admin's mail (axe cannot run inside a
 * frame that allows no scripts, and waits for it forever).
 */
export async function accessibilityViolations(page: Page, options: { exclude?: string } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  if (options.exclude) builder = builder.exclude(options.exclude);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary?.split('\n')[1] ?? ''}`).join(' | ')}`);
}

/** No serious or critical accessibility violation on what is on screen now. */
export async function expectAccessible(page: Page, label: string, options: { exclude?: string } = {}): Promise<void> {
  expect(await accessibilityViolations(page, options), `accessibility of ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotsDir, { recursive: true });
  // Let transitions (notifications, skeletons) settle so the picture shows the page as a person sees it.
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`), fullPage: true });
}

export function expectNoProblems(watched: WatchedPage, label: string): void {
  expect(watched.problems, `browser problems on ${label}`).toEqual([]);
}
