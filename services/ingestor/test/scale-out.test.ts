// Two ingestor replicas in one shared-subscription group on a real Mosquitto: the broker
// splits the traffic, and every reading is stored exactly once.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexRegistry } from '@lingtan/domain';
import { startMosquitto, waitFor } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { Metrics, connectMqtt, createMqttClient, openMqtt, silentLogger } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { registrySchema, telemetryTopic } from '@lingtan/schema';
import { createMemoryStore } from '@lingtan/store';
import type { TelemetryPoint, TimeSeriesStore } from '@lingtan/store';
import { afterAll, expect, it } from 'vitest';
import { buildIngestor } from '../src/app.js';
import type { Ingestor } from '../src/app.js';
import { Spool } from '../src/spool/spool.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'so-park', name: 'Scale-out park' },
    enterprises: Array.from({ length: 10 }, (_, i) => ({ id: `ent-${i}`, name: `E${i}` })),
    meters: Array.from({ length: 20 }, (_, i) => ({ id: `m-${i}`, enterprise: `ent-${i % 10}`, carrier: 'electricity', interval_s: 1 })),
  }),
);
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
let broker: RunningService | undefined;
const replicas: Ingestor[] = [];
let publisher: MqttClient | undefined;

/** Reading i: meter i % 20, one second apart per meter, its register 1 kWh further each time. */
const publish = (i: number) =>
  publisher!.publishAsync(
    telemetryTopic({ park: 'so-park', enterprise: `ent-${i % 10}`, meter: `m-${i % 20}` }),
    JSON.stringify({ ts: T0 + Math.floor(i / 20) * 1000, values: { power_kw: i, energy_import_kwh: 1000 + Math.floor(i / 20) } }),
    { qos: 1 },
  );

/** Start one replica on the shared broker with its own spool; returns its metrics. */
async function startReplica(name: string, store: TimeSeriesStore, config: { shareGroup: string | undefined; partition: { index: number; count: number } }): Promise<Metrics> {
  const metrics = new Metrics();
  const mqtt = createMqttClient({ url: broker!.url, clientId: name, clean: false });
  const spool = await Spool.open({ dir: await mkdtemp(join(tmpdir(), `lingtan-${name}-`)), maxBytes: 1 << 30, segmentBytes: 1 << 20 });
  const ingestor = buildIngestor({
    mqtt,
    store,
    spool,
    registry,
    config: { ...config, batchSize: 200, flushIntervalMs: 20, retryMaxMs: 100, maxFutureMs: 300_000, maxPastMs: 86_400_000 },
    clock: { nowMs: () => Date.now() },
    logger: silentLogger,
    metrics,
  });
  await openMqtt(mqtt);
  await ingestor.start();
  replicas.push(ingestor);
  return metrics;
}

afterAll(async () => {
  await publisher?.endAsync();
  for (const r of replicas) await r.stop(2000);
  await broker?.stop();
});

it('two replicas in a shared-subscription group store every reading exactly once between them', async () => {
  broker = await startMosquitto();
  const memory = createMemoryStore();
  const writes: TelemetryPoint[] = [];
  // One store behind both replicas, counting every point written, so a double write shows.
  const counting: TimeSeriesStore = { ...memory, write: async (batch) => { writes.push(...batch); await memory.write(batch); } };
  const metrics = [
    await startReplica('so-shared-0', counting, { shareGroup: 'lingtan-ingestors', partition: { index: 0, count: 1 } }),
    await startReplica('so-shared-1', counting, { shareGroup: 'lingtan-ingestors', partition: { index: 0, count: 1 } }),
  ];
  publisher = await connectMqtt({ url: broker.url, clientId: 'so-publisher' });
  const total = 4000;
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    sends.push(publish(i));
  }
  await Promise.all(sends);
  await waitFor(`${total} readings stored`, () => Promise.resolve(memory.size === total), 30_000);
  const accepted = metrics.map((m) => m.count('ingestor_readings_accepted_total'));
  expect(accepted[0]! + accepted[1]!).toBe(total); // each message went to one replica only
  expect(Math.min(...accepted)).toBeGreaterThan(total / 10); // and both did real work
  expect(writes).toHaveLength(total); // nothing written twice
});

it('two replicas on partitions 0/2 and 1/2 each take whole enterprises, so every delta is right', async () => {
  const memory = createMemoryStore();
  const metrics = [
    await startReplica('so-part-0', memory, { shareGroup: undefined, partition: { index: 0, count: 2 } }),
    await startReplica('so-part-1', memory, { shareGroup: undefined, partition: { index: 1, count: 2 } }),
  ];
  const total = 2000;
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) sends.push(publish(i));
  await Promise.all(sends);
  await waitFor(`${total} readings stored`, () => Promise.resolve(memory.size === total), 30_000);
  const accepted = metrics.map((m) => m.count('ingestor_readings_accepted_total'));
  expect(accepted[0]! + accepted[1]!).toBe(total);
  expect(Math.min(...accepted)).toBeGreaterThan(0);
  const stored = await memory.query({ park: 'so-park', fromMs: T0, toMs: T0 + 3_600_000 });
  for (const meter of new Set(stored.map((p) => p.meter))) {
    const deltas = stored.filter((p) => p.meter === meter).map((p) => p.values.energy_import_kwh_delta);
    expect(deltas).toEqual([undefined, ...Array.from({ length: deltas.length - 1 }, () => 1)]);
  }
});
