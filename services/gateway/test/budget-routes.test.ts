// The baseline and budget APIs against hand calculations over seeded readings, and enterprise
// A refused (403, audited) for B's or the park's baseline and budgets.
import { fixedClock, indexRegistry } from '@lingtan/domain';
import { baselineResponseSchema, budgetsResponseSchema, registrySchema } from '@lingtan/schema';
import type { BaselineResponse, BudgetsResponse } from '@lingtan/schema';
import { createMemoryStore } from '@lingtan/store';
import type { TelemetryPoint } from '@lingtan/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, PARK, errorOf, login, registry, startGateway, withHeaders } from './fixture.js';
import type { Caller, TestGateway } from './fixture.js';

const cst = (iso: string) => Date.parse(`${iso}+08:00`);
/** The clock: 2026-11-11T00:00+08:00, so 314 days of 2026 and 10 days of November are over. */
const NOW = cst('2026-11-11T00:00:00');

// ent-a: 365 tce a year (1 tce a day) and no carbon budget; ent-b: none; the park: 3,650 tce and 36,500 tCO2.
const budgeted = indexRegistry(
  registrySchema.parse({
    ...registry.registry,
    park: { ...registry.registry.park, budgets: { year_tce: 3650, year_tco2: 36_500 } },
    enterprises: registry.registry.enterprises.map((e) => (e.id === 'ent-a' ? { ...e, budgets: { year_tce: 365 } } : e)),
  }),
);

const point = (meter: string, enterprise: string, iso: string, values: Record<string, number>): TelemetryPoint => ({ park: PARK, enterprise, meter, carrier: 'electricity', tsMs: cst(iso), values });

/**
 * Seeded readings:
 *   energy: a-main 10,000 kWh on each of 2026-11-01..10 (12:00) and 100,000 kWh on 2026-03-15;
 *   power (the baseline of Tuesday 2026-11-10): a-main at 09:xx on the four Tuesdays before,
 *     11-03: 80 and 120 kW (hour mean 100), 10-27: 140, 10-20: 120, 10-13: 300; at 10:00 only
 *     11-03 (50 kW); a-sub (a sub-meter, not summed) 11-03 09:00 999 kW; a-main Wednesday
 *     11-04 09:00 5,000 kW (another weekday); b-main 10-27 09:00 7,777 kW (another enterprise).
 */
const SEED: TelemetryPoint[] = [
  ...Array.from({ length: 10 }, (_, i) => point('a-main', 'ent-a', `2026-11-${String(i + 1).padStart(2, '0')}T12:00:00`, { energy_import_kwh_delta: 10_000 })),
  point('a-main', 'ent-a', '2026-03-15T12:00:00', { energy_import_kwh_delta: 100_000 }),
  point('a-main', 'ent-a', '2026-11-03T09:00:00', { power_kw: 80 }),
  point('a-main', 'ent-a', '2026-11-03T09:30:00', { power_kw: 120 }),
  point('a-main', 'ent-a', '2026-11-03T10:00:00', { power_kw: 50 }),
  point('a-main', 'ent-a', '2026-10-27T09:15:00', { power_kw: 140 }),
  point('a-main', 'ent-a', '2026-10-20T09:15:00', { power_kw: 120 }),
  point('a-main', 'ent-a', '2026-10-13T09:15:00', { power_kw: 300 }),
  point('a-sub', 'ent-a', '2026-11-03T09:00:00', { power_kw: 999 }),
  point('a-main', 'ent-a', '2026-11-04T09:00:00', { power_kw: 5000 }),
  point('b-main', 'ent-b', '2026-10-27T09:00:00', { power_kw: 7777 }),
];

let gw: TestGateway;
let operator: Caller;
let alice: Caller;
let admin: Caller;

beforeAll(async () => {
  const store = createMemoryStore();
  await store.write(SEED);
  gw = await startGateway({ store, registry: budgeted, clock: fixedClock(NOW) });
  [operator, alice, admin] = await Promise.all([login(gw.url, 'operator'), login(gw.url, 'alice'), login(gw.url, 'admin')]);
});
afterAll(() => gw.close());

const json = async <T>(caller: Caller, path: string): Promise<T> => {
  const res = await caller.get(path);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
};

describe('GET /baseline', () => {
  it("A's Tuesday 09:00: the median of 100, 140, 120, 300 kW = 130, p10 106, p90 252, four weeks", async () => {
    const b = await json<BaselineResponse>(alice, '/api/v1/baseline?enterprise=ent-a&date=2026-11-10');
    expect(b).toMatchObject({ scope: 'enterprise', id: 'ent-a', quantity: 'power_kw', unit: 'kW', resolution: '1h', timezone: 'Asia/Shanghai' });
    expect(b.method).toMatchObject({ name: 'same_weekday_median', weeks: 4, minWeeks: 2, dates: ['2026-11-03', '2026-10-27', '2026-10-20', '2026-10-13'], meters: ['a-main'] });
    expect(b.slots).toHaveLength(24);
    expect(baselineResponseSchema.parse(b)).toEqual(b);
    const nine = b.slots[9]!;
    expect(nine.startMs).toBe(cst('2026-11-10T09:00:00'));
    // sorted [100, 120, 140, 300]: median (120 + 140) / 2; p10 at rank 0.3: 100 + 0.3 x 20; p90 at rank 2.7: 140 + 0.7 x 160
    expect(nine.median).toBeCloseTo(130, 9);
    expect(nine.p10).toBeCloseTo(106, 9);
    expect(nine.p90).toBeCloseTo(252, 9);
    expect(nine.weeks).toBe(4);
  });

  it('a slot seen in one week only has no baseline (null, not 0); a slot never seen neither', async () => {
    const b = await json<BaselineResponse>(alice, '/api/v1/baseline?enterprise=ent-a&date=2026-11-10');
    expect(b.slots[10]).toEqual({ startMs: cst('2026-11-10T10:00:00'), median: null, p10: null, p90: null, weeks: 1 });
    expect(b.slots[3]).toMatchObject({ median: null, weeks: 0 });
  });

  it('weeks=2 looks back two Tuesdays: [100, 140] -> median 120, p10 104, p90 136', async () => {
    const b = await json<BaselineResponse>(alice, '/api/v1/baseline?enterprise=ent-a&date=2026-11-10&weeks=2');
    expect(b.method.dates).toEqual(['2026-11-03', '2026-10-27']);
    expect(b.slots[9]).toMatchObject({ weeks: 2 });
    expect(b.slots[9]?.median).toBeCloseTo(120, 9);
    expect(b.slots[9]?.p10).toBeCloseTo(104, 9);
    expect(b.slots[9]?.p90).toBeCloseTo(136, 9);
  });

  it('one meter at 15 minutes: a-sub has one week at 09:00 -> null', async () => {
    const b = await json<BaselineResponse>(alice, '/api/v1/baseline?meter=a-sub&date=2026-11-10&resolution=15m');
    expect(b.slots).toHaveLength(96);
    expect(b.slots[36]).toMatchObject({ median: null, weeks: 1 });
  });

  it.each([
    ['date=2026-02-30&enterprise=ent-a', 'date'],
    ['date=2026-11-10&enterprise=ent-a&weeks=13', 'weeks'],
    ['date=2026-11-10&enterprise=ent-a&meter=a-main', 'meter'],
    ['date=2026-11-10', 'meter'],
    ['date=2026-11-10&enterprise=ent-a&quantity=voltage_v', 'quantity'],
    ['date=2026-11-10&enterprise=ent-a&colour=red', undefined],
  ])('refuses %s with 400 invalid_request', async (query, field) => {
    const res = await alice.get(`/api/v1/baseline?${query}`);
    expect(res.status).toBe(400);
    const e = await errorOf(res);
    expect(e.code).toBe('invalid_request');
    if (field !== undefined) expect(e.field).toBe(field);
  });
});

describe('GET /budgets', () => {
  it("A's month: 30 tce budget (30 of 365 days), 12.29 tce used with 1/3 due -> forecast 36.87 tce = 122.9 % -> red", async () => {
    const b = await json<BudgetsResponse>(alice, '/api/v1/budgets?enterprise=ent-a');
    expect(b).toMatchObject({ scope: 'enterprise', id: 'ent-a', status: 'ok', plan: { name: 'pro_rata_days' } });
    expect(budgetsResponseSchema.parse(b)).toEqual(b);
    const m = b.month;
    expect(m.period).toMatchObject({ unit: 'month', label: '2026-11', startMs: cst('2026-11-01T00:00:00') });
    expect(m.planShareNow).toBeCloseTo(10 / 30, 12);
    expect(m.completeness).toBe(1);
    if (m.energyTce.status !== 'ok') throw new Error('expected a budget');
    // 10 days x 10,000 kWh x 0.1229 kgce/kWh = 12.29 tce
    expect(m.energyTce.budget).toBeCloseTo(30, 9);
    expect(m.energyTce.actual).toBeCloseTo(12.29, 9);
    expect(m.energyTce.planned).toBeCloseTo(10, 9);
    expect(m.energyTce.forecast).toBeCloseTo(36.87, 9);
    expect(m.energyTce.forecastRatio).toBeCloseTo(1.229, 9);
    expect(m.energyTce.level).toBe('red');
    // Series: the month start, then 30 day ends; now is the end of Nov 10 (index 10).
    expect(m.energyTce.series).toHaveLength(31);
    expect(m.energyTce.series[10]).toMatchObject({ tsMs: NOW, forecast: expect.closeTo(12.29, 9) as unknown });
    expect(m.energyTce.series[10]?.actual).toBeCloseTo(12.29, 9);
    expect(m.energyTce.series[11]?.actual).toBeNull();
    expect(m.energyTce.series[30]?.plan).toBeCloseTo(30, 9);
    expect(m.energyTce.series[30]?.forecast).toBeCloseTo(36.87, 9);
  });

  it("A's year: 24.58 tce of 365 with 314/365 due -> forecast 28.57 tce, but 14 of 314 days metered -> grey", async () => {
    const y = (await json<BudgetsResponse>(alice, '/api/v1/budgets?enterprise=ent-a')).year;
    expect(y.planShareNow).toBeCloseTo(314 / 365, 12);
    // Days with readings: Mar 15, Oct 13, 20, 27, Nov 1..10 = 14
    expect(y.completeness).toBeCloseTo(14 / 314, 12);
    if (y.energyTce.status !== 'ok') throw new Error('expected a budget');
    // 12.29 (March) + 12.29 (November) = 24.58; forecast 24.58 x 365 / 314
    expect(y.energyTce.actual).toBeCloseTo(24.58, 9);
    expect(y.energyTce.forecast).toBeCloseTo((24.58 * 365) / 314, 9);
    expect(y.energyTce.level).toBe('grey');
    expect(y.energyTce.reasons.join(' ')).toContain('metering completeness 4.5% below 80.0%');
    expect(y.energyTce.series).toHaveLength(366);
  });

  it('A has no carbon budget: co2T says budget_not_set and still gives the actual (100,000 kWh x 0.5306 kg = 53.06 t this month)', async () => {
    const b = await json<BudgetsResponse>(alice, '/api/v1/budgets?enterprise=ent-a');
    expect(b.month.co2T.status).toBe('budget_not_set');
    expect(b.month.co2T.actual).toBeCloseTo(53.06, 6);
    expect(b.month.co2T.series.every((p) => p.plan === null)).toBe(true);
  });

  it('B has no budget at all: status budget_not_set, not an error', async () => {
    const b = await json<BudgetsResponse>(operator, '/api/v1/budgets?enterprise=ent-b');
    expect(b.status).toBe('budget_not_set');
    expect(b.year.energyTce).toMatchObject({ status: 'budget_not_set', actual: 0 });
  });

  it("the park (operator): month budget 3,650 x 30 / 365 = 300 tce, actual A's 12.29 tce", async () => {
    const b = await json<BudgetsResponse>(operator, '/api/v1/budgets');
    expect(b).toMatchObject({ scope: 'park', id: PARK, status: 'ok' });
    if (b.month.energyTce.status !== 'ok' || b.month.co2T.status !== 'ok') throw new Error('expected budgets');
    expect(b.month.energyTce.budget).toBeCloseTo(300, 9);
    expect(b.month.energyTce.actual).toBeCloseTo(12.29, 9);
    expect(b.month.co2T.budget).toBeCloseTo(3000, 9);
  });
});

describe('an engineer', () => {
  it("gets the park's budgets but no enterprise's (business figures)", async () => {
    const engineer = await login(gw.url, 'engineer');
    expect((await engineer.get('/api/v1/budgets')).status).toBe(200);
    const res = await engineer.get('/api/v1/budgets?enterprise=ent-a');
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('forbidden');
  });
});

describe('the OpenAPI document', () => {
  it('lists both routes with their parameters', async () => {
    const doc = (await (await fetch(`${gw.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    expect(doc.paths['/api/v1/baseline']?.get?.parameters?.map((p) => p.name)).toEqual(['enterprise', 'meter', 'date', 'quantity', 'weeks', 'resolution']);
    expect(doc.paths['/api/v1/budgets']?.get?.parameters?.map((p) => p.name)).toEqual(['enterprise']);
  });
});

describe('enterprise A is refused what is not its own', () => {
  const aliceKey = () => withHeaders(gw.url, { authorization: `Bearer ${KEYS.a}` });
  it.each([
    '/api/v1/baseline?enterprise=ent-b&date=2026-11-10',
    '/api/v1/baseline?meter=b-main&date=2026-11-10',
    '/api/v1/baseline?meter=p-tx1&date=2026-11-10',
    '/api/v1/budgets?enterprise=ent-b',
    '/api/v1/budgets',
  ])('%s -> 403 forbidden, audited', async (path) => {
    for (const caller of [alice, aliceKey()]) {
      const res = await caller.get(path);
      expect(res.status).toBe(403);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: expect.objectContaining({ code: 'forbidden' }) as unknown });
      expect(text).not.toContain('7777');
      const requestId = res.headers.get('x-request-id');
      const audit = (await (await admin.get('/api/v1/audit?limit=1000')).json()) as { entries: { requestId?: string; outcome: string; actor: string; code?: string }[] };
      expect(audit.entries.find((e) => e.requestId === requestId)).toMatchObject({ outcome: 'refused', code: 'forbidden' });
    }
  });
});
