// The ingestor against a real Mosquitto and a real InfluxDB started by the test harness.
import { indexRegistry } from '@lingtan/domain';
import { startInfluxdb, startMosquitto, waitFor } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { Metrics, connectMqtt, createMqttClient, openMqtt, silentLogger } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { deadLetterSchema, normalizedBatchSchema, registrySchema, telemetryTopic } from '@lingtan/schema';
import type { DeadLetter, NormalizedBatch } from '@lingtan/schema';
import { createInfluxStore } from '@lingtan/store';
import type { TimeSeriesStore } from '@lingtan/store';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIngestor } from '../src/app.js';
import { Spool } from '../src/spool/spool.js';
import type { Ingestor } from '../src/app.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'it-park', name: 'Integration park' },
    enterprises: [{ id: 'ent-a', name: 'A' }],
    meters: [
      { id: 'm-1', enterprise: 'ent-a', carrier: 'electricity', interval_s: 1 },
      { id: 'm-2', enterprise: 'ent-a', carrier: 'electricity', interval_s: 1 },
      { id: 'm-3', enterprise: 'ent-a', carrier: 'electricity', interval_s: 1 },
    ],
  }),
);
const config = { shareGroup: undefined, partition: { index: 0, count: 1 }, batchSize: 500, flushIntervalMs: 50, retryMaxMs: 500, maxFutureMs: 300_000, maxPastMs: 86_400_000 * 31 };
const topic = (meter: string) => telemetryTopic({ park: 'it-park', enterprise: 'ent-a', meter });

let broker: RunningService;
let influx: RunningService;
let store: TimeSeriesStore;
let publisher: MqttClient;
let ingestor: Ingestor;
let metrics: Metrics;
const deadLetters: DeadLetter[] = [];
const normalized: NormalizedBatch[] = [];
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;

beforeAll(async () => {
  [broker, influx] = await Promise.all([startMosquitto(), startInfluxdb()]);
  store = createInfluxStore({ url: influx.url, database: 'ingestor_it', timeoutMs: 2000 });
  await store.init();
  metrics = new Metrics();
  const mqtt = createMqttClient({ url: broker.url, clientId: 'it-ingestor', clean: false });
  const spool = await Spool.open({ dir: await mkdtemp(join(tmpdir(), 'lingtan-it-spool-')), maxBytes: 1 << 30, segmentBytes: 1 << 20 });
  ingestor = buildIngestor({ mqtt, store, spool, registry, config, clock: { nowMs: () => Date.now() }, logger: silentLogger, metrics });
  await openMqtt(mqtt);
  await ingestor.start();
  publisher = await connectMqtt({ url: broker.url, clientId: 'it-publisher' });
  await publisher.subscribeAsync(['ems-int/v1/+/dead-letter', 'ems-int/v1/+/+/readings'], { qos: 1 });
  publisher.on('message', (topic, payload) => {
    const json: unknown = JSON.parse(payload.toString());
    if (topic.endsWith('/dead-letter')) deadLetters.push(deadLetterSchema.parse(json));
    else normalized.push(normalizedBatchSchema.parse(json));
  });
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingestor?.stop();
  await store?.close();
  await Promise.all([broker?.stop(), influx?.stop()]);
});

const publishRange = async (meter: string, from: number, count: number) => {
  for (let i = 0; i < count; i++) {
    await publisher.publishAsync(topic(meter), JSON.stringify({ ts: T0 + (from + i) * 1000, seq: from + i, values: { power_kw: from + i } }), { qos: 1 });
  }
};

const storedCount = async (meter: string) => (await store.query({ park: 'it-park', meter, fromMs: T0 - 1, toMs: T0 + 86_400_000 })).length;

describe('ingestor with real Mosquitto and InfluxDB', () => {
  it('stores valid readings and dead-letters bad ones without stopping', async () => {
    await publishRange('m-1', 0, 50);
    await publisher.publishAsync(topic('m-1'), '{"ts": 1', { qos: 1 });
    await publisher.publishAsync(topic('m-ghost'), JSON.stringify({ ts: T0, values: { power_kw: 1 } }), { qos: 1 });
    await publishRange('m-1', 50, 50);
    await waitFor('100 stored readings', async () => (await storedCount('m-1')) === 100, 20_000);
    await waitFor('two dead letters', () => Promise.resolve(deadLetters.length >= 2), 10_000);
    expect(deadLetters.map((d) => d.code).sort()).toEqual(['payload_not_json', 'unknown_meter']);
    expect(deadLetters.find((d) => d.code === 'unknown_meter')).toMatchObject({ park: 'it-park', meter: 'm-ghost', topic: topic('m-ghost') });
    expect(metrics.count('ingestor_rejects_total', { code: 'unknown_meter' })).toBe(1);
  });

  it('loses nothing while InfluxDB is down under steady traffic, and writes it all when it is back', async () => {
    await publishRange('m-2', 0, 100);
    await waitFor('first 100 stored', async () => (await storedCount('m-2')) === 100, 20_000);
    await influx.pause();
    // Steady traffic for about two seconds while the database is down.
    for (let step = 0; step < 20; step++) {
      await publishRange('m-2', 100 + step * 10, 10);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(metrics.count('ingestor_write_retries_total')).toBeGreaterThan(0);
    await influx.resume();
    await waitFor('all 300 readings stored', async () => (await storedCount('m-2')) === 300, 30_000);
    const points = await store.query({ park: 'it-park', meter: 'm-2', fromMs: T0, toMs: T0 + 300_000 });
    expect(points.map((p) => p.values.power_kw)).toEqual(Array.from({ length: 300 }, (_, i) => i));
  });

  it('publishes normalized readings with interval deltas and counter marks, stored beside the raw values', async () => {
    const send = (i: number, kwh: number) =>
      publisher.publishAsync(topic('m-3'), JSON.stringify({ ts: T0 + i * 1000, values: { energy_import_kwh: kwh } }), { qos: 1 });
    // 1000 -> 1002 (normal, 2) -> reset to 0.5 (0.5) -> gap of 10 s to 3.5 (3) -> late reading (no delta).
    await send(0, 1000);
    await send(1, 1002);
    await send(2, 0.5);
    await send(12, 3.5);
    await send(5, 1.2);
    await waitFor('five normalized readings of m-3', () => Promise.resolve(normalized.flatMap((b) => b.readings).filter((r) => r.m === 'm-3').length === 5), 10_000);
    const readings = normalized.flatMap((b) => b.readings).filter((r) => r.m === 'm-3');
    expect(normalized.every((b) => b.park === 'it-park' && b.enterprise === 'ent-a')).toBe(true);
    expect(readings.map((r) => [r.d?.energy_import_kwh, r.k?.energy_import_kwh])).toEqual([
      [undefined, 'first'],
      [2, undefined],
      [0.5, 'reset'],
      [3, 'gap'],
      [undefined, 'late'],
    ]);
    expect(readings.every((r) => r.rx >= r.ts)).toBe(true); // receive time kept apart from device time
    await waitFor('m-3 stored', async () => (await storedCount('m-3')) === 5, 10_000);
    const stored = await store.query({ park: 'it-park', meter: 'm-3', fromMs: T0, toMs: T0 + 60_000 });
    expect(stored.map((p) => p.values.energy_import_kwh_delta)).toEqual([undefined, 2, 0.5, undefined, 3]);
  });
});
