// The park overview in a real browser against the running platform: it loads, shows the
// park's figures with their units and Chinese glyphs, and its live numbers change.
import { describe, expect, it } from 'vitest';
import { pageForFile, screenshot, signIn } from './chromium.js';

const page = pageForFile();

describe('the park overview', () => {
  it('loads with the park name, figures with units and a connected indicator, and its live load changes', async () => {
    await signIn(page(), 'operator', 'lingtan-operator-demo');
    await page().getByTestId('overview').waitFor({ timeout: 30_000 });
    expect(await page().getByTestId('park-name').textContent()).toBe('滨海港零碳产业园');
    await page().locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: 30_000 });
    const load = page().getByTestId('park-load-value');
    await expect.poll(async () => (await load.textContent()) ?? '', { timeout: 60_000 }).toMatch(/^[\d,]+(\.\d+)?$/);
    expect(await page().getByTestId('park-load').textContent()).toContain('kW');
    const first = await load.textContent();
    // The simulator's meters report every 15 s of real time, so the park load moves within a minute.
    await expect.poll(async () => load.textContent(), { timeout: 90_000, interval: 1000 }).not.toBe(first);
    expect(await page().getByTestId('budget-energy').textContent()).toContain('tce');
    expect(await page().getByTestId('budget-carbon').textContent()).toContain('tCO₂');
    expect(await page().locator('[data-testid=sankey] canvas').count()).toBeGreaterThan(0);
    await screenshot(page(), 'browser-overview');
  });
});
