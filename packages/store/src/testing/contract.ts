import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TelemetryPoint, TimeSeriesStore } from '../port.js';
import { describeAlertEventContract } from './alert-event-contract.js';
import { describeLatestContract } from './latest-contract.js';

/** Opens a fresh, empty store for the suite and tears it down afterwards. */
export interface StoreFixture {
  readonly store: TimeSeriesStore;
  dispose(): Promise<void>;
}

// Three days ago at 09:00 in Asia/Shanghai (UTC+8, no DST): recent, so stores with a raw
// retention period accept it, and on a whole local day for the rollup tests.
const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;
const MIDNIGHT = Math.floor((Date.now() + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS - 3 * DAY_MS;
const T0 = MIDNIGHT + 9 * 3_600_000;

const point = (meter: string, tsMs: number, values: Record<string, number>, enterprise = 'ent-a'): TelemetryPoint => ({
  park: 'park-1',
  enterprise,
  meter,
  carrier: 'electricity',
  tsMs,
  values,
});

/**
 * The TimeSeriesStore contract: every adapter (in-memory, InfluxDB, embedded, remote) runs it, so
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

    it('aggregates by local 15 minutes, hours and days: sums of deltas, mean and maximum power', async () => {
      // Readings every 15 minutes from 22:00 to 01:45 local time across midnight: each with
      // 1 kWh of interval energy and power i kW. Day 1 gets 8 readings (22:00-23:45), day 2
      // gets 8 (00:00-01:45); each hour gets 4, each quarter-hour 1.
      const first = MIDNIGHT + 22 * 3_600_000;
      const readings = Array.from({ length: 16 }, (_, i) => point('m-agg', first + i * 900_000, { power_kw: i, energy_import_kwh: 500 + i, energy_import_kwh_delta: 1 }, 'ent-agg'));
      await store.write(readings);
      await store.refreshRollups(first, first + 16 * 900_000);
      const q = { park: 'park-1', enterprise: 'ent-agg', fromMs: MIDNIGHT, toMs: MIDNIGHT + 2 * DAY_MS, timeZone: 'Asia/Shanghai' };
      const days = await store.queryAggregates({ ...q, resolution: '1d' });
      expect(days.map((d) => [d.startMs, d.values.sum_energy_import_kwh_delta, d.values.mean_power_kw, d.values.max_power_kw])).toEqual([
        [MIDNIGHT, 8, 3.5, 7], // power 0..7: mean 3.5
        [MIDNIGHT + DAY_MS, 8, 11.5, 15], // power 8..15: mean 11.5
      ]);
      expect(days[0]).toMatchObject({ park: 'park-1', enterprise: 'ent-agg', meter: 'm-agg', carrier: 'electricity' });
      const hours = await store.queryAggregates({ ...q, resolution: '1h' });
      expect(hours.map((h) => h.values.sum_energy_import_kwh_delta)).toEqual([4, 4, 4, 4]);
      expect(hours[0]?.startMs).toBe(first);
      const quarters = await store.queryAggregates({ ...q, resolution: '15m' });
      expect(quarters).toHaveLength(16);
      expect(quarters.reduce((sum, b) => sum + (b.values.sum_energy_import_kwh_delta ?? 0), 0)).toBe(16);
    });

    it('accepts an empty write', async () => {
      await expect(store.write([])).resolves.toBeUndefined();
    });

    describeLatestContract(() => store, T0);
    describeAlertEventContract(() => store, T0);
  });
}
