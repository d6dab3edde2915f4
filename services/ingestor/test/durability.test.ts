// The ingestor as its own process against real Mosquitto and InfluxDB: killed with SIGKILL
// mid-stream, and killed with readings spooled but not yet in the database.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startInfluxdb, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { telemetryTopic } from '@lingtan/schema';
import { createInfluxStore } from '@lingtan/store';
import type { TimeSeriesStore } from '@lingtan/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REGISTRY = `park: { id: dur-park, name: Durability park }
enterprises: [{ id: ent-a, name: A }]
meters:
  - { id: m-1, enterprise: ent-a, carrier: electricity, interval_s: 1 }
  - { id: m-2, enterprise: ent-a, carrier: electricity, interval_s: 1 }
`;
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

let broker: RunningService;
let influx: RunningService;
let dir: string;
let store: TimeSeriesStore;
let publisher: MqttClient;
let opsPort: number;
const running: LocalProcess[] = [];

beforeAll(async () => {
  [broker, influx] = await Promise.all([startMosquitto(), startInfluxdb()]);
  dir = await mkdtemp(join(tmpdir(), 'lingtan-durability-'));
  await writeFile(join(dir, 'registry.yaml'), REGISTRY);
  store = createInfluxStore({ url: influx.url, database: 'durability', timeoutMs: 3000 });
  publisher = await connectMqtt({ url: broker.url, clientId: 'dur-publisher' });
  opsPort = await freePort();
});

afterAll(async () => {
  for (const p of running) await p.kill();
  await publisher?.endAsync();
  await store?.close();
  await Promise.all([broker?.stop(), influx?.stop()]);
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

async function startIngestor(): Promise<LocalProcess> {
  const proc = await startNodeService({
    name: 'ingestor',
    entry: 'services/ingestor/src/main.ts',
    readyText: 'ingestor running',
    env: {
      LINGTAN_MQTT_URL: broker.url,
      LINGTAN_INFLUX_URL: influx.url,
      LINGTAN_INFLUX_DB: 'durability',
      LINGTAN_REGISTRY: join(dir, 'registry.yaml'),
      LINGTAN_DATA_DIR: join(dir, 'data'),
      LINGTAN_INGESTOR_CLIENT_ID: 'dur-ingestor',
      LINGTAN_INGESTOR_HTTP_PORT: String(opsPort),
      LINGTAN_INGESTOR_RETRY_MAX_MS: '500',
      LINGTAN_LOG_LEVEL: 'info',
    },
  });
  running.push(proc);
  return proc;
}

const publish = (meter: string, i: number) =>
  publisher.publishAsync(telemetryTopic({ park: 'dur-park', enterprise: 'ent-a', meter }), JSON.stringify({ ts: T0 + i * 1000, seq: i, values: { power_kw: i, energy_import_kwh: 1000 + i } }), { qos: 1 });

const stored = (meter: string) => store.query({ park: 'dur-park', meter, fromMs: T0, toMs: T0 + 86_400_000 });

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
}

describe('ingestor durability (real Mosquitto, real influxd, SIGKILL)', () => {
  it('killed with SIGKILL mid-stream and restarted: every reading stored, none twice', async () => {
    let ingestor = await startIngestor();
    const total = 3000;
    for (let i = 0; i < total; i++) {
      await publish('m-1', i);
      if (i === 1000) {
        await ingestor.kill();
        ingestor = await startIngestor();
      }
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(`${total} readings of m-1`, async () => (await stored('m-1')).length === total, 60_000);
    const points = await stored('m-1');
    expect(points.map((p) => p.values.power_kw)).toEqual(Array.from({ length: total }, (_, i) => i));
    // Counter state survived the crash: every reading after the first has its 1 kWh delta.
    expect(points.map((p) => p.values.energy_import_kwh_delta)).toEqual([undefined, ...Array.from({ length: total - 1 }, () => 1)]);
    await ingestor.stop();
  });

  it('keeps spooled readings across a SIGKILL while the database is down', async () => {
    await influx.pause();
    let ingestor = await startIngestor();
    for (let i = 0; i < 500; i++) await publish('m-2', i);
    // Every message spooled and acknowledged to the broker: the broker will not send them again.
    await waitFor('500 readings spooled and acknowledged', async () => (await metric('ingestor_readings_accepted_total')) === 500 && (await metric('ingestor_acks_held')) === 0, 20_000);
    expect(await metric('ingestor_spool_bytes')).toBeGreaterThan(0);
    const unhealthy = await fetch(`http://127.0.0.1:${opsPort}/healthz`);
    expect(unhealthy.status).toBe(503);
    expect(await unhealthy.json()).toMatchObject({ status: 'unavailable', checks: { mqtt: { ok: true }, store: { ok: false }, spool: { ok: true } } });
    await ingestor.kill();
    const spoolFiles = await readdir(join(dir, 'data', 'spool-dur-ingestor'));
    expect(spoolFiles.some((f) => f.startsWith('segment-'))).toBe(true);

    await influx.resume();
    ingestor = await startIngestor();
    await waitFor('500 readings of m-2 from the spool', async () => (await stored('m-2')).length === 500, 30_000);
    expect((await stored('m-2')).map((p) => p.values.energy_import_kwh)).toEqual(Array.from({ length: 500 }, (_, i) => 1000 + i));
    await waitFor('spool drained', async () => (await metric('ingestor_spool_bytes')) === 0, 10_000);
    const healthy = await fetch(`http://127.0.0.1:${opsPort}/healthz`);
    expect(healthy.status).toBe(200);
    expect(await healthy.json()).toMatchObject({ status: 'ok', checks: { spool: { ok: true, detail: { bytes: 0 } } } });
    expect((await fetch(`http://127.0.0.1:${opsPort}/nope`)).status).toBe(404);
    await ingestor.stop();
  });
});
