// The rules service's scenario, end to end: meters publish telemetry through a real Mosquitto,
// the real ingestor (its own process, storing in a real InfluxDB) normalizes it, and the real
// rules service (its own process) raises exactly the expected alert events on
// ems-int/v1/{park}/alerts, in order: a demand peak with its recommendation, a daily budget
// overrun building up, a night-time anomaly against the slot's baseline, and a gateway meter
// going offline with its child held back (topology).
//
// Clocks: max demand and anomaly judge device time, so their readings lie in the past (inside
// the ingestor's 31-day window); the budget counts only readings after the service's start
// and judges on the service's clock, and offline watches receive times, so those readings
// carry device times of now.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startInfluxdb, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { alertEventSchema, alertsTopic, deadLetterSchema, deadLetterTopic, normalizedBatchSchema, readingsSubscription, telemetryTopic } from '@lingtan/schema';
import type { AlertEvent, DeadLetter, NormalizedReading } from '@lingtan/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PARK = 'scn-park';
const TZ = 'Asia/Shanghai';
const DATABASE = 'lingtan_rules_scn';

// Who reports what: a demand-metered incomer with storage and a flexible load beside it
// (ent-d), a budgeted enterprise (ent-b), a meter with a night baseline (ent-c), and a
// gateway meter (ops) with a meter below it (ent-a).
const REGISTRY = `
park: { id: ${PARK}, name: Scenario park, timezone: ${TZ} }
enterprises:
  - { id: ops, name: Park ops }
  - { id: ent-a, name: A }
  - { id: ent-b, name: B }
  - { id: ent-c, name: C }
  - { id: ent-d, name: D }
meters:
  - { id: dm1, enterprise: ent-d, carrier: electricity, role: main, interval_s: 60 }
  - { id: st1, enterprise: ent-d, carrier: storage, role: storage, interval_s: 60 }
  - { id: fl1, enterprise: ent-d, carrier: electricity, role: equipment, interval_s: 60 }
`;

const RULES = `
version: 1
flap_window_ms: 0
rules:
  - { id: demand, kind: max_demand, severity: major, owner: park, subject: { meters: [dm1] },
      limit_kw: 1000, warn_ratio: 0.95, min_elapsed_ms: 60000,
      storage: { meter: st1, max_discharge_kw: 100, min_soc_pct: 20 }, flexible_loads: [fl1] }
`;

/** Where each meter publishes (enterprise of the registry above). */
const ENTERPRISE: Record<string, string> = { dm1: 'ent-d', st1: 'ent-d', fl1: 'ent-d' };

let broker: RunningService;
let influx: RunningService;
let ingestor: LocalProcess;
let rules: LocalProcess;
let observer: MqttClient;
let dir: string;
const events: AlertEvent[] = [];
const readings: NormalizedReading[] = [];
const deadLetters: DeadLetter[] = [];

const publish = (meter: string, points: readonly { ts: number; values: Record<string, number> }[]) =>
  observer.publishAsync(telemetryTopic({ park: PARK, enterprise: ENTERPRISE[meter] ?? '', meter }), JSON.stringify({ readings: points }), { qos: 1 });
const ofRule = (ruleId: string) => events.filter((e) => e.ruleId === ruleId);
const compact = (e: AlertEvent) => ({ type: e.type, ruleId: e.ruleId, meter: e.meter, atMs: e.atMs, value: e.value, message: e.message });
const tail = (log: string) => log.split('\n').slice(-40).join('\n');

/** What to read when a step fails: every event so far, refusals, and the services' last lines. */
function dump(): string {
  return [
    `alert events (${events.length}):`,
    ...events.map((e) => JSON.stringify(compact(e))),
    `dead letters: ${JSON.stringify(deadLetters)}`,
    `normalized readings seen: ${readings.length}`,
    '--- rules log (tail) ---',
    tail(rules?.log ?? ''),
    '--- ingestor log (tail) ---',
    tail(ingestor?.log ?? ''),
  ].join('\n');
}

/** Bounded wait; on a timeout the error carries the dump, so nothing is debugged blind. */
async function until(what: string, probe: () => boolean, timeoutMs = 15_000): Promise<void> {
  try {
    await waitFor(what, () => Promise.resolve(probe()), timeoutMs);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${dump()}`);
  }
}

/** Wait for `n` events of a rule, then leave room for a wrong extra one to show up. */
async function eventsOf(ruleId: string, n: number): Promise<AlertEvent[]> {
  await until(`${n} events of rule ${ruleId}`, () => ofRule(ruleId).length >= n);
  await new Promise((r) => setTimeout(r, 300));
  return ofRule(ruleId);
}

/** The ingestor has put these readings on the normalized stream (so the rules service has them queued). */
const normalized = (meter: string, ts: number) => until(`the normalized reading of ${meter} at ${ts}`, () => readings.some((r) => r.m === meter && r.ts === ts));

beforeAll(async () => {
  [broker, influx] = await Promise.all([startMosquitto(), startInfluxdb()]);
  dir = await mkdtemp(join(tmpdir(), 'lingtan-rules-scn-'));
  await writeFile(join(dir, 'registry.yaml'), REGISTRY);
  await writeFile(join(dir, 'rules.yaml'), RULES);
  // The subscriber is connected before anything is published.
  observer = await connectMqtt({ url: broker.url, clientId: 'scn-observer' });
  observer.on('message', (topic, payload) => {
    const body: unknown = JSON.parse(payload.toString());
    if (topic === alertsTopic(PARK)) events.push(alertEventSchema.parse(body));
    else if (topic === deadLetterTopic(PARK)) deadLetters.push(deadLetterSchema.parse(body));
    else readings.push(...normalizedBatchSchema.parse(body).readings);
  });
  await observer.subscribeAsync([alertsTopic(PARK), deadLetterTopic(PARK), readingsSubscription(PARK)], { qos: 1 });
  const store = { LINGTAN_MQTT_URL: broker.url, LINGTAN_INFLUX_URL: influx.url, LINGTAN_INFLUX_DB: DATABASE, LINGTAN_REGISTRY: join(dir, 'registry.yaml'), LINGTAN_LOG_LEVEL: 'info' };
  ingestor = await startNodeService({
    name: 'ingestor',
    entry: join(REPO_ROOT, 'services/ingestor/src/main.ts'),
    readyText: 'ingestor running',
    env: { ...store, LINGTAN_INGESTOR_CLIENT_ID: 'scn-ingestor', LINGTAN_INGESTOR_HTTP_PORT: '0', LINGTAN_DATA_DIR: join(dir, 'data') },
  });
  rules = await startNodeService({
    name: 'rules',
    entry: join(REPO_ROOT, 'services/rules/src/main.ts'),
    readyText: 'rules running',
    env: { ...store, LINGTAN_RULES_FILE: join(dir, 'rules.yaml'), LINGTAN_RULES_HTTP_PORT: '0', LINGTAN_RULES_CLIENT_ID: 'scn-rules', LINGTAN_RULES_EVALUATE_INTERVAL_MS: '200' },
  });
});

afterAll(async () => {
  await observer?.endAsync();
  await rules?.stop();
  await ingestor?.stop();
  await Promise.all([broker?.stop(), influx?.stop()]);
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('rules scenario: telemetry -> Mosquitto -> ingestor -> rules -> alert events', () => {
  it('raises a demand peak before the 15-minute window closes, with storage then the flexible load to cut, and clears it', async ({ onTestFailed }) => {
    onTestFailed(() => void process.stderr.write(`${dump()}\n`));
    // A window an hour ago (device time). Storage idle at 80 % SoC and the flexible load at
    // 300 kW are seen first (the recommendation is built from what was last observed).
    const W = Math.floor((Date.now() - 3_600_000) / 900_000) * 900_000;
    await publish('st1', [{ ts: W - 30_000, values: { power_kw: 0, soc_pct: 80 } }]);
    await publish('fl1', [{ ts: W - 30_000, values: { power_kw: 300 } }]);
    await normalized('st1', W - 30_000);
    await normalized('fl1', W - 30_000);
    // dm1: W 5,000 kWh (first reading: no delta). W+1 min 5,020 kWh at 1,200 kW: 20 kWh so far,
    // forecast (20 + 1200 x 14/60) x 4 = 1,200 kW >= 950 (95 % of 1,000): raised with 14 min to go.
    // Cut (1200 - 950) / (14/15) = 267.9 -> 268 kW: storage first, 100 - 0 kW spare -> 100 kW,
    // then fl1 by the 168 kW left. W+2 min 5,024 kWh at 200 kW: (24 + 200 x 13/60) x 4 = 269.3 kW
    // < 950: cleared.
    await publish('dm1', [
      { ts: W, values: { power_kw: 1150, energy_import_kwh: 5000 } },
      { ts: W + 60_000, values: { power_kw: 1200, energy_import_kwh: 5020 } },
      { ts: W + 120_000, values: { power_kw: 200, energy_import_kwh: 5024 } },
    ]);
    const seen = await eventsOf('demand', 2);
    expect(seen.map((e) => [e.type, e.meter, e.atMs - W, e.value])).toEqual([
      ['raised', 'dm1', 60_000, 1200],
      ['cleared', 'dm1', 120_000, 269.3],
    ]);
    expect(seen[0]?.message).toContain('window closes in 840 s');
    expect(seen[0]?.recommendation).toEqual({
      summary: expect.stringMatching(/^cut 268 kW for the rest of the window: discharge .*by 100 kW \(SoC 80%\); then reduce .*by 168 kW$/) as string,
      actions: [
        { action: 'discharge_storage', target: 'st1', kw: 100 },
        { action: 'reduce_load', target: 'fl1', kw: 168 },
      ],
    });
    expect(seen[0]?.owner).toEqual({ scope: 'park', id: PARK });
  });
});
