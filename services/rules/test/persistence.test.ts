// Alert events stored in a real InfluxDB and state rebuilt after a real process restart:
// the rules service (main.ts, its own process) raises an alert, is stopped, starts again,
// and neither raises the still-present condition again nor forgets to clear it.
import { REPO_ROOT, startInfluxdb, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { alertCommandsTopic, alertEventSchema, alertsTopic, readingsTopic } from '@lingtan/schema';
import type { AlertEvent, NormalizedBatch } from '@lingtan/schema';
import { openStore } from '@lingtan/store';
import type { TimeSeriesStore } from '@lingtan/store';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REGISTRY = `
park: { id: it-park, name: Rules park }
enterprises:
  - { id: ops, name: Ops }
meters:
  - { id: tx1, enterprise: ops, carrier: distribution, interval_s: 1 }
`;
const RULES = `
version: 1
flap_window_ms: 0
rules:
  - { id: tx-load, kind: threshold, severity: major, owner: park, subject: { meters: [tx1] },
      quantity: load_rate_pct, op: above, value: 90, hysteresis: 5 }
  - { id: demand, kind: max_demand, severity: major, owner: park, subject: { meters: [tx1] },
      limit_kw: 1000, warn_ratio: 0.95, min_elapsed_ms: 60000 }
`;

let broker: RunningService;
let influx: RunningService;
let rules: LocalProcess | undefined;
let client: MqttClient;
let store: TimeSeriesStore;
let env: Record<string, string>;
const events: AlertEvent[] = [];
const T0 = Date.now() - 3_600_000;

const publish = (fromS: number, pcts: number[]) => {
  const batch: NormalizedBatch = { v: 1, park: 'it-park', enterprise: 'ops', readings: pcts.map((pct, i) => ({ m: 'tx1', c: 'distribution', ts: T0 + (fromS + i) * 1000, rx: Date.now(), v: { load_rate_pct: pct } })) };
  return client.publishAsync(readingsTopic('it-park', 'ops'), JSON.stringify(batch), { qos: 1 });
};
const start = () => startNodeService({ name: 'rules', entry: join(REPO_ROOT, 'services/rules/src/main.ts'), env, readyText: 'rules running' });
const opsUrl = (proc: LocalProcess) => /"ops":"(http:\/\/[^"]+)"/.exec(proc.log)?.[1] ?? '';
const stored = () => store.queryAlertEvents({ park: 'it-park', fromMs: T0 - 1, toMs: Date.now() + 1 });

beforeAll(async () => {
  [broker, influx] = await Promise.all([startMosquitto(), startInfluxdb()]);
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-rules-persist-'));
  await writeFile(join(dir, 'registry.yaml'), REGISTRY);
  await writeFile(join(dir, 'rules.yaml'), RULES);
  env = {
    LINGTAN_MQTT_URL: broker.url,
    LINGTAN_INFLUX_URL: influx.url,
    LINGTAN_INFLUX_DB: 'rules_persist',
    LINGTAN_REGISTRY: join(dir, 'registry.yaml'),
    LINGTAN_RULES_FILE: join(dir, 'rules.yaml'),
    LINGTAN_RULES_HTTP_PORT: '0',
    LINGTAN_RULES_CLIENT_ID: 'it-rules-persist',
    LINGTAN_RULES_EVALUATE_INTERVAL_MS: '200',
  };
  // Opened as the service opens it (alert events live in the forever retention policy).
  store = openStore({ kind: 'influx', url: influx.url, database: 'rules_persist', token: undefined, username: undefined, password: undefined, timeoutMs: 5000, rawRetentionDays: 90 }, 'Asia/Shanghai');
  client = await connectMqtt({ url: broker.url, clientId: 'it-persist-observer' });
  await client.subscribeAsync(alertsTopic('it-park'), { qos: 1 });
  client.on('message', (_topic, payload) => events.push(alertEventSchema.parse(JSON.parse(payload.toString()))));
});

afterAll(async () => {
  await rules?.stop();
  await client?.endAsync();
  await store?.close();
  await broker?.stop();
  await influx?.stop();
});

describe('alert persistence across a restart (real Mosquitto, InfluxDB and processes)', () => {
  it('stores every event, rebuilds the open alert, does not re-raise it, and clears it after the restart', async () => {
    rules = await start();
    const health = (await (await fetch(`${opsUrl(rules)}/healthz`)).json()) as { checks: { rebuild: { ok: boolean; detail: unknown } } };
    expect(health.checks.rebuild).toEqual({ ok: true, detail: { state: 'done', events: 0, open: 0 } });

    // 0 s 95 % -> raised
    await publish(0, [95]);
    await waitFor('the raised event stored', async () => (await stored()).length === 1, 15_000);
    const [raised] = await stored();
    expect(raised).toMatchObject({ type: 'raised', key: 'tx-load/tx1', state: 'active', value: 95 });
    expect(events.map((e) => e.eventId)).toEqual([raised?.eventId]);

    // Stop (SIGTERM) and start a new process: it rebuilds one open alert before evaluating.
    await rules.stop();
    rules = await start();
    expect(rules.log).toContain('alert state rebuilt from the store');
    const after = (await (await fetch(`${opsUrl(rules)}/healthz`)).json()) as { checks: { rebuild: { ok: boolean; detail: unknown } } };
    expect(after.checks.rebuild).toEqual({ ok: true, detail: { state: 'done', events: 1, open: 1 } });

    // 5 s 96 % (still above): nothing raised again. 6 s 84 % (past the band): the same alert clears.
    await publish(5, [96, 84]);
    await waitFor('the cleared event stored', async () => (await stored()).length === 2, 15_000);
    await new Promise((r) => setTimeout(r, 300)); // room for a wrong extra event to show up
    expect(events.map((e) => [e.type, e.alertId, e.eventId, e.atMs - T0])).toEqual([
      ['raised', raised?.alertId, `${raised?.alertId}:1`, 0],
      ['cleared', raised?.alertId, `${raised?.alertId}:2`, 6000],
    ]);
    expect((await stored()).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });

  it('stores a demand warning with its recommendation, and the clear after an acknowledgement says so', async () => {
    // A window 2 windows after T0, a reading at its start (its delta spans the time before: none of it counts),
    // then 1,200 kW (20 kWh a minute): judged from 1 min on, forecast (20 + 1200 x 14/60) x 4 = 1,200 kW >= 950:
    // raised; cut (1200 - 950) / (14/15) = 267.9 -> 268 kW, and the test park has no storage or flexible load to name.
    // The 2-minute reading (same window, still high) adds nothing.
    const W = (Math.floor(T0 / 900_000) + 2) * 900_000;
    const at = (ms: number, kw: number, kwh: number): NormalizedBatch => ({ v: 1, park: 'it-park', enterprise: 'ops', readings: [{ m: 'tx1', c: 'distribution', ts: W + ms, rx: Date.now(), v: { power_kw: kw }, d: { energy_import_kwh: kwh } }] });
    const send = (b: NormalizedBatch) => client.publishAsync(readingsTopic('it-park', 'ops'), JSON.stringify(b), { qos: 1 });
    const demand = () => events.filter((e) => e.ruleId === 'demand');
    await send(at(0, 1200, 5));
    await send(at(60_000, 1200, 20));
    await send(at(120_000, 1200, 20));
    await waitFor('the demand warning', () => Promise.resolve(demand().length === 1), 10_000);
    const raised = demand()[0]!;
    expect(raised).toMatchObject({ type: 'raised', atMs: W + 60_000, value: 1200, recommendation: { summary: expect.stringContaining('cut 268 kW for the rest of the window: no storage or flexible load available') as string } });
    await client.publishAsync(alertCommandsTopic('it-park'), JSON.stringify({ v: 1, commandId: 'persist-ack', type: 'acknowledge', alertId: raised.alertId, by: 'u-ops', atMs: Date.now() }), { qos: 1 });
    await waitFor('the acknowledgement', () => Promise.resolve(demand().length === 2), 10_000);
    // Storage dispatched: 100 kW in the third minute -> (60 + 100 x 12/60) x 4 = 320 kW: cleared, after the acknowledgement.
    await send(at(180_000, 100, 20));
    await waitFor('the clear', () => Promise.resolve(demand().length === 3), 10_000);
    const mine = async () => (await stored()).filter((e) => e.ruleId === 'demand');
    await waitFor('three stored demand events', async () => (await mine()).length === 3, 15_000);
    // By revision: the store orders by atMs, which is device time for condition changes and
    // the command's time for a person's (here the device time is an hour behind).
    const storedEvents = (await mine()).sort((a, b) => a.eventId.localeCompare(b.eventId));
    expect(storedEvents.map((e) => e.type)).toEqual(['raised', 'acknowledged', 'cleared']);
    expect(storedEvents[0]?.recommendation).toEqual(raised.recommendation);
    expect(storedEvents[2]).toMatchObject({ clearedAfterAck: true, acknowledged: { by: 'u-ops' }, cleared: { by: 'condition' } });
  });
});
