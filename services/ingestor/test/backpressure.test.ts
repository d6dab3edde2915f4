// A slow store and a small spool: the ingestor stops acknowledging instead of dropping, the
// broker (configured not to drop queued QoS 1 messages) holds the rest, and nothing is lost.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexRegistry } from '@lingtan/domain';
import { startMosquitto, waitFor } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { Metrics, connectMqtt, createMqttClient, openMqtt, silentLogger } from '@lingtan/runtime';
import { registrySchema, telemetryTopic } from '@lingtan/schema';
import { createMemoryStore } from '@lingtan/store';
import type { TimeSeriesStore } from '@lingtan/store';
import { afterAll, expect, it } from 'vitest';
import { buildIngestor } from '../src/app.js';
import type { Ingestor } from '../src/app.js';
import { Spool } from '../src/spool/spool.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'bp-park', name: 'Backpressure park' },
    enterprises: [{ id: 'ent-a', name: 'A' }],
    meters: Array.from({ length: 10 }, (_, i) => ({ id: `m-${i}`, enterprise: 'ent-a', carrier: 'electricity', interval_s: 1 })),
  }),
);
const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
let broker: RunningService | undefined;
let ingestor: Ingestor | undefined;

afterAll(async () => {
  await ingestor?.stop(2000);
  await broker?.stop();
});

it('a slow store with a small spool: intake pauses, every reading arrives', async () => {
  broker = await startMosquitto();
  const memory = createMemoryStore();
  // About 2 ms per batch of up to 50: far slower than the publisher.
  const slowStore: TimeSeriesStore = { ...memory, write: async (batch) => { await new Promise((r) => setTimeout(r, 2)); await memory.write(batch); } };
  const metrics = new Metrics();
  const spool = await Spool.open({ dir: await mkdtemp(join(tmpdir(), 'lingtan-bp-')), maxBytes: 16 * 1024, segmentBytes: 4096 });
  const mqtt = createMqttClient({ url: broker.url, clientId: 'bp-ingestor', clean: false });
  ingestor = buildIngestor({
    mqtt,
    store: slowStore,
    spool,
    registry,
    config: { shareGroup: undefined, partition: { index: 0, count: 1 }, batchSize: 50, flushIntervalMs: 20, retryMaxMs: 100, maxFutureMs: 300_000, maxPastMs: 86_400_000 },
    clock: { nowMs: () => Date.now() },
    logger: silentLogger,
    metrics,
  });
  await openMqtt(mqtt);
  await ingestor.start();
  const publisher = await connectMqtt({ url: broker.url, clientId: 'bp-publisher' });
  const total = 5000;
  const sends: Promise<unknown>[] = [];
  for (let i = 0; i < total; i++) {
    const meter = `m-${i % 10}`;
    sends.push(publisher.publishAsync(telemetryTopic({ park: 'bp-park', enterprise: 'ent-a', meter }), JSON.stringify({ ts: T0 + Math.floor(i / 10) * 1000, values: { power_kw: i } }), { qos: 1 }));
  }
  await Promise.all(sends);
  await publisher.endAsync();
  await waitFor(`${total} readings stored`, () => Promise.resolve(memory.size === total), 60_000);
  expect(metrics.count('ingestor_backpressure_waits_total')).toBeGreaterThan(0);
  const stored = await memory.query({ park: 'bp-park', fromMs: T0, toMs: T0 + 3_600_000 });
  expect(new Set(stored.map((p) => p.values.power_kw)).size).toBe(total);
});
