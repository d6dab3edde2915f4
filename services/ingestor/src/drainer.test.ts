import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metrics, silentLogger } from '@lingtan/runtime';
import type { NormalizedBatch } from '@lingtan/schema';
import type { TelemetryPoint } from '@lingtan/store';
import { describe, expect, it } from 'vitest';
import { Drainer } from './drainer.js';
import type { SpoolRecord } from './drainer.js';
import type { Normalizer } from './normalizer.js';
import { Spool } from './spool/spool.js';
import type { StoreWriter } from './store-writer.js';

const NOW = 1_763_776_800_000;
const record = (n: number): SpoolRecord => ({ r: NOW, k: 'p1', e: 'ent-a', m: `m-${n}`, c: 'electricity', p: [[NOW + n, { active_power_kw: n }]] });

/** A normalizer that turns each record into one point and one stream batch naming it. */
const normalizer = {
  process: (records: readonly SpoolRecord[]) => ({
    points: records.map((r) => ({ meter: r.m }) as unknown as TelemetryPoint),
    batches: [{ meters: records.map((r) => r.m) } as unknown as NormalizedBatch],
    marks: new Map(),
  }),
  snapshot: () => ({}),
} as unknown as Normalizer;

async function until(f: () => boolean, ms = 3000): Promise<void> {
  for (const end = Date.now() + ms; !f(); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('Drainer', () => {
  it('publishes what becomes durable while a slow write is in flight, and writes it all as the next batch', async () => {
    const spool = await Spool.open({ dir: await mkdtemp(join(tmpdir(), 'lingtan-drainer-')), maxBytes: 1 << 30, segmentBytes: 1 << 20 });
    const published: string[][] = [];
    const writes: string[][] = [];
    const releases: (() => void)[] = [];
    const writer = {
      write: (points: readonly TelemetryPoint[]) => {
        writes.push(points.map((p) => (p as unknown as { meter: string }).meter));
        return new Promise<boolean>((resolve) => releases.push(() => resolve(true)));
      },
    } as unknown as StoreWriter;
    const drainer = new Drainer({
      spool,
      writer,
      logger: silentLogger,
      metrics: new Metrics(),
      batchRecords: 100,
      idleWaitMs: 20,
      publishWaitMs: 10,
      nowMs: () => Date.now(),
      normalizer,
      publish: (batches) => published.push(...batches.map((b) => (b as unknown as { meters: string[] }).meters)),
      checkpointIntervalMs: 0,
      abort: new AbortController(),
    });
    drainer.start();
    spool.append(record(1), NOW);
    await until(() => writes.length === 1);
    // The first write hangs; two more records arrive one after the other and are published
    // at once, without waiting for the store.
    spool.append(record(2), NOW);
    await until(() => published.flat().includes('m-2'));
    spool.append(record(3), NOW);
    await until(() => published.flat().includes('m-3'));
    expect(writes).toEqual([['m-1']]);
    // The store takes the first batch: the two waiting records go as one write.
    releases[0]!();
    await until(() => writes.length === 2);
    expect(writes[1]).toEqual(['m-2', 'm-3']);
    releases[1]!();
    await drainer.stop(1000);
    expect(published.flat()).toEqual(['m-1', 'm-2', 'm-3']);
    expect(spool.depthBytes).toBe(0);
    await spool.close();
  });
});
