// The rules service as `pnpm rules` runs it (its own process, main.ts) against a real
// Mosquitto: normalized batches in, alert lifecycle events out, rules reloaded from a file.
import { REPO_ROOT, startInfluxdb, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { alertCommandsTopic, alertEventSchema, alertsTopic, readingsTopic } from '@lingtan/schema';
import type { AlertEvent, NormalizedBatch } from '@lingtan/schema';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REGISTRY = `
park: { id: it-park, name: Rules park }
enterprises:
  - { id: ops, name: Ops }
  - { id: ent-a, name: A }
meters:
  - { id: tx1, enterprise: ops, carrier: distribution, interval_s: 1 }
  - { id: a-main, enterprise: ent-a, carrier: electricity, interval_s: 1 }
`;

const rulesYaml = (limitPct: number) => `
version: 1
flap_window_ms: 0
rules:
  - { id: tx-load, kind: threshold, severity: major, owner: park, subject: { meters: [tx1] },
      quantity: load_rate_pct, op: above, value: ${limitPct}, min_duration_ms: 2000, hysteresis: 5 }
  - { id: marks, kind: counter_mark, severity: warning, subject: { meters: [a-main] } }
`;

let broker: RunningService;
let influx: RunningService;
let rules: LocalProcess;
let client: MqttClient;
let rulesPath: string;
const events: AlertEvent[] = [];
const T0 = Date.now() - 3_600_000;

const publishBatch = (batch: NormalizedBatch) => client.publishAsync(readingsTopic(batch.park, batch.enterprise), JSON.stringify(batch), { qos: 1 });
const loadBatch = (fromS: number, pcts: number[]): NormalizedBatch => ({
  v: 1,
  park: 'it-park',
  enterprise: 'ops',
  readings: pcts.map((pct, i) => ({ m: 'tx1', c: 'distribution', ts: T0 + (fromS + i) * 1000, rx: Date.now(), v: { load_rate_pct: pct } })),
});
const ofRule = (ruleId: string) => events.filter((e) => e.ruleId === ruleId);

beforeAll(async () => {
  [broker, influx] = await Promise.all([startMosquitto(), startInfluxdb()]);
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-rules-it-'));
  rulesPath = join(dir, 'rules.yaml');
  await writeFile(join(dir, 'registry.yaml'), REGISTRY);
  await writeFile(rulesPath, rulesYaml(90));
  client = await connectMqtt({ url: broker.url, clientId: 'it-rules-observer' });
  await client.subscribeAsync(alertsTopic('it-park'), { qos: 1 });
  client.on('message', (_topic, payload) => events.push(alertEventSchema.parse(JSON.parse(payload.toString()))));
  rules = await startNodeService({
    name: 'rules',
    entry: join(REPO_ROOT, 'services/rules/src/main.ts'),
    env: {
      LINGTAN_MQTT_URL: broker.url,
      LINGTAN_INFLUX_URL: influx.url,
      LINGTAN_INFLUX_DB: 'rules_it',
      LINGTAN_REGISTRY: join(dir, 'registry.yaml'),
      LINGTAN_RULES_FILE: rulesPath,
      LINGTAN_RULES_HTTP_PORT: '0',
      LINGTAN_RULES_CLIENT_ID: 'it-rules',
      LINGTAN_RULES_RELOAD_INTERVAL_MS: '100',
      LINGTAN_RULES_EVALUATE_INTERVAL_MS: '200',
    },
    readyText: 'rules running',
  });
});

afterAll(async () => {
  await rules?.stop();
  await client?.endAsync();
  await broker?.stop();
  await influx?.stop();
});

describe('rules service with a real Mosquitto', () => {
  it('raises once when load stays above 90 % for 2 s, despite a redelivered batch, and clears below 85 %', async () => {
    // Device time: 0-1 s 80 % | 2-5 s 95, 95, 96, 97 % (held 2 s at 4 s: raised at 96 %) | batch 2-5 s again
    //   | 6 s 88 % (inside the band) | 7 s 84 % -> cleared
    await publishBatch(loadBatch(0, [80, 80]));
    const breach = loadBatch(2, [95, 95, 96, 97]);
    await publishBatch(breach);
    await publishBatch(breach);
    await publishBatch(loadBatch(6, [88, 84]));
    await waitFor('a cleared event', () => Promise.resolve(ofRule('tx-load').some((e) => e.type === 'cleared')), 10_000);
    await new Promise((r) => setTimeout(r, 300)); // room for a wrong second event to show up
    const seen = ofRule('tx-load');
    expect(seen.map((e) => [e.type, e.atMs - T0, e.value])).toEqual([
      ['raised', 4000, 96],
      ['cleared', 7000, 84],
    ]);
    expect(seen[0]).toMatchObject({ key: 'tx-load/tx1', owner: { scope: 'park', id: 'it-park' }, severity: 'major', state: 'active', occurrence: 1 });
    expect(seen[1]).toMatchObject({ alertId: seen[0]?.alertId, state: 'cleared', cleared: { by: 'condition' } });
  });

  it('raises a register reset from the stream, owned by the meter\'s enterprise', async () => {
    await publishBatch({
      v: 1,
      park: 'it-park',
      enterprise: 'ent-a',
      readings: [{ m: 'a-main', c: 'electricity', ts: T0, rx: Date.now(), v: { energy_import_kwh: 0.5 }, d: { energy_import_kwh: 0.5 }, k: { energy_import_kwh: 'reset' } }],
    });
    await waitFor('a reset alert', () => Promise.resolve(ofRule('marks').length === 1), 10_000);
    expect(ofRule('marks')[0]).toMatchObject({ type: 'raised', meter: 'a-main', owner: { scope: 'enterprise', id: 'ent-a' }, message: expect.stringContaining('energy_import_kwh: reset') as string });
  });

  it('applies acknowledge and clear commands from the gateway once each, and refuses bad ones without stopping', async () => {
    const alert = ofRule('marks')[0];
    if (alert === undefined) throw new Error('the reset alert of the previous test is missing');
    const send = (body: string) => client.publishAsync(alertCommandsTopic('it-park'), body, { qos: 1 });
    const ack = JSON.stringify({ v: 1, commandId: 'cmd-1', type: 'acknowledge', alertId: alert.alertId, by: 'u-ops', comment: '已派人', atMs: Date.now() });
    await send(ack);
    await send(ack); // redelivered
    await send('{ not json');
    await send(JSON.stringify({ v: 1, commandId: 'cmd-2', type: 'clear', alertId: 'no-such-alert', by: 'u-ops', atMs: Date.now() }));
    await send(JSON.stringify({ v: 1, commandId: 'cmd-3', type: 'clear', alertId: alert.alertId, by: 'u-ops', atMs: Date.now() }));
    await waitFor('the cleared event', () => Promise.resolve(ofRule('marks').some((e) => e.type === 'cleared')), 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(ofRule('marks').map((e) => [e.type, e.alertId, e.state])).toEqual([
      ['raised', alert.alertId, 'active'],
      ['acknowledged', alert.alertId, 'acknowledged'],
      ['cleared', alert.alertId, 'cleared'],
    ]);
    expect(ofRule('marks')[1]?.acknowledged).toMatchObject({ by: 'u-ops', comment: '已派人' });
    expect(rules.log).toContain('"code":"bad_json"');
    expect(rules.log).toContain('"code":"alert_unknown"');
  });

  it('refuses a bad rules file with the reason and keeps the old rules running, then applies a good one', async () => {
    await writeFile(rulesPath, rulesYaml(90).replace('severity: major', 'severity: dire'));
    await waitFor('the refusal in the log', () => Promise.resolve(rules.log.includes('rules file refused')), 10_000);
    expect(rules.log).toContain('rules.0.severity');
    // The old 90 % rule still raises (a new occurrence: the flapping window is 0).
    await publishBatch(loadBatch(100, [95, 95, 95]));
    await waitFor('a second tx-load alert', () => Promise.resolve(ofRule('tx-load').length === 3), 10_000);
    expect(ofRule('tx-load')[2]).toMatchObject({ type: 'raised', occurrence: 2, previousAlertId: ofRule('tx-load')[0]?.alertId });
    await publishBatch(loadBatch(103, [50]));
    await waitFor('cleared', () => Promise.resolve(ofRule('tx-load').length === 4), 10_000);

    // A valid file with the limit at 99 %: 96 % no longer raises.
    await writeFile(rulesPath, rulesYaml(99));
    await waitFor('the reload in the log', () => Promise.resolve(rules.log.includes('rules reloaded')), 10_000);
    await publishBatch(loadBatch(200, [96, 96, 96, 96]));
    await publishBatch(loadBatch(204, [99.5, 99.5, 99.5]));
    await waitFor('a third occurrence', () => Promise.resolve(ofRule('tx-load').length === 5), 10_000);
    expect(ofRule('tx-load')[4]).toMatchObject({ type: 'raised', occurrence: 3, value: 99.5, firstSeenMs: T0 + 206_000 });
  });
});
