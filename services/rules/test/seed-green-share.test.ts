// A green share alert raised before a restart of the rules service (real Mosquitto, InfluxDB
// and processes) is judged on the whole day after it: the new process seeds the day's
// generation and import from the store's daily aggregates (persist/seed.ts), so it does not
// judge only the readings since the restart.
import { REPO_ROOT, startInfluxdb, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { periodOf } from '@lingtan/domain';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { alertEventSchema, alertsTopic, readingsTopic } from '@lingtan/schema';
import type { AlertEvent, NormalizedBatch } from '@lingtan/schema';
import { openStore } from '@lingtan/store';
import type { TimeSeriesStore } from '@lingtan/store';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ZONE = 'Asia/Shanghai';
const REGISTRY = `
park: { id: seed-park, name: Seed park, timezone: ${ZONE} }
enterprises:
  - { id: ops, name: Ops }
meters:
  - { id: pv, enterprise: ops, carrier: pv, interval_s: 1 }
  - { id: tx1, enterprise: ops, carrier: electricity, interval_s: 1 }
`;
const RULES = `
version: 1
flap_window_ms: 0
rules:
  - { id: green, kind: green_share, severity: warning, owner: park, subject: { meters: [pv] },
      grid_meters: [tx1], period: day, min_share: 0.3, min_kwh: 100, hysteresis: 0.02 }
`;

let broker: RunningService;
let influx: RunningService;
let rules: LocalProcess | undefined;
let client: MqttClient;
let store: TimeSeriesStore;
let env: Record<string, string>;
const events: AlertEvent[] = [];

/**
 * One reading of each meter, as the ingestor handles it: stored (deltas as `{quantity}_delta`
 * fields) and published as a normalized batch.
 */
async function ingest(tsMs: number, pvKwh: number, gridKwh: number): Promise<void> {
  await store.write([
    { park: 'seed-park', enterprise: 'ops', meter: 'pv', carrier: 'pv', tsMs, values: { energy_generated_kwh_delta: pvKwh } },
    { park: 'seed-park', enterprise: 'ops', meter: 'tx1', carrier: 'electricity', tsMs, values: { energy_import_kwh_delta: gridKwh } },
  ]);
  const batch: NormalizedBatch = {
    v: 1,
    park: 'seed-park',
    enterprise: 'ops',
    readings: [
      { m: 'pv', c: 'pv', ts: tsMs, rx: Date.now(), v: { power_kw: 1 }, d: { energy_generated_kwh: pvKwh } },
      { m: 'tx1', c: 'electricity', ts: tsMs, rx: Date.now(), v: { power_kw: 1 }, d: { energy_import_kwh: gridKwh } },
    ],
  };
  await client.publishAsync(readingsTopic('seed-park', 'ops'), JSON.stringify(batch), { qos: 1 });
}
const start = () => startNodeService({ name: 'rules', entry: join(REPO_ROOT, 'services/rules/src/main.ts'), env, readyText: 'rules running' });
const green = () => events.filter((e) => e.ruleId === 'green');

beforeAll(async () => {
  [broker, influx] = await Promise.all([startMosquitto(), startInfluxdb()]);
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-rules-seed-'));
  await writeFile(join(dir, 'registry.yaml'), REGISTRY);
  await writeFile(join(dir, 'rules.yaml'), RULES);
  env = {
    LINGTAN_MQTT_URL: broker.url,
    LINGTAN_INFLUX_URL: influx.url,
    LINGTAN_INFLUX_DB: 'rules_seed',
    LINGTAN_REGISTRY: join(dir, 'registry.yaml'),
    LINGTAN_RULES_FILE: join(dir, 'rules.yaml'),
    LINGTAN_RULES_HTTP_PORT: '0',
    LINGTAN_RULES_CLIENT_ID: 'it-rules-seed',
    LINGTAN_RULES_EVALUATE_INTERVAL_MS: '200',
  };
  // Opened as the ingestor opens it (raw readings, rollups in the park's zone).
  store = openStore({ kind: 'influx', url: influx.url, database: 'rules_seed', token: undefined, username: undefined, password: undefined, timeoutMs: 5000, rawRetentionDays: 90 }, ZONE);
  await store.init();
  client = await connectMqtt({ url: broker.url, clientId: 'it-seed-observer' });
  await client.subscribeAsync(alertsTopic('seed-park'), { qos: 1 });
  client.on('message', (_topic, payload) => events.push(alertEventSchema.parse(JSON.parse(payload.toString()))));
});

afterAll(async () => {
  await rules?.stop();
  await client?.endAsync();
  await store?.close();
  await broker?.stop();
  await influx?.stop();
});

describe('green share across a restart (real Mosquitto, InfluxDB and processes)', () => {
  it('judges the whole day after the restart, not only the readings since', async () => {
    // Every reading must fall in one park day: a run started in the last two minutes before
    // midnight (park time) waits for the new day rather than straddling it.
    const day = periodOf('day', Date.now(), ZONE);
    if (day.endMs - Date.now() < 120_000) await new Promise((r) => setTimeout(r, day.endMs - Date.now() + 1000));
    const dayStart = periodOf('day', Date.now(), ZONE).startMs;

    rules = await start();
    // Device time after the start: a reading older than the start counts as seeded already.
    const before = Date.now();
    // Before the restart: PV 200 kWh, grid 800 kWh -> 200 / 1,000 = 20 % < 30 %: raised at 0.2.
    await ingest(before, 200, 800);
    await waitFor('the green share alert', () => Promise.resolve(green().length === 1), 15_000);
    const [raised] = green();
    expect(raised).toMatchObject({ type: 'raised', value: 0.2 });

    // The daily rollup is refreshed (the ingestor's continuous query does it within a minute).
    await store.refreshRollups(dayStart, Date.now());
    await rules.stop();
    rules = await start();
    expect(rules.log).toContain('period totals seeded from the store');

    // After the restart: PV 150, grid 50. The whole day: 350 / 1,200 = 29.2 %, still inside the band
    // (clears at 32 %): nothing. Counting only since the restart it would be 150 / 200 = 75 %: cleared.
    const after = Date.now();
    await ingest(after, 150, 50);
    await new Promise((r) => setTimeout(r, 1500)); // several evaluation ticks for a wrong clear to show up
    expect(green()).toHaveLength(1);
    // PV +100: 450 / 1,300 = 34.6 % >= 32 % -> the alert raised before the restart clears at 0.346.
    await ingest(after + 1000, 100, 0);
    await waitFor('the clear', () => Promise.resolve(green().length === 2), 15_000);
    expect(green().map((e) => [e.type, e.alertId, e.value])).toEqual([
      ['raised', raised?.alertId, 0.2],
      ['cleared', raised?.alertId, 0.346],
    ]);
  });
});
