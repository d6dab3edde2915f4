import { registrySchema } from '@lingtan/schema';
import type { Carrier } from '@lingtan/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexRegistry } from '../registry-index.js';
import { periodOf, periodsBetween } from '../time/periods.js';
import type { Period } from '../time/periods.js';
import { factorChoiceOf } from './factor-choice.js';
import type { DeltaPoint } from './interval-totals.js';
import { accountingMeters, totalsByPeriod } from './period-totals.js';

const registry = registrySchema.parse({
  park: { id: 'yc-binhai', name: '滨海港', province: '江苏', accounting: { grid_factor_year: 2022, oil_fuel_by_meter: { 'm-chem-oil': 'fuel_oil' } } },
  enterprises: [{ id: 'park-ops', name: '运营' }, { id: 'ent-steel', name: '钢铁' }, { id: 'ent-chem', name: '化工' }, { id: 'ent-cold', name: '冷链' }],
  meters: [
    { id: 'm-park-tx1', enterprise: 'park-ops', carrier: 'distribution', role: 'equipment' },
    { id: 'm-park-pv1', enterprise: 'park-ops', carrier: 'pv', role: 'generation' },
    { id: 'm-park-chp-heat', enterprise: 'park-ops', carrier: 'heat', role: 'generation' },
    { id: 'm-steel-main', enterprise: 'ent-steel', carrier: 'electricity', parent: 'm-park-tx1' },
    { id: 'm-steel-eaf', enterprise: 'ent-steel', carrier: 'electricity', role: 'sub', parent: 'm-steel-main' },
    { id: 'm-steel-gas', enterprise: 'ent-steel', carrier: 'gas' },
    { id: 'm-chem-main', enterprise: 'ent-chem', carrier: 'electricity', parent: 'm-park-tx1' },
    { id: 'm-chem-steam', enterprise: 'ent-chem', carrier: 'steam' },
    { id: 'm-chem-oil', enterprise: 'ent-chem', carrier: 'oil' },
    { id: 'm-chem-water', enterprise: 'ent-chem', carrier: 'water' },
    { id: 'm-cold-heat', enterprise: 'ent-cold', carrier: 'heat', role: 'sub', parent: 'm-park-chp-heat' },
  ],
});
const index = indexRegistry(registry);
const choice = factorChoiceOf(registry.park);
const ZONE = 'Asia/Shanghai';
const day = periodOf('day', Date.UTC(2024, 2, 10, 4), ZONE); // 2024-03-10 CST = [03-09T16:00Z, 03-10T16:00Z)
const MIN = 60_000;

function point(meter: string, tsMs: number, field: string, delta: number): DeltaPoint {
  const m = index.meter(meter);
  return { enterprise: m?.enterprise ?? 'x', meter, carrier: m?.carrier ?? 'electricity', tsMs, values: { [field]: delta, [field.replace('_delta', '')]: 1e6 } };
}

const WORKED: DeltaPoint[] = [
  point('m-steel-main', day.startMs + 15 * MIN, 'energy_import_kwh_delta', 6000),
  point('m-steel-main', day.startMs + 30 * MIN, 'energy_import_kwh_delta', 4000),
  point('m-steel-eaf', day.startMs + 30 * MIN, 'energy_import_kwh_delta', 7000),
  point('m-steel-gas', day.startMs + 60 * MIN, 'gas_volume_nm3_delta', 1000),
  point('m-chem-main', day.startMs, 'energy_import_kwh_delta', 999), // ends at 00:00: belongs to the day before
  point('m-chem-main', day.startMs + 720 * MIN, 'energy_import_kwh_delta', 3000),
  point('m-chem-main', day.endMs, 'energy_import_kwh_delta', 2000), // ends at 24:00: this day
  point('m-chem-steam', day.startMs + 60 * MIN, 'steam_mass_t_delta', 10),
  point('m-chem-oil', day.startMs + 300 * MIN, 'oil_mass_kg_delta', 500),
  point('m-chem-water', day.startMs + 300 * MIN, 'water_volume_m3_delta', 80),
  point('m-cold-heat', day.startMs + 60 * MIN, 'heat_energy_gj_delta', 20),
  point('m-park-tx1', day.startMs + 60 * MIN, 'energy_import_kwh_delta', 20_000),
  point('m-unknown', day.startMs + 60 * MIN, 'energy_import_kwh_delta', 1),
];

describe('accountingMeters', () => {
  it('counts main meters and subs not inside a meter of the same enterprise and carrier', () => {
    expect([...accountingMeters(index)].sort()).toEqual(['m-chem-main', 'm-chem-oil', 'm-chem-steam', 'm-cold-heat', 'm-steel-gas', 'm-steel-main']);
  });
});

describe('totalsByPeriod, worked example (江苏 2022, 当量值, oilfield gas)', () => {
  const result = totalsByPeriod(WORKED, [day], index, choice);
  const totals = result.periods[0];

  it('steel: 10,000 kWh x 0.1229 + 1,000 m3 x 1.33 = 2,559 kgce; CO2 10,000 x 0.5978 + gas 2,162.19 = 8,140.19 kg', () => {
    // gas: 0.1 x 10^4 Nm3 x 389.31 GJ = 38.931 GJ x 0.0153 tC/GJ x 0.99 x 44/12 = 2.16219 t
    const steel = totals?.enterprises['ent-steel'];
    expect(steel?.tce).toBeCloseTo(2.559, 9);
    expect(steel?.scope2LocationCo2Kg).toBeCloseTo(5978, 6);
    expect(steel?.scope1Co2Kg).toBeCloseTo(2162.1888, 3);
    expect(steel?.provenance.factorIds).toEqual(['ce_elec_equiv', 'ce_ng_oilfield', 'fuel_natural_gas', 'grid_avg_2022_江苏']);
  });

  it('chem: 5,000 kWh x 0.1229 + 10 t steam x 128.6 + 500 kg fuel oil x 1.4286 = 2,614.8 kgce', () => {
    // CO2: 5,000 x 0.5978 = 2,989; steam 10 t x 3.763 GJ/t x 0.11 t/GJ = 4,139.3;
    // fuel oil 0.5 t x 41.816 GJ/t x 0.0211 x 0.98 x 44/12 = 1,585.23 -> 8,713.53 kg
    const chem = totals?.enterprises['ent-chem'];
    expect(chem?.tce).toBeCloseTo(2.6148, 9);
    expect(chem?.activity).toEqual({ electricityImportKwh: 5000, heatGj: 0, steamT: 10, naturalGasNm3: 0, oilKg: { fuel_oil: 500 } });
    expect(chem?.co2Kg).toBeCloseTo(8713.5306, 3);
  });

  it('cold chain heat from the park CHP: 20 GJ x 34.12 kgce/GJ = 0.6824 tce, 20 x 0.11 = 2.2 tCO2; park = sum', () => {
    expect(totals?.enterprises['ent-cold']?.tce).toBeCloseTo(0.6824, 9);
    expect(totals?.enterprises['ent-cold']?.co2Kg).toBeCloseTo(2200, 6);
    expect(totals?.park.tce).toBeCloseTo(5.8562, 9);
    expect(totals?.park.co2Kg).toBeCloseTo(19_053.7194, 3);
    expect(totals?.meters['m-steel-main']?.activity.electricityImportKwh).toBe(10_000);
    expect(Object.keys(totals?.enterprises ?? {}).sort()).toEqual(['ent-chem', 'ent-cold', 'ent-steel']);
  });

  it('reports what it left out', () => {
    // eaf (sub), water, tx1 -> not counted; m-unknown; the 00:00 point -> outside
    expect(result.skipped).toEqual({ notCounted: 3, unknownMeter: 1, outsidePeriods: 1 });
  });
});

const counted = [...accountingMeters(index)];
const FIELD: Partial<Record<Carrier, string>> = { electricity: 'energy_import_kwh_delta', heat: 'heat_energy_gj_delta', steam: 'steam_mass_t_delta', gas: 'gas_volume_nm3_delta', oil: 'oil_mass_kg_delta' };
const arbPoints = fc.array(
  fc.record({ meter: fc.constantFrom(...counted), offsetMs: fc.integer({ min: 1, max: day.endMs - day.startMs }), delta: fc.double({ min: 0, max: 1e5, noNaN: true }) }),
  { maxLength: 60 },
).map((ps) => ps.map((p) => point(p.meter, day.startMs + p.offsetMs, FIELD[index.meter(p.meter)?.carrier ?? 'electricity'] ?? '', p.delta)));
const close = (a: number, b: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));

describe('totalsByPeriod, properties', () => {
  it('enterprise totals sum to the park total (tce and CO2)', () => {
    fc.assert(
      fc.property(arbPoints, (points) => {
        const t = totalsByPeriod(points, [day], index, choice).periods[0];
        const ents = Object.values(t?.enterprises ?? {});
        close(ents.reduce((s, e) => s + e.tce, 0), t?.park.tce ?? NaN);
        close(ents.reduce((s, e) => s + e.co2Kg, 0), t?.park.co2Kg ?? NaN);
      }),
    );
  });

  it('deltas over any split of a period add up, and the 24 hours add up to the day', () => {
    const hours = periodsBetween('hour', day.startMs, day.endMs, ZONE);
    fc.assert(
      fc.property(arbPoints, fc.integer({ min: day.startMs + 1, max: day.endMs - 1 }), (points, cutMs) => {
        const parts: Period[] = [
          { ...day, endMs: cutMs },
          { ...day, startMs: cutMs },
        ];
        const whole = totalsByPeriod(points, [day], index, choice).periods[0]?.park;
        const split = totalsByPeriod(points, parts, index, choice).periods.map((p) => p.park);
        const hourly = totalsByPeriod(points, hours, index, choice).periods.map((p) => p.park);
        for (const pieces of [split, hourly]) {
          close(pieces.reduce((s, p) => s + p.tce, 0), whole?.tce ?? NaN);
          close(pieces.reduce((s, p) => s + p.co2Kg, 0), whole?.co2Kg ?? NaN);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('refuses overlapping periods', () => {
    expect(() => totalsByPeriod([], [day, day], index, choice)).toThrow(/non-overlapping/);
  });
});
