// Two ingestor replicas in one shared-subscription group on a real Mosquitto: the broker
// splits the traffic, and every reading is stored exactly once.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexRegistry } from '@lingtan/domain';
import { startMosquitto, waitFor } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { Metrics, connectMqtt, createMqttClient, openMqtt, silentLogger } from '@lingtan/runtime';
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
    enterprises: [{ id: 'ent-a', name: 'A' }],
    meters: Array.from({ length: 20 }, (_, i) => ({ id: `m-${i}`, enterprise: 'ent-a', carrier: 'electricity', interval_s: 1 })),
  }),
);
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
let broker: RunningService | undefined;
const replicas: Ingestor[] = [];

afterAll(async () => {
  for (const r of replicas) await r.stop(2000);
  await broker?.stop();
});

it('two replicas in a shared-subscription group store every reading exactly once between them', async () => {
  broker = await startMosquitto();
  const memory = createMemoryStore();
  const writes: TelemetryPoint[] = [];
  // One store behind both replicas, counting every point written, so a double write shows.
  const counting: TimeSeriesStore = { ...memory, write: async (batch) => { writes.push(...batch); await memory.write(batch); } };
  const metrics = [new Metrics(), new Metrics()];
  for (const [i, m] of metrics.entries()) {
    const mqtt = createMqttClient({ url: broker.url, clientId: `so-ingestor-${i}`, clean: false });
    const spool = await Spool.open({ dir: await mkdtemp(join(tmpdir(), `lingtan-so-${i}-`)), maxBytes: 1 << 30, segmentBytes: 1 << 20 });
    const ingestor = buildIngestor({
      mqtt,
      store: counting,
      spool,
      registry,
      config: { shareGroup: 'lingtan-ingestors', batchSize: 200, flushIntervalMs: 20, retryMaxMs: 100, maxFutureMs: 300_000, maxPastMs: 86_400_000 },
      clock: { nowMs: () => Date.now() },
      logger: silentLogger,
      metrics: m,
    });
    await openMqtt(mqtt);
    await ingestor.start();
    replicas.push(ingestor);
  }
  const publisher = await connectMqtt({ url: broker.url, clientId: 'so-publisher' });
  const total = 4000;
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    sends.push(publisher.publishAsync(telemetryTopic({ park: 'so-park', enterprise: 'ent-a', meter: `m-${i % 20}` }), JSON.stringify({ ts: T0 + Math.floor(i / 20) * 1000, values: { power_kw: i } }), { qos: 1 }));
  }
  await Promise.all(sends);
  await publisher.endAsync();
  await waitFor(`${total} readings stored`, () => Promise.resolve(memory.size === total), 30_000);
  const accepted = metrics.map((m) => m.count('ingestor_readings_accepted_total'));
  expect(accepted[0]! + accepted[1]!).toBe(total); // each message went to one replica only
  expect(Math.min(...accepted)).toBeGreaterThan(total / 10); // and both did real work
  expect(writes).toHaveLength(total); // nothing written twice
});
