import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import type { TelemetryPoint, TimeSeriesStore } from '../port.js';
import { StoreError } from '../port.js';
import { describeTimeSeriesStoreContract } from '../testing/contract.js';
import { createDuckDbStore } from './duckdb-store.js';

const T0 = Date.UTC(2026, 10, 22, 1, 0, 0);

const reading = (meter: string, tsMs: number, values: Record<string, number>): TelemetryPoint => ({
  park: 'park-1',
  enterprise: 'ent-a',
  meter,
  carrier: 'electricity',
  tsMs,
  values,
});

/** A fresh temp dir; `nested` puts the file under directories that do not exist yet. */
async function tempDbPath(nested = false): Promise<{ path: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-duckdb-'));
  return { dir, path: nested ? join(dir, 'data', 'store', 'telemetry.duckdb') : join(dir, 'telemetry.duckdb') };
}

describeTimeSeriesStoreContract('duckdb (embedded)', async () => {
  const { dir, path } = await tempDbPath(true);
  const store = createDuckDbStore({ path });
  return {
    store,
    dispose: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describeTimeSeriesStoreContract('duckdb (in memory)', () => {
  const store = createDuckDbStore({ path: ':memory:' });
  return Promise.resolve({ store, dispose: () => store.close() });
});

describe('DuckDB store', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const open = async (): Promise<{ store: TimeSeriesStore; path: string }> => {
    const { dir, path } = await tempDbPath();
    const store = createDuckDbStore({ path });
    cleanups.push(() => rm(dir, { recursive: true, force: true }), () => store.close());
    await store.init();
    return { store, path };
  };

  it('keeps its data across close and reopen of the same file', async () => {
    const { store, path } = await open();
    const written = [reading('m-1', T0, { power_kw: 1.5, energy_import_kwh: 10 }), reading('m-2', T0 + 1000, { power_kw: 2.5 })];
    await store.write(written);
    await store.close();

    const reopened = createDuckDbStore({ path });
    cleanups.push(() => reopened.close());
    await reopened.init();
    await reopened.write([reading('m-1', T0, { power_kw: 3 })]);
    const read = await reopened.query({ park: 'park-1', fromMs: T0, toMs: T0 + 2000 });
    expect(read).toEqual([reading('m-1', T0, { power_kw: 3, energy_import_kwh: 10 }), written[1]]);
  });

  it('shares one database between stores on the same file in this process', async () => {
    const { store, path } = await open();
    const other = createDuckDbStore({ path });
    cleanups.push(() => other.close());
    await other.write([reading('m-1', T0, { power_kw: 1 })]);
    await store.write([reading('m-1', T0, { voltage_v: 400 })]);
    await other.close();
    expect(await store.query({ park: 'park-1', fromMs: T0, toMs: T0 + 1 })).toEqual([reading('m-1', T0, { power_kw: 1, voltage_v: 400 })]);
  });

  it('stores 100,000 points written in one call', { timeout: 120_000 }, async () => {
    const { store } = await open();
    const points = Array.from({ length: 100_000 }, (_, i) => reading(`m-${i % 100}`, T0 + Math.floor(i / 100) * 1000, { power_kw: i, voltage_v: 230 }));
    await store.write(points);
    const read = await store.query({ park: 'park-1', fromMs: T0, toMs: T0 + 1000 * 1000 });
    expect(read).toHaveLength(100_000);
  });

  it('counts the limit in points, not in stored quantities', async () => {
    const { store } = await open();
    await store.write([reading('m-a', T0, { power_kw: 1, voltage_v: 2, current_a: 3 }), reading('m-b', T0, { power_kw: 4 }), reading('m-a', T0 + 1, { power_kw: 5 })]);
    const read = await store.query({ park: 'park-1', fromMs: T0, toMs: T0 + 10, limit: 2 });
    expect(read).toEqual([reading('m-a', T0, { power_kw: 1, voltage_v: 2, current_a: 3 }), reading('m-b', T0, { power_kw: 4 })]);
  });

  it('keeps the last value when a batch repeats a quantity', async () => {
    const { store } = await open();
    await store.write([reading('m-a', T0, { power_kw: 1, voltage_v: 230 }), reading('m-a', T0, { power_kw: 2 })]);
    expect(await store.query({ park: 'park-1', fromMs: T0, toMs: T0 + 1 })).toEqual([reading('m-a', T0, { power_kw: 2, voltage_v: 230 })]);
  });

  it('serializes concurrent calls on its one connection', async () => {
    const { store } = await open();
    const batches = Array.from({ length: 20 }, (_, b) => Array.from({ length: 50 }, (_, i) => reading(`m-${i}`, T0 + b, { power_kw: b })));
    await Promise.all([...batches.map((batch) => store.write(batch)), store.query({ park: 'park-1', fromMs: T0, toMs: T0 + 20 })]);
    expect(await store.query({ park: 'park-1', fromMs: T0, toMs: T0 + 20 })).toHaveLength(1000);
  });

  it('rejects a batch with a fractional timestamp and stores none of it', async () => {
    const { store } = await open();
    const write = store.write([reading('m-a', T0, { power_kw: 1 }), reading('m-a', T0 + 0.5, { power_kw: 1 })]);
    await expect(write).rejects.toMatchObject({ name: 'StoreError', code: 'store_rejected', retriable: false });
    expect(await store.query({ park: 'park-1', fromMs: T0, toMs: T0 + 1 })).toEqual([]);
  });

  it('rejects a batch with a value that is not a finite number', async () => {
    const { store } = await open();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(store.write([reading('m-a', T0, { power_kw: 1, voltage_v: bad })])).rejects.toMatchObject({ code: 'store_rejected', retriable: false });
    }
    expect(await store.query({ park: 'park-1', fromMs: T0, toMs: T0 + 1 })).toEqual([]);
  });

  it('skips and counts a stored alert event that no longer parses', async () => {
    const { store, path } = await open();
    await store.close();
    // Seed a row by hand, as an older schema might have left it: its JSON lacks most fields.
    const instance = await DuckDBInstance.create(path);
    const connection = await instance.connect();
    await connection.run(`INSERT INTO alert_events VALUES ('a2:1', 'park-1', 'park', 'park-1', 'a2', ${T0}, '{"v":1}')`);
    connection.closeSync();
    instance.closeSync();
    const reopened = createDuckDbStore({ path });
    cleanups.push(() => reopened.close());
    expect(await reopened.queryAlertEvents({ park: 'park-1', fromMs: T0, toMs: T0 + 1 })).toEqual([]);
    expect(reopened.skippedAlertEvents).toBe(1);
  });

  it('fails with store_unavailable after close', async () => {
    const { store } = await open();
    await store.close();
    const error: unknown = await store.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'store_unavailable', retriable: false });
  });
});
