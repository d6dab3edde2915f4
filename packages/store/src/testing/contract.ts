import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelemetryPoint, TimeSeriesStore } from '../port.js';

/** Opens a fresh, empty store for the suite and tears it down afterwards. */
export interface StoreFixture {
  readonly store: TimeSeriesStore;
  dispose(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 22, 1, 0, 0); // 2026-11-22T09:00:00+08:00

const point = (meter: string, tsMs: number, values: Record<string, number>, enterprise = 'ent-a'): TelemetryPoint => ({
  park: 'park-1',
  enterprise,
  meter,
  carrier: 'electricity',
  tsMs,
  values,
});

/**
 * The TimeSeriesStore contract: every adapter (in-memory, InfluxDB, embedded) runs it, so
 * none drifts. Each test uses its own meters, so the suite needs one store, not one per test.
 */
export function describeTimeSeriesStoreContract(name: string, open: () => Promise<StoreFixture>): void {
  describe(`TimeSeriesStore contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: TimeSeriesStore;
    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
      await store.init();
      await store.init(); // idempotent
    });
    afterAll(async () => {
      await fixture.dispose();
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('reads back what it wrote, with tags, fields and millisecond timestamps', async () => {
      const written = [
        point('m-rw', T0 + 1, { power_kw: 120.5, energy_import_kwh: 123456.78 }),
        point('m-rw', T0 + 15_001, { power_kw: -3.25, energy_import_kwh: 123457.01 }),
      ];
      await store.write(written);
      const read = await store.query({ park: 'park-1', meter: 'm-rw', fromMs: T0, toMs: T0 + 60_000 });
      expect(read).toEqual(written);
    });

    it('keeps one point when the same reading is written twice', async () => {
      const p = point('m-dup', T0 + 5, { power_kw: 7 });
      await store.write([p]);
      await store.write([p, p]);
      const read = await store.query({ park: 'park-1', meter: 'm-dup', fromMs: T0, toMs: T0 + 10 });
      expect(read).toEqual([p]);
    });

    it('merges fields written separately for the same meter and time', async () => {
      await store.write([point('m-merge', T0, { power_kw: 1 })]);
      await store.write([point('m-merge', T0, { voltage_v: 400, power_kw: 2 })]);
      const read = await store.query({ park: 'park-1', meter: 'm-merge', fromMs: T0, toMs: T0 + 1 });
      expect(read).toEqual([point('m-merge', T0, { power_kw: 2, voltage_v: 400 })]);
    });

    it('filters by enterprise, meter and a half-open time range, oldest first', async () => {
      await store.write([
        point('m-f1', T0 + 2000, { power_kw: 3 }, 'ent-f'),
        point('m-f1', T0, { power_kw: 1 }, 'ent-f'),
        point('m-f2', T0 + 1000, { power_kw: 2 }, 'ent-f'),
        point('m-g1', T0 + 1000, { power_kw: 9 }, 'ent-g'),
      ]);
      const ent = await store.query({ park: 'park-1', enterprise: 'ent-f', fromMs: T0, toMs: T0 + 2000 });
      expect(ent.map((p) => [p.meter, p.tsMs])).toEqual([
        ['m-f1', T0],
        ['m-f2', T0 + 1000],
      ]);
      const limited = await store.query({ park: 'park-1', enterprise: 'ent-f', fromMs: T0, toMs: T0 + 3000, limit: 1 });
      expect(limited.map((p) => p.meter)).toEqual(['m-f1']);
      expect(await store.query({ park: 'park-2', fromMs: T0, toMs: T0 + 3000 })).toEqual([]);
    });

    it('stores a large batch completely', async () => {
      const batch = Array.from({ length: 5000 }, (_, i) => point(`m-bulk-${i % 50}`, T0 + Math.floor(i / 50) * 1000, { power_kw: i / 10 }, 'ent-bulk'));
      await store.write(batch);
      const read = await store.query({ park: 'park-1', enterprise: 'ent-bulk', fromMs: T0, toMs: T0 + 100_000 });
      expect(read).toHaveLength(5000);
      expect(read.reduce((sum, p) => sum + (p.values.power_kw ?? 0), 0)).toBeCloseTo((4999 * 5000) / 2 / 10, 6);
    });

    it('accepts an empty write', async () => {
      await expect(store.write([])).resolves.toBeUndefined();
    });
  });
}
