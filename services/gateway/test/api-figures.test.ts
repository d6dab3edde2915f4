// History and summary numbers against hand calculations over the fixture's readings
// (fixture.ts READINGS), and the monthly report as CSV and as an Excel workbook.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tariffFileSchema } from '@lingtan/schema';
import { touTariffOf } from '../src/tariff.js';
import { DAY0, MIN, NOW, TZ, login, startGateway } from './fixture.js';
import type { Caller, TestGateway } from './fixture.js';

let gw: TestGateway;
let operator: Caller;
let alice: Caller;

beforeAll(async () => {
  gw = await startGateway();
  operator = await login(gw.url, 'operator');
  alice = await login(gw.url, 'alice');
});
afterAll(() => gw.close());

interface History {
  resolution: string;
  timezone: string;
  series: { meter: string; unit: string; points: [number, number][] }[];
}
const history = async (caller: Caller, query: string) => {
  const res = await caller.get(`/api/v1/history?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as History;
};
const H = 60 * MIN;
const range = `from=${DAY0}&to=${NOW}`;

describe('history', () => {
  it('sums energy deltas per local hour', async () => {
    // a-main deltas at 00:15 10, 00:30 20, 00:45 30 -> hour 00:00 = 60 kWh; 01:00 40, 01:15 50 -> hour 01:00 = 90 kWh.
    const h = await history(alice, `meter=a-main&quantity=energy_import_kwh&${range}&resolution=1h`);
    expect(h).toMatchObject({ resolution: '1h', timezone: 'Asia/Shanghai' });
    expect(h.series).toEqual([{ meter: 'a-main', enterprise: 'ent-a', quantity: 'energy_import_kwh', unit: 'kWh', points: [[DAY0, 60], [DAY0 + H, 90]] }]);
  });

  it('averages power per hour, or takes its maximum', async () => {
    // power 40, 80, 120 kW in hour 00 -> mean 80, max 120; 160, 200 in hour 01 -> mean 180, max 200.
    const mean = await history(alice, `meter=a-main&quantity=power_kw&${range}&resolution=1h`);
    expect(mean.series[0]?.points).toEqual([[DAY0, 80], [DAY0 + H, 180]]);
    const max = await history(alice, `meter=a-main&quantity=power_kw&${range}&resolution=1h&stat=max`);
    expect(max.series[0]?.points).toEqual([[DAY0, 120], [DAY0 + H, 200]]);
  });

  it('raw gives the stored register values; 1m and 15m re-bucket', async () => {
    const raw = await history(alice, `meter=a-main&quantity=energy_import_kwh&${range}&resolution=raw`);
    expect(raw.series[0]?.points).toEqual([1010, 1030, 1060, 1100, 1150].map((v, i) => [DAY0 + 15 * (i + 1) * MIN, v]));
    const m1 = await history(alice, `meter=a-main&quantity=energy_import_kwh&${range}&resolution=1m`);
    expect(m1.series[0]?.points).toEqual([10, 20, 30, 40, 50].map((v, i) => [DAY0 + 15 * (i + 1) * MIN, v]));
    const m15 = await history(alice, `meter=a-main&quantity=power_kw&${range}&resolution=15m`);
    expect(m15.series[0]?.points.map((p) => p[1])).toEqual([40, 80, 120, 160, 200]);
  });

  it('days and months start at local midnight (16:00 UTC the day before)', async () => {
    // All of a-main's 150 kWh fall on 2026-11-10 local; the month bucket starts 2026-11-01T00:00+08:00.
    const day = await history(alice, `meter=a-main,a-sub&quantity=energy_import_kwh&from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00&resolution=1d`);
    expect(day.series.map((s) => [s.meter, s.points])).toEqual([
      ['a-main', [[Date.parse('2026-11-09T16:00:00Z'), 150]]],
      ['a-sub', [[Date.parse('2026-11-09T16:00:00Z'), 5]]],
    ]);
    const month = await history(alice, `enterprise=ent-a&quantity=energy_import_kwh&from=2026-11-01T00:00:00%2B08:00&to=2026-12-01T00:00:00%2B08:00&resolution=1mo`);
    expect(month.series.find((s) => s.meter === 'a-main')?.points).toEqual([[Date.parse('2026-10-31T16:00:00Z'), 150]]);
    expect(month.series.map((s) => s.meter)).toEqual(['a-main', 'a-sub', 'a-gas']);
  });
});

interface Summary {
  factorSet: string;
  energyTce: number;
  co2T: { total: number; scope1: number; scope2Location: number };
  electricityKwh: number;
  costCny: number | null;
  period: { label: string; startMs: number };
  byEnterprise?: { enterprise: string; energyTce: number; co2T: number }[];
  byMeter?: { meter: string; electricityKwh: number }[];
}

describe('summary', () => {
  /*
   * Factor set lingtan-cn-factors@2026.1, park without province: grid 全国 2023 = 0.5306 kgCO2/kWh;
   * electricity 当量值 0.1229 kgce/kWh; natural gas 1.33 kgce/Nm3 (ce_ng_oilfield) and
   * 389.31 GJ/10^4 Nm3 x 0.0153 tC/GJ x 0.99 x 44/12 = 21.6219 tCO2/10^4 Nm3.
   * ent-a: a-main 150 kWh (a-sub's 5 kWh is inside it), a-gas 100 Nm3:
   *   tce = 150 x 0.1229 / 1000 + 100 x 1.33 / 1000 = 0.018435 + 0.133 = 0.151435
   *   scope 2 = 150 x 0.5306 / 1000 = 0.07959 t; scope 1 = 0.01 x 21.62188809 = 0.216218881 t; total 0.295808881 t
   * ent-b: 200 kWh -> 0.02458 tce, 0.10612 t. Park: 350 kWh, 0.176015 tce, 0.401929 t.
   */
  it('an enterprise day, sub-meters not counted twice', async () => {
    const res = await alice.get('/api/v1/summary?scope=enterprise&id=ent-a&period=day&at=2026-11-10T12:00:00%2B08:00');
    expect(res.status).toBe(200);
    const s = (await res.json()) as Summary;
    expect(s.factorSet).toBe('lingtan-cn-factors@2026.1');
    expect(s.period).toMatchObject({ label: '2026-11-10', startMs: DAY0 });
    expect(s.electricityKwh).toBeCloseTo(150, 9);
    expect(s.energyTce).toBeCloseTo(0.151435, 6);
    expect(s.co2T.scope2Location).toBeCloseTo(0.07959, 6);
    expect(s.co2T.scope1).toBeCloseTo(0.216219, 5);
    expect(s.co2T.total).toBeCloseTo(0.295809, 5);
    expect(s.costCny).toBeNull();
    expect(s.byMeter?.map((m) => [m.meter, m.electricityKwh])).toEqual([
      ['a-main', 150],
      ['a-sub', 5],
      ['a-gas', 0],
    ]);
  });

  it('the park month, per enterprise', async () => {
    const s = (await (await operator.get('/api/v1/summary?scope=park&id=tp&period=month')).json()) as Summary;
    expect(s.period.label).toBe('2026-11');
    expect(s.electricityKwh).toBeCloseTo(350, 9);
    expect(s.energyTce).toBeCloseTo(0.176015, 6);
    expect(s.co2T.total).toBeCloseTo(0.401929, 5);
    const b = s.byEnterprise?.find((e) => e.enterprise === 'ent-b');
    expect(b?.energyTce).toBeCloseTo(0.02458, 6);
    expect(b?.co2T).toBeCloseTo(0.10612, 6);
    expect(s.byEnterprise?.map((e) => e.enterprise)).toEqual(['park-ops', 'ent-a', 'ent-b']);
  });

  it('a meter on its own', async () => {
    const s = (await (await alice.get('/api/v1/summary?scope=meter&id=a-sub&period=day')).json()) as Summary;
    // 5 kWh x 0.1229 kgce/kWh = 0.0006145 tce
    expect(s.energyTce).toBeCloseTo(0.0006145, 9);
  });
});

describe('time-of-use cost', () => {
  /*
   * Tariff: valley 00:00-01:00 at 0.3 CNY/kWh, flat 01:00-24:00 at 0.6, all year.
   * a-main: hour 00 60 kWh x 0.3 = 18, hour 01 90 kWh x 0.6 = 54 -> ent-a 72 CNY (a-sub inside it);
   * b-main: 200 kWh in hour 00 x 0.3 = 60; park 132; a-sub alone 5 kWh x 0.3 = 1.5.
   */
  const tariff = touTariffOf(
    tariffFileSchema.parse({
      version: 'test-2026',
      seasons: [{ name: 'all', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], windows: [{ from: '00:00', to: '01:00', band: 'valley' }, { from: '01:00', to: '24:00', band: 'flat' }], prices_cny_per_kwh: { valley: 0.3, flat: 0.6 } }],
    }),
    TZ,
  );

  it('prices each hour by its band, for those who may see costs', async () => {
    const priced = await startGateway({ tariff });
    try {
      const cost = async (user: 'alice' | 'operator' | 'engineer', q: string) =>
        ((await (await (await login(priced.url, user)).get(`/api/v1/summary?${q}&at=${DAY0 + MIN}`)).json()) as Summary).costCny;
      expect(await cost('alice', 'scope=enterprise&id=ent-a&period=day')).toBeCloseTo(72, 9);
      expect(await cost('alice', 'scope=meter&id=a-sub&period=month')).toBeCloseTo(1.5, 9);
      expect(await cost('operator', 'scope=park&period=day')).toBeCloseTo(132, 9);
      expect(await cost('engineer', 'scope=park&period=day')).toBeNull();
    } finally {
      await priced.close();
    }
  });

  it('refuses a tariff whose windows leave a gap', () => {
    const file = tariffFileSchema.parse({ version: 'bad', seasons: [{ name: 'all', months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], windows: [{ from: '00:00', to: '08:00', band: 'valley' }], prices_cny_per_kwh: { valley: 0.3 } }] });
    expect(() => touTariffOf(file, TZ)).toThrow(/windows end at minute 480/);
  });
});

describe('monthly report', () => {
  it('CSV names the factor set, one row per local day and the totals', async () => {
    const res = await alice.get('/api/v1/reports/monthly?scope=enterprise&id=ent-a&month=2026-11&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=lingtan-ent-a-2026-11.csv');
    const lines = (await res.text()).replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toContain('factor_set,lingtan-cn-factors@2026.1');
    expect(lines).toContain('date,electricity_kwh,heat_gj,steam_t,natural_gas_nm3,oil_kg,energy_tce,co2_scope1_t,co2_scope2_location_t,co2_total_t');
    expect(lines.filter((l) => /^2026-11-\d\d,/.test(l))).toHaveLength(30);
    expect(lines).toContain('2026-11-10,150,0,0,100,0,0.151435,0.216218881,0.07959,0.295808881');
    expect(lines).toContain('2026-11-11,0,0,0,0,0,0,0,0,0');
    expect(lines).toContain('total,150,0,0,100,0,0.151435,0.216218881,0.07959,0.295808881');
    expect(lines.find((l) => l.startsWith('a-sub,'))).toBe('a-sub,A furnace,sub,5,0,0,0,0,0.0006145,0,0.002653,0.002653');
  });

  it('XLSX reads back with the same figures', async () => {
    const res = await operator.get('/api/v1/reports/monthly?scope=park&month=2026-11&format=xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename=lingtan-tp-2026-11.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual(['Report', 'Daily', 'By enterprise']);
    const about = book.getWorksheet('Report')!;
    const meta = Object.fromEntries(about.getSheetValues().flatMap((row) => (Array.isArray(row) && typeof row[1] === 'string' ? [[row[1], row[2]]] : [])));
    expect(meta.factor_set).toBe('lingtan-cn-factors@2026.1');
    expect(meta.month).toBe('2026-11');
    const daily = book.getWorksheet('Daily')!;
    const day10 = daily.getSheetValues().find((row) => Array.isArray(row) && row[1] === '2026-11-10') as unknown[];
    expect(day10[2]).toBeCloseTo(350, 9);
    expect(day10[7]).toBeCloseTo(0.176015, 6);
    const byEnterprise = book.getWorksheet('By enterprise')!;
    const b = byEnterprise.getSheetValues().find((row) => Array.isArray(row) && row[1] === 'ent-b') as unknown[];
    expect(b[10]).toBeCloseTo(0.10612, 6);
  });
});
