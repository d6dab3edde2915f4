// The first slice end to end: the simulator's command line publishes a known fleet through a
// real Mosquitto; the ingestor, as its own process, stores it in a real InfluxDB; malformed
// and unknown-meter messages reach the dead-letter topic while valid traffic keeps flowing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startInfluxdb, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { isRegister } from '@lingtan/domain';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { deadLetterSchema, telemetryTopic } from '@lingtan/schema';
import type { DeadLetter } from '@lingtan/schema';
import { fleetMessages, syntheticRegistry } from '@lingtan/simulator';
import { createInfluxStore } from '@lingtan/store';
import type { TelemetryPoint, TimeSeriesStore } from '@lingtan/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

const registry = syntheticRegistry({ parkId: 'e2e-park', enterprises: 4, metersPerEnterprise: 6, intervalS: 15 });
const START_MS = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000; // two hours ago, on the minute
const TICKS = 40;
const SEED = 3;
const DATABASE = 'lingtan_e2e';

let broker: RunningService;
let influx: RunningService;
let ingestor: LocalProcess;
let store: TimeSeriesStore;
let observer: MqttClient;
let dir: string;
const deadLetters: DeadLetter[] = [];

beforeAll(async () => {
  [broker, influx] = await Promise.all([startMosquitto(), startInfluxdb()]);
  dir = await mkdtemp(join(tmpdir(), 'lingtan-e2e-'));
  await writeFile(join(dir, 'registry.yaml'), stringify(registry));
  observer = await connectMqtt({ url: broker.url, clientId: 'e2e-observer' });
  await observer.subscribeAsync('ems-int/v1/+/dead-letter', { qos: 1 });
  observer.on('message', (_t, payload) => deadLetters.push(deadLetterSchema.parse(JSON.parse(payload.toString()))));
  ingestor = await startNodeService({
    name: 'ingestor',
    entry: 'services/ingestor/src/main.ts',
    readyText: 'ingestor running',
    env: {
      LINGTAN_MQTT_URL: broker.url,
      LINGTAN_INFLUX_URL: influx.url,
      LINGTAN_INFLUX_DB: DATABASE,
      LINGTAN_REGISTRY: join(dir, 'registry.yaml'),
      LINGTAN_LOG_LEVEL: 'info',
      LINGTAN_INGESTOR_CLIENT_ID: 'e2e-ingestor',
      LINGTAN_INGESTOR_HTTP_PORT: '0',
      LINGTAN_DATA_DIR: join(dir, 'data'),
    },
  });
  store = createInfluxStore({ url: influx.url, database: DATABASE, timeoutMs: 5000 });
});

afterAll(async () => {
  await observer?.endAsync();
  await ingestor?.stop();
  await store?.close();
  await Promise.all([broker?.stop(), influx?.stop()]);
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const key = (p: { meter: string; tsMs: number }) => `${p.meter}@${p.tsMs}`;

describe('first slice: simulator -> Mosquitto -> ingestor -> InfluxDB', () => {
  it('stores every published reading with the right tags, fields and timestamps, and dead-letters bad input', async () => {
    const sim = startNodeService({
      name: 'sim',
      entry: 'simulator/src/cli.ts',
      args: ['run', '--registry', join(dir, 'registry.yaml'), '--mqtt', broker.url, '--ticks', String(TICKS), '--speed', '0', '--seed', String(SEED), '--start', new Date(START_MS).toISOString()],
      env: {},
      readyText: 'sim: done',
      timeoutMs: 60_000,
    });
    // Bad input while the fleet publishes: not JSON, an unknown meter, a wrong-carrier quantity.
    const bad = {
      notJson: telemetryTopic({ park: 'e2e-park', enterprise: 'ent-001', meter: 'ent-001-m001' }),
      ghost: telemetryTopic({ park: 'e2e-park', enterprise: 'ent-001', meter: 'm-ghost' }),
    };
    await observer.publishAsync(bad.notJson, 'power_kw=12', { qos: 1 });
    await observer.publishAsync(bad.ghost, JSON.stringify({ ts: START_MS, values: { power_kw: 1 } }), { qos: 1 });
    await observer.publishAsync(bad.notJson, JSON.stringify({ ts: START_MS, values: { gas_volume_nm3: 1 } }), { qos: 1 });
    await (await sim).exit;

    const expected = [...fleetMessages({ registry, startMs: START_MS, ticks: TICKS, seed: SEED })];
    expect(expected).toHaveLength(registry.meters.length * TICKS);
    const query = () => store.query({ park: 'e2e-park', fromMs: START_MS, toMs: START_MS + TICKS * 15_000 });
    await waitFor(`${expected.length} stored readings`, async () => (await query()).length >= expected.length, 30_000);

    const stored = new Map<string, TelemetryPoint>((await query()).map((p) => [key(p), p]));
    expect(stored.size).toBe(expected.length);
    const previous = new Map<string, Record<string, number>>();
    for (const message of expected) {
      const point = stored.get(key({ meter: message.meter.id, tsMs: message.tsMs }));
      expect(point).toBeDefined();
      const raw = Object.fromEntries(Object.entries(point!.values).filter(([name]) => !name.endsWith('_delta')));
      expect({ ...point!, values: raw }).toEqual({
        park: 'e2e-park',
        enterprise: message.meter.enterprise,
        meter: message.meter.id,
        carrier: message.meter.carrier,
        tsMs: message.tsMs,
        values: message.values,
      });
      // Cumulative registers get their interval delta stored beside them, from the second reading on.
      const before = previous.get(message.meter.id);
      for (const [name, value] of Object.entries(message.values)) {
        if (!isRegister(name)) continue;
        if (before === undefined) expect(point!.values[`${name}_delta`]).toBeUndefined();
        else expect(point!.values[`${name}_delta`]).toBeCloseTo(value - (before[name] ?? 0), 6);
      }
      previous.set(message.meter.id, message.values);
    }

    await waitFor('three dead letters', () => Promise.resolve(deadLetters.length >= 3), 10_000);
    expect(deadLetters.map((d) => [d.code, d.meter]).sort()).toEqual([
      ['payload_not_json', 'ent-001-m001'],
      ['quantity_not_for_carrier', 'ent-001-m001'],
      ['unknown_meter', 'm-ghost'],
    ]);
    expect(deadLetters.every((d) => d.detail.length > 0 && d.park === 'e2e-park')).toBe(true);
    expect(ingestor.log).not.toMatch(/"level":(50|60)/); // no error or fatal lines
  });

  it('refuses to start with a bad setting and names the key', async () => {
    const failing = startNodeService({
      name: 'ingestor-bad-config',
      entry: 'services/ingestor/src/main.ts',
      readyText: 'ingestor running',
      env: { LINGTAN_MQTT_URL: 'localhost:1883', LINGTAN_REGISTRY: join(dir, 'registry.yaml'), LINGTAN_DATA_DIR: join(dir, 'data') },
      timeoutMs: 20_000,
    });
    await expect(failing).rejects.toThrow(/LINGTAN_MQTT_URL: expected a mqtt:\/\/ .*got "localhost:1883"/);
  });
});
