// An alert from the running platform: a scripted reading above the rule's limit on the meter
// the simulator leaves out reaches the rules service, its alert appears in the feed, and the
// operator acknowledges it with a comment; the acknowledged event comes back on the feed.
import { connectMqtt } from '@lingtan/runtime';
import { telemetryTopic } from '@lingtan/schema';
import { describe, expect, inject, it } from 'vitest';
import { pageForFile, screenshot, signIn } from './chromium.js';
import { SCRIPTED_LIMIT_KW, SCRIPTED_METER } from './stack.js';

const page = pageForFile();

describe('the alert feed', () => {
  it('shows a raised alert within seconds and acknowledges it with a comment', async () => {
    await signIn(page(), 'operator', 'lingtan-operator-demo');
    await page().getByTestId('nav-alerts').click();
    await page().getByTestId('alerts').waitFor();
    await page().locator('[data-testid=connection][data-state=connected]').waitFor({ timeout: 30_000 });

    const mqtt = await connectMqtt({ url: inject('mqttUrl'), clientId: 'browser-alert-script' });
    try {
      const topic = telemetryTopic({ park: 'yc-binhai', enterprise: 'ent-steel', meter: SCRIPTED_METER });
      await mqtt.publishAsync(topic, JSON.stringify({ ts: Date.now(), values: { power_kw: SCRIPTED_LIMIT_KW + 12_000 } }), { qos: 1 });
    } finally {
      await mqtt.endAsync();
    }
    const row = page().locator('[data-testid=alert-table] tbody tr', { hasText: SCRIPTED_METER }).filter({ has: page().locator('.sev-critical') });
    await row.first().waitFor({ timeout: 30_000 });
    expect(await row.first().getAttribute('data-state')).toBe('active');
    expect(await row.first().textContent()).toContain('联鑫钢铁');
    await screenshot(page(), 'browser-alert-raised');

    await row.first().getByTestId('ack-button').click();
    await row.first().getByTestId('ack-comment').fill('已通知电炉班组降负荷');
    await row.first().getByTestId('ack-confirm').click();
    await expect.poll(async () => row.first().getAttribute('data-state'), { timeout: 30_000 }).toBe('acknowledged');
    expect(await row.first().textContent()).toContain('已通知电炉班组降负荷');
    await screenshot(page(), 'browser-alert-acknowledged');
  });
});
