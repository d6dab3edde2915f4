// Screenshots of every page against a running server, for a person to look at:
// pnpm exec tsx tests/browser/screenshots.ts http://127.0.0.1:5180 operator lingtan
import { launchChromium, openPage, screenshot, signIn } from './chromium.js';

const [base = 'http://127.0.0.1:5180', user = 'operator', password = 'lingtan', lang = 'zh'] = process.argv.slice(2);
const browser = await launchChromium();
try {
  const page = await openPage(browser, base);
  await page.goto('/login');
  await page.getByTestId('login-form').waitFor();
  await screenshot(page, `shot-login-${lang}`);
  await signIn(page, user, password);
  if (lang === 'en') await page.getByTestId('lang-switch').click();
  const pages = user === 'operator' ? ['/', '/enterprises', '/enterprises/ent-steel', '/alerts', '/history', '/quality'] : ['/enterprises/ent-steel', '/enterprises/ent-chem', '/alerts'];
  for (const path of pages) {
    // In-app navigation (no reload), as a click on the nav does; a string, as the root program has no DOM types.
    await page.evaluate(`window.history.pushState(null, '', ${JSON.stringify(path)}); window.dispatchEvent(new PopStateEvent('popstate'))`);
    await page.waitForTimeout(2500);
    await screenshot(page, `shot-${user}-${lang}${path.replaceAll('/', '_') || '_'}`);
  }
} finally {
  await browser.close();
}
