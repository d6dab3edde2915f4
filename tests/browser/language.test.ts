// The language switch: zh-CN by default, English on a click, and back; labels, not only a flag.
import { describe, expect, it } from 'vitest';
import { pageForFile, screenshot, signIn } from './chromium.js';

const page = pageForFile();

describe('switching language', () => {
  it('changes the navigation, tiles and connection labels, and remembers the choice', async () => {
    await signIn(page(), 'operator', 'lingtan-operator-demo');
    await page().getByTestId('overview').waitFor({ timeout: 30_000 });
    expect(await page().getByTestId('nav-overview').textContent()).toContain('园区总览');
    expect(await page().getByTestId('park-load').textContent()).toContain('园区负荷');
    await page().getByTestId('lang-switch').click();
    await expect.poll(() => page().getByTestId('nav-overview').textContent()).toContain('Park overview');
    expect(await page().getByTestId('park-load').textContent()).toContain('Park load');
    expect(await page().getByTestId('nav-alerts').textContent()).toContain('Alerts');
    // A string: the root program has no DOM types (this runs in the page()).
    expect(await page().evaluate('document.documentElement.lang')).toBe('en');
    await screenshot(page(), 'browser-language-en');
    await page().reload();
    await page().getByTestId('overview').waitFor({ timeout: 30_000 });
    expect(await page().getByTestId('nav-overview').textContent()).toContain('Park overview');
    await page().getByTestId('lang-switch').click();
    await expect.poll(() => page().getByTestId('nav-overview').textContent()).toContain('园区总览');
  });
});
