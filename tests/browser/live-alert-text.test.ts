// Alert texts in the viewer's language, end to end: the rules service sets a code and its
// parameters beside the English message (packages/schema alert-templates.ts), the gateway
// passes them through, and the view renders the zh-CN template (quantity and comparison in
// words) and, after the language switch, exactly the English message the service stored.
import { connectMqtt } from '@lingtan/runtime';
import { telemetryTopic } from '@lingtan/schema';
import { describe, expect, inject, it } from 'vitest';
import { pageForFile, screenshot, signIn } from './chromium.js';
import { SCRIPTED_LIMIT_KW, SCRIPTED_METER } from './stack.js';

const page = pageForFile();
/**
 * Above the limit. The alert test's reading may have raised this meter's alert already (one
 * alert per rule and meter while it lasts), so the figures asserted below are those of
 * whichever reading raised it: the words are what this test is about.
 */
const KW = SCRIPTED_LIMIT_KW + 7_250;

describe('alert messages', () => {
  it('reads in Chinese by default and in the stored English after the switch', async () => {
    await signIn(page(), 'operator', 'lingtan-operator-demo');
    await page().getByTestId('nav-alerts').click();
    await page().getByTestId('alerts').waitFor();
    await page().locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: 30_000 });
    const mqtt = await connectMqtt({ url: inject('mqttUrl'), clientId: 'browser-alert-text' });
    try {
      const topic = telemetryTopic({ park: 'yc-binhai', enterprise: 'ent-steel', meter: SCRIPTED_METER });
      await mqtt.publishAsync(topic, JSON.stringify({ ts: Date.now(), values: { power_kw: KW } }), { qos: 1 });
    } finally {
      await mqtt.endAsync();
    }
    const message = page().locator('[data-testid=alert-table] tbody tr', { hasText: SCRIPTED_METER }).first().getByTestId('alert-message');
    // e.g. 57,250 grouped for the locale; power_kw as 有功功率, "above" as 高于; held 0 s (min_duration_ms 0).
    await expect.poll(async () => (await message.textContent()) ?? '', { timeout: 30_000 }).toMatch(/有功功率 \d{2},\d{3}，高于 50,000，已持续 0 秒/);
    expect(await message.textContent()).toMatch(/^电弧炉超负荷：电弧炉：有功功率/);
    await screenshot(page(), 'browser-alert-text-zh');

    await page().getByTestId('lang-switch').click();
    await expect.poll(async () => (await message.textContent()) ?? '').toMatch(/power_kw \d{2},\d{3} above 50,000 for 0 s/);
    await screenshot(page(), 'browser-alert-text-en');
  });
});
