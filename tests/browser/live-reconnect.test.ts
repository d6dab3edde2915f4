// The live feed's failure modes in a real browser: the gateway going away and coming back,
// and a meter that stops reporting. The shared platform (global-setup) keeps running for the
// other files, so this file starts its own server, the control view's dev fixture server
// (packages/control-view/dev/fixture-server.ts: the gateway's REST and /live contract on
// in-memory data, serving the same built view), which it can stop, restart on the same
// port (its sessions are signed, so the page stays signed in) and tell to silence a meter.
import { freePort, startNodeService, type LocalProcess } from '@lingtan/harness';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage, screenshot, signIn } from './chromium.js';

/** An ent-steel meter reporting every 15 s: stale after 3 intervals, 45 s. */
const METER = 'm-steel-main';

let port = 0;
let fixture: LocalProcess | undefined;
let browser: Browser | undefined;
let page: Page | undefined;

async function startFixture(): Promise<LocalProcess> {
  return startNodeService({ name: 'fixture', entry: 'packages/control-view/dev/fixture-server.ts', readyText: 'fixture server listening', env: { FIXTURE_PORT: String(port) } });
}

function p(): Page {
  if (page === undefined) throw new Error('the page is opened in beforeAll');
  return page;
}

beforeAll(async () => {
  port = await freePort();
  fixture = await startFixture();
  browser = await launchChromium();
  page = await openPage(browser, `http://127.0.0.1:${port}`);
  await signIn(p(), 'operator', 'lingtan');
});

afterAll(async () => {
  await browser?.close();
  await fixture?.stop().catch(() => fixture?.kill());
});

describe('the live feed when things go away', () => {
  it('shows the gateway gone within seconds (indicator, banner, stale figures) and recovers with a fresh snapshot', async () => {
    await p().getByTestId('overview').waitFor({ timeout: 30_000 });
    const conn = p().getByTestId('connection');
    await p().locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: 30_000 });
    const load = p().getByTestId('park-load-value');
    // The fixture sends a park summary every second: the load moves while connected.
    const before = await load.textContent();
    await expect.poll(async () => load.textContent(), { timeout: 15_000, interval: 500 }).not.toBe(before);
    expect(await p().getByTestId('conn-banner').count()).toBe(0);

    await fixture?.stop();
    fixture = undefined;
    const goneAt = Date.now();
    await expect.poll(async () => conn.getAttribute('data-state'), { timeout: 5_000, interval: 200 }).not.toBe('connected');
    // Said in words, and the figures on screen are marked as no longer current.
    const banner = p().getByTestId('conn-banner');
    await banner.waitFor({ timeout: 5_000 });
    expect(await banner.textContent()).toContain('实时连接中断');
    await expect.poll(async () => p().locator('[data-testid=park-load] [data-testid=stale]').count(), { timeout: 5_000 }).toBe(1);
    expect(Date.now() - goneAt).toBeLessThan(10_000);
    const frozen = await load.textContent();
    // Nothing moves while the gateway is away.
    await p().waitForTimeout(2_000);
    expect(await load.textContent()).toBe(frozen);
    await screenshot(p(), 'browser-live-disconnected');
    // Past 15 s it is no longer a blip: the indicator and the banner turn red.
    await p().locator('[data-testid=conn-banner][data-state=offline]').waitFor({ timeout: 20_000 });
    expect(await conn.getAttribute('data-state')).toBe('offline');
    await screenshot(p(), 'browser-live-offline');

    fixture = await startFixture();
    await p().locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: 20_000 });
    await expect.poll(async () => p().getByTestId('conn-banner').count(), { timeout: 5_000 }).toBe(0);
    // A fresh snapshot: the stale marks go, and the numbers move again.
    await expect.poll(async () => p().locator('[data-testid=park-load] [data-testid=stale]').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(async () => load.textContent(), { timeout: 15_000, interval: 500 }).not.toBe(frozen);
    await screenshot(p(), 'browser-live-reconnected');
  });

  it('greys a meter that stops reporting and marks it stale with its age, while the others stay current', async () => {
    await p().evaluate(`window.history.pushState(null, '', '/enterprises/ent-steel'); window.dispatchEvent(new PopStateEvent('popstate'))`);
    const row = p().getByTestId(`meter-${METER}`);
    await row.waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await row.getAttribute('class')) ?? '', { timeout: 10_000 }).not.toContain('is-stale');
    const res = await fetch(`http://127.0.0.1:${port}/__fixture/silence`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ meter: METER }) });
    expect(res.status).toBe(200);
    // 3 intervals of 15 s without a reading, then one tick of the view's clock.
    await expect.poll(async () => (await row.getAttribute('class')) ?? '', { timeout: 70_000, interval: 1000 }).toContain('is-stale');
    const mark = row.getByTestId('stale');
    expect(await mark.textContent()).toMatch(/数据过期.*(秒|分钟)前/);
    // Its neighbour on the same page still reports.
    expect((await p().getByTestId('meter-m-steel-eaf').getAttribute('class')) ?? '').not.toContain('is-stale');
    await row.scrollIntoViewIfNeeded();
    await screenshot(p(), 'browser-live-meter-stale');
  });
});
