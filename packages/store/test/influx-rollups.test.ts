// Storage lifecycle on a real influxd: a month of 15-second readings, rolled up by the
// rollup statements the continuous queries run, queried by local day from the rollups.
import { startInfluxdb } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { aggregatePoints, createInfluxStore } from '../src/index.js';
import type { TelemetryPoint } from '../src/index.js';

let influx: RunningService;
beforeAll(async () => {
  influx = await startInfluxdb();
});
afterAll(async () => {
  await influx?.stop();
});

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

it('a month of 15-second data queried by day comes from the rollups and matches the raw sums', async () => {
  const store = createInfluxStore({ url: influx.url, database: 'rollups', timeoutMs: 60_000, lifecycle: { rawRetentionDays: 90, timeZone: 'Asia/Shanghai' } });
  await store.init();
  // 30 local days ending at last midnight in Asia/Shanghai; two meters, a reading every 15 s.
  const end = Math.floor((Date.now() + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;
  const start = end - 30 * DAY_MS;
  const raw: TelemetryPoint[] = [];
  for (let ts = start; ts < end; ts += 15_000) {
    const hour = ((ts + SHANGHAI_MS) / 3_600_000) % 24;
    for (const meter of ['m-a', 'm-b']) {
      const powerKw = meter === 'm-a' ? 100 + 50 * Math.sin((hour / 24) * 2 * Math.PI) : 40;
      raw.push({ park: 'p', enterprise: 'e', meter, carrier: 'electricity', tsMs: ts, values: { power_kw: powerKw, energy_import_kwh_delta: (powerKw * 15) / 3600 } });
    }
  }
  for (let i = 0; i < raw.length; i += 20_000) await store.write(raw.slice(i, i + 20_000));
  await store.refreshRollups(start, end);

  const byDay = await store.queryAggregates({ park: 'p', fromMs: start, toMs: end, resolution: '1d', timeZone: 'Asia/Shanghai' });
  const expected = aggregatePoints(raw, '1d', 'Asia/Shanghai');
  expect(byDay).toHaveLength(60); // 30 days x 2 meters
  expect(byDay.map((d) => [d.meter, d.startMs])).toEqual(expected.map((d) => [d.meter, d.startMs]));
  byDay.forEach((day, i) => {
    expect(day.values.sum_energy_import_kwh_delta).toBeCloseTo(expected[i]!.values.sum_energy_import_kwh_delta!, 6);
    expect(day.values.max_power_kw).toBeCloseTo(expected[i]!.values.max_power_kw!, 9);
  });
  // m-b draws 40 kW all day: 960 kWh per local day.
  expect(byDay.filter((d) => d.meter === 'm-b').every((d) => Math.abs(d.values.sum_energy_import_kwh_delta! - 960) < 1e-6)).toBe(true);

  // Proof that the days come from the rollups: a late reading added to the first day (older
  // than any continuous query's window) changes the raw data but not the day until the
  // rollups are refreshed.
  await store.write([{ park: 'p', enterprise: 'e', meter: 'm-b', carrier: 'electricity', tsMs: start + 7, values: { power_kw: 40, energy_import_kwh_delta: 1000 } }]);
  const stale = await store.queryAggregates({ park: 'p', meter: 'm-b', fromMs: start, toMs: start + DAY_MS, resolution: '1d', timeZone: 'Asia/Shanghai' });
  expect(stale[0]?.values.sum_energy_import_kwh_delta).toBeCloseTo(960, 6);
  await store.refreshRollups(start, start + DAY_MS);
  const refreshed = await store.queryAggregates({ park: 'p', meter: 'm-b', fromMs: start, toMs: start + DAY_MS, resolution: '1d', timeZone: 'Asia/Shanghai' });
  expect(refreshed[0]?.values.sum_energy_import_kwh_delta).toBeCloseTo(1960, 6);
  await store.close();
});
