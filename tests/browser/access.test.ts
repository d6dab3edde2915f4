// An enterprise user sees its own enterprise only: no park pages in the navigation, another
// enterprise's page by URL shows "no access" (and the gateway refuses its data with 403).
import { describe, expect, it } from 'vitest';
import { pageForFile, screenshot, signIn } from './chromium.js';

const page = pageForFile();

describe('an enterprise user', () => {
  it('lands on its own enterprise and cannot reach another by navigation or by URL', async () => {
    await signIn(page(), 'steel', 'lingtan-steel-demo');
    await page().getByTestId('enterprise-detail').waitFor({ timeout: 30_000 });
    expect(new URL(page().url()).pathname).toBe('/enterprises/ent-steel');
    expect(await page().getByTestId('enterprise-name').textContent()).toBe('联鑫钢铁');
    // Navigation: no overview, no ranking of the others, no park quality page().
    expect(await page().getByTestId('nav-overview').count()).toBe(0);
    expect(await page().locator('.sidenav').textContent()).not.toContain('企业排名');
    await screenshot(page(), 'browser-enterprise-own');

    for (const path of ['/enterprises/ent-chem', '/enterprises', '/quality']) {
      await page().goto(path);
      await page().getByTestId('no-access').waitFor({ timeout: 30_000 });
      expect(await page().locator('body').textContent()).not.toContain('海润化工');
    }
    await screenshot(page(), 'browser-enterprise-no-access');
    await page().goto('/');
    await page().waitForURL('**/enterprises/ent-steel');

    const status = await page().evaluate(async () => (await fetch('/api/v1/enterprises/ent-chem')).status);
    expect(status).toBe(403);
  });
});
