import { Metrics, silentLogger } from '@lingtan/runtime';
import type { TelemetryPoint, TimeSeriesStore } from '@lingtan/store';
import { StoreError, createMemoryStore } from '@lingtan/store';
import { describe, expect, it } from 'vitest';
import { StoreWriter } from './store-writer.js';

const T0 = Date.UTC(2026, 10, 22);
const points = (n: number, meter = 'm'): TelemetryPoint[] =>
  Array.from({ length: n }, (_, i) => ({ park: 'p', enterprise: 'e', meter, carrier: 'electricity', tsMs: T0 + i * 1000, values: { power_kw: i } }));
const base = { logger: silentLogger, retryInitialMs: 1, retryMaxMs: 4, onRefused: () => undefined };

function flakyStore(failures: number): TimeSeriesStore & { inner: ReturnType<typeof createMemoryStore> } {
  const inner = createMemoryStore();
  let calls = 0;
  return {
    ...inner,
    inner,
    write: async (batch) => {
      calls++;
      if (calls <= failures) throw new StoreError('connection refused', 'store_unavailable', true);
      await inner.write(batch);
    },
  };
}

describe('StoreWriter', () => {
  it('retries a store that is down until it comes back, losing nothing', async () => {
    const store = flakyStore(5);
    const metrics = new Metrics();
    const writer = new StoreWriter({ ...base, store, metrics });
    expect(await writer.write(points(7))).toBe(true);
    expect(store.inner.size).toBe(7);
    expect(metrics.count('ingestor_write_retries_total')).toBe(5);
    expect(metrics.count('ingestor_points_written_total')).toBe(7);
  });

  it('stops retrying when aborted and says the batch is not settled', async () => {
    const abort = new AbortController();
    const store = flakyStore(1_000_000);
    const writer = new StoreWriter({ ...base, store, metrics: new Metrics(), signal: abort.signal, sleep: () => (abort.abort(), Promise.resolve()) });
    expect(await writer.write(points(3))).toBe(false);
    expect(store.inner.size).toBe(0);
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
    const writer = new StoreWriter({ ...base, store, metrics: new Metrics(), onRefused: (p) => refused.push(p) });
    const mixed = [...points(4), ...points(1, 'bad'), ...points(3).map((p) => ({ ...p, meter: 'n' }))];
    expect(await writer.write(mixed)).toBe(true);
    expect(refused.map((p) => p.meter)).toEqual(['bad']);
    expect(inner.size).toBe(7);
  });
});
