import { Metrics, silentLogger } from '@lingtan/runtime';
import type { TelemetryPoint, TimeSeriesStore } from '@lingtan/store';
import { StoreError, createMemoryStore } from '@lingtan/store';
import { describe, expect, it } from 'vitest';
import { BatchWriter } from './batch-writer.js';

const T0 = Date.UTC(2026, 10, 22);
const points = (n: number, meter = 'm'): TelemetryPoint[] =>
  Array.from({ length: n }, (_, i) => ({ park: 'p', enterprise: 'e', meter, carrier: 'electricity', tsMs: T0 + i * 1000, values: { power_kw: i } }));

const options = { batchSize: 10, flushIntervalMs: 5, maxBuffered: 25, retryInitialMs: 1, retryMaxMs: 4 };

function flakyStore(failures: number): TimeSeriesStore & { calls: number; inner: ReturnType<typeof createMemoryStore> } {
  const inner = createMemoryStore();
  const store = {
    ...inner,
    inner,
    calls: 0,
    write: async (batch: readonly TelemetryPoint[]) => {
      store.calls++;
      if (store.calls <= failures) throw new StoreError('connection refused', 'store_unavailable', true);
      await inner.write(batch);
    },
  };
  return store;
}

describe('BatchWriter', () => {
  it('writes in batches of at most batchSize and flushes a partial batch after the interval', async () => {
    const store = flakyStore(0);
    const sizes: number[] = [];
    const write = store.write.bind(store);
    store.write = (batch) => {
      sizes.push(batch.length);
      return write(batch);
    };
    const writer = new BatchWriter({ store, options, logger: silentLogger, metrics: new Metrics(), onRefused: () => undefined });
    writer.add(points(23));
    await writer.flush();
    expect(sizes).toEqual([10, 10, 3]);
    expect(store.inner.size).toBe(23);
  });

  it('retries a store that is down until it comes back, losing nothing', async () => {
    const store = flakyStore(5);
    const metrics = new Metrics();
    const writer = new BatchWriter({ store, options, logger: silentLogger, metrics, onRefused: () => undefined });
    writer.add(points(7));
    await writer.flush();
    expect(store.inner.size).toBe(7);
    expect(metrics.count('ingestor_write_retries_total')).toBe(5);
    expect(metrics.count('ingestor_points_written_total')).toBe(7);
  });

  it('holds back the caller while the buffer is full and lets it go when there is room', async () => {
    const inner = createMemoryStore();
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const store: TimeSeriesStore = { ...inner, write: async (batch) => { await gate; await inner.write(batch); } };
    const writer = new BatchWriter({ store, options, logger: silentLogger, metrics: new Metrics(), onRefused: () => undefined });
    writer.add(points(30));
    let released = false;
    const waiting = writer.whenRoom().then(() => {
      released = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(released).toBe(false); // 30 buffered, limit 25, the store is not answering
    open();
    await waiting;
    expect(writer.buffered).toBeLessThan(25);
    await writer.flush();
    expect(inner.size).toBe(30);
  });

  it('isolates the points the store refuses for good and writes the rest', async () => {
    const inner = createMemoryStore();
    const store: TimeSeriesStore = {
      ...inner,
      write: async (batch) => {
        if (batch.some((p) => p.meter === 'bad')) throw new StoreError('field type conflict', 'store_rejected', false);
        await inner.write(batch);
      },
    };
    const refused: TelemetryPoint[] = [];
    const writer = new BatchWriter({ store, options, logger: silentLogger, metrics: new Metrics(), onRefused: (p) => refused.push(p) });
    const mixed = [...points(4), ...points(1, 'bad'), ...points(3).map((p) => ({ ...p, meter: 'n' }))];
    writer.add(mixed);
    await writer.flush();
    expect(refused.map((p) => p.meter)).toEqual(['bad']);
    expect(inner.size).toBe(7);
  });
});
