// Debian's Chromium under playwright-core (never a downloaded browser; TOOLCHAIN.md).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';

/** Where screenshots go (git-ignored). */
export const ARTIFACTS = fileURLToPath(new URL('../../artifacts/', import.meta.url));

/** Launches headless Chromium with the flags this machine needs. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.LINGTAN_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A page the size of a wall screen's usual 1080p canvas. */
export async function openPage(browser: Browser, baseUrl: string, width = 1600, height = 1000): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  // The page's own errors land in the test's output, so a failing test says why.
  page.on('pageerror', (error) => process.stderr.write(`[page error] ${error.message}\n`));
  page.on('console', (message) => {
    if (message.type() === 'error') process.stderr.write(`[page console] ${message.text()}\n`);
  });
  return page;
}

/** Signs in through the login form. */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-form').waitFor();
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByTestId('login-submit').click();
  await page.locator('.layout').waitFor();
}

/** Saves a full-page screenshot to artifacts/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * One Chromium and one page for a test file, opened before its tests on the stack's gateway
 * and closed after them; call at the top of the file and use `page()` in the tests.
 */
export function pageForFile(): () => Page {
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPage(browser, inject('gatewayUrl'));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (page === undefined) throw new Error('the page is opened in beforeAll');
    return page;
  };
}
