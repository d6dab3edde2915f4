import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexRegistry } from '@lingtan/domain';
import { Metrics, silentLogger } from '@lingtan/runtime';
import { registrySchema } from '@lingtan/schema';
import type { NormalizedBatch } from '@lingtan/schema';
import { createMemoryStore } from '@lingtan/store';
import type { TelemetryPoint } from '@lingtan/store';
import { describe, expect, it } from 'vitest';
import { Drainer } from './drainer.js';
import type { SpoolRecord } from './drainer.js';
import { Normalizer } from './normalizer.js';
import { Spool } from './spool/spool.js';
import { StoreWriter } from './store-writer.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'p1', name: 'Park' },
    enterprises: [{ id: 'e1', name: 'E1' }],
    meters: [{ id: 'm1', enterprise: 'e1', carrier: 'electricity', interval_s: 15 }],
  }),
);
const T0 = Date.UTC(2026, 11, 1, 0, 0, 0);
const record = (i: number): SpoolRecord => ({ r: T0 + i * 15_000, k: 'p1', e: 'e1', m: 'm1', c: 'electricity', p: [[T0 + i * 15_000, { power_kw: i, energy_import_kwh: 1000 + i }]] });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

/** A drainer over a real spool, with a store whose writes wait until the test lets them go. */
async function setUp() {
  const spool = await Spool.open({ dir: await mkdtemp(join(tmpdir(), 'lingtan-drainer-')), maxBytes: 1 << 30, segmentBytes: 1 << 20 });
  const memory = createMemoryStore();
  const held: { points: readonly TelemetryPoint[]; release: () => void }[] = [];
  const store = {
    ...memory,
    write: (points: readonly TelemetryPoint[]) =>
      new Promise<void>((resolve) => {
        held.push({ points, release: () => void memory.write(points).then(resolve) });
      }),
  };
  const abort = new AbortController();
  const metrics = new Metrics();
  const writer = new StoreWriter({ store, logger: silentLogger, metrics, retryInitialMs: 1, retryMaxMs: 1, onRefused: () => undefined, signal: abort.signal });
  const published: NormalizedBatch[] = [];
  const drainer = new Drainer({
    spool,
    writer,
    abort,
    logger: silentLogger,
    metrics,
    batchRecords: 1,
    idleWaitMs: 5,
    checkpointIntervalMs: 0,
    nowMs: () => T0,
    normalizer: new Normalizer(registry),
    publish: (batches) => published.push(...batches),
  });
  const append = (from: number, to: number) => {
    for (let i = from; i < to; i++) spool.append(record(i), T0);
  };
  return { spool, memory, held, drainer, published, append };
}

describe('Drainer', () => {
  it('publishes newly durable readings while an earlier store write is still in flight', async () => {
    const { held, drainer, published, append, memory, spool } = await setUp();
    drainer.start();
    append(0, 1);
    await until(() => held.length === 1);
    // The first write hangs (a slow InfluxDB); the next reading reaches the stream anyway.
    append(1, 2);
    await until(() => published.length === 2);
    expect(held).toHaveLength(1);
    // Writes stay in spool order, one at a time: the second starts once the first is done.
    held[0]!.release();
    await until(() => held.length === 2);
    held[1]!.release();
    await until(() => memory.size === 2);
    // Interval delta of the second reading: 1001 - 1000 = 1 kWh.
    expect(published[1]!.readings[0]!.d).toEqual({ energy_import_kwh: 1 });
    const stopped = drainer.stop(1000);
    await stopped;
    await spool.close();
  });

  it('runs at most four batches ahead of the store, then waits for it', async () => {
    const { held, drainer, published, append, memory, spool } = await setUp();
    drainer.start();
    append(0, 10);
    // One batch a record: four queued writes, the fifth batch is normalized and published
    // and then waits for room. Nothing past it is read while the store is stuck.
    await until(() => published.length === 5);
    await new Promise((r) => setTimeout(r, 50));
    expect(published).toHaveLength(5);
    expect(held).toHaveLength(1);
    // The store comes back: everything is written, in order, exactly once.
    const releaseAll = setInterval(() => {
      for (const h of held.splice(0)) h.release();
    }, 2);
    await until(() => memory.size === 10);
    clearInterval(releaseAll);
    expect(published).toHaveLength(10);
    const stored = await memory.query({ park: 'p1', fromMs: T0, toMs: T0 + 86_400_000 });
    expect(stored.map((p) => p.values.power_kw)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    await drainer.stop(1000);
    await spool.close();
  });
});
