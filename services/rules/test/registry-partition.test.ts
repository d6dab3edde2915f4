// A partitioned rules instance (one readings filter per enterprise it owns) on a real
// Mosquitto, following a live registry: an enterprise added to its partition is subscribed
// and its meters come under the park-wide rule; removed, it is unsubscribed and its open
// alerts cleared with the reason.
import { createLiveRegistry, partitionOf } from '@lingtan/domain';
import { startMosquitto, waitFor } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { Metrics, connectMqtt, createMqttClient, openMqtt, silentLogger } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { alertEventSchema, alertsTopic, readingsTopic, registrySchema, rulesFileSchema } from '@lingtan/schema';
import type { AlertEvent, Registry } from '@lingtan/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRules } from '../src/app.js';
import type { RulesService } from '../src/app.js';

const COUNT = 2;
const idIn = (index: number, prefix: string) => Array.from({ length: 50 }, (_, i) => `${prefix}-${i}`).find((id) => partitionOf(id, COUNT) === index)!;
const mine = idIn(0, 'ent-mine');
const added = idIn(0, 'ent-added');
const base: Registry = registrySchema.parse({
  park: { id: 'rp-park', name: 'Partition park' },
  enterprises: [{ id: mine, name: 'Mine' }],
  meters: [{ id: 'm-mine', enterprise: mine, carrier: 'electricity', interval_s: 1 }],
});
const grown: Registry = registrySchema.parse({
  ...base,
  enterprises: [...base.enterprises, { id: added, name: 'Added' }],
  meters: [...base.meters, { id: 'm-added', enterprise: added, carrier: 'electricity', interval_s: 1 }],
});
// Every electricity meter of the park above 100 kW, raised at once.
const rules = rulesFileSchema.parse({
  version: 1,
  flap_window_ms: 0,
  rules: [{ id: 'peak', kind: 'threshold', severity: 'major', subject: { carrier: 'electricity' }, quantity: 'power_kw', op: 'above', value: 100, min_duration_ms: 0, hysteresis: 5 }],
});
const T0 = Date.now() - 3_600_000;

let broker: RunningService;
let client: MqttClient;
let service: RulesService;
const live = createLiveRegistry(base);
const metrics = new Metrics();
const events: AlertEvent[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  client = await connectMqtt({ url: broker.url, clientId: 'rp-rules-observer' });
  await client.subscribeAsync(alertsTopic('rp-park'), { qos: 1 });
  client.on('message', (_topic, payload) => events.push(alertEventSchema.parse(JSON.parse(payload.toString()))));
  const mqtt = createMqttClient({ url: broker.url, clientId: 'rp-rules', clean: false });
  let n = 0;
  service = buildRules({
    mqtt,
    registry: live,
    rules,
    config: { evaluateIntervalMs: 200, partition: { index: 0, count: COUNT } },
    clock: { nowMs: () => Date.now() },
    logger: silentLogger,
    metrics,
    newAlertId: () => `rp-${++n}`,
  });
  service.restore({ ok: true, events: [] });
  await openMqtt(mqtt);
  await service.start();
});

afterAll(async () => {
  await service?.stop();
  await client?.endAsync();
  await broker?.stop();
});

const power = (enterprise: string, m: string, tsS: number, kw: number) =>
  client.publishAsync(readingsTopic('rp-park', enterprise), JSON.stringify({ v: 1, park: 'rp-park', enterprise, readings: [{ m, c: 'electricity', ts: T0 + tsS * 1000, rx: Date.now(), v: { power_kw: kw } }] }), { qos: 1 });
const of = (m: string) => events.filter((e) => e.meter === m);

describe('partitioned rules instance following the registry (real Mosquitto)', () => {
  it('subscribes an enterprise added to its partition, alerts on it, and on removal unsubscribes and clears its alerts', async () => {
    live.replace(grown);
    // Subscribed once a reading of the new enterprise gets through (the SUBACK is not visible from here).
    await waitFor('the added enterprise raising', async () => {
      await power(added, 'm-added', events.length + 1, 150);
      return of('m-added').length > 0;
    }, 10_000);
    expect(of('m-added')[0]).toMatchObject({ type: 'raised', ruleId: 'peak', owner: { scope: 'enterprise', id: added } });

    live.replace(base);
    await waitFor('its alert cleared', () => Promise.resolve(of('m-added').length === 2), 10_000);
    expect(of('m-added')[1]).toMatchObject({ type: 'cleared', cleared: { by: 'system', reason: 'subject_removed' } });
    const batches = metrics.count('rules_batches_total');
    // Unsubscribed: a batch for it no longer arrives; the owned enterprise's batch after it does.
    await power(added, 'm-added', 100, 150);
    await power(mine, 'm-mine', 100, 150);
    await waitFor('m-mine raised', () => Promise.resolve(of('m-mine').length === 1), 10_000);
    expect(metrics.count('rules_batches_total')).toBe(batches + 1);
    expect(metrics.count('rules_resubscribe_failures_total')).toBe(0);
  });
});
