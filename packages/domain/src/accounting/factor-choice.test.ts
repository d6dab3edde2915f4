import { registrySchema } from '@lingtan/schema';
import type { Park } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { scope2Co2 } from '../carbon/scope2.js';
import { toTce } from '../energy/coal-equivalent.js';
import { FactorLookupError } from '../factors/factor-types.js';
import { factorChoiceOf } from './factor-choice.js';

const park = (extra: Record<string, unknown> = {}): Park =>
  registrySchema.parse({
    park: { id: 'yc-binhai', name: '滨海港零碳产业园', province: '江苏', grid_region: '华东', ...extra },
    enterprises: [{ id: 'e', name: 'E' }],
    meters: [],
  }).park;

describe('factorChoiceOf', () => {
  it('a park without an accounting section: 江苏, newest grid year 2023, its residual factor, 当量值, oilfield gas; all keys defaulted', () => {
    const c = factorChoiceOf(park());
    expect(c.scope2).toMatchObject({ gridRegion: '江苏', gridYear: 2023, residual: { kind: 'factor', factorId: 'grid_excl_market_nonfossil_2023' } });
    expect(c.coalEq).toMatchObject({ basis: 'calorific', naturalGasFactorId: 'ce_ng_oilfield' });
    expect(c).toMatchObject({ oilFuel: 'diesel', steamGjPerT: 3.763, gecCountsAsGreen: true, sizeClass: 'auto' });
    expect(c.defaulted).toHaveLength(11);
    // 1,000,000 kWh x 0.5827 (grid_avg_2023_江苏) = 582,700 kg
    expect(scope2Co2({ gridImportKwh: 1_000_000, purchasedHeatGj: 0 }, c.scope2).location.co2Kg).toBeCloseTo(582_700, 6);
  });

  it('falls back to grid_region, then 全国, when no province is given', () => {
    expect(factorChoiceOf(park({ province: undefined })).scope2.gridRegion).toBe('华东');
    expect(factorChoiceOf(park({ province: undefined, grid_region: undefined })).scope2.gridRegion).toBe('全国');
  });

  it('uses the configured choices: 2022, location average, 等价值 electricity 0.3 kgce/kWh', () => {
    const c = factorChoiceOf(
      park({
        accounting: { grid_factor_year: 2022, residual: 'location_average', coal_basis: '等价值', equivalent_factors: { electricity: { value: 0.3, source: '供电煤耗 300 gce/kWh' } }, oil_fuel_by_meter: { m1: 'fuel_oil' } },
      }),
    );
    // 1,000,000 kWh x 0.5978 (grid_avg_2022_江苏) = 597,800 kg; market rest at the same factor with no instruments
    const s2 = scope2Co2({ gridImportKwh: 1_000_000, purchasedHeatGj: 0 }, c.scope2);
    expect(s2.location.co2Kg).toBeCloseTo(597_800, 6);
    expect(s2.market.co2Kg).toBeCloseTo(597_800, 6);
    // 10,000 kWh x 0.3 kgce/kWh / 1000 = 3 tce on the 等价值 basis
    expect(toTce({ item: 'electricity', kwh: 10_000 }, c.coalEq)).toEqual({ tce: 3, factorId: 'park_equiv_electricity' });
    expect(c.oilFuelByMeter).toEqual({ m1: 'fuel_oil' });
    expect(c.defaulted).not.toContain('grid_factor_year');
  });

  it('fails fast on a year, region or residual the data set does not have', () => {
    expect(() => factorChoiceOf(park({ accounting: { grid_factor_year: 2024 } }))).toThrow(FactorLookupError);
    expect(() => factorChoiceOf(park({ accounting: { province: '西南', grid_factor_year: 2023 } }))).toThrow(/no value/);
    expect(() => factorChoiceOf(park({ accounting: { province: 'Jiangsu' } }))).toThrow(/no grid factor for this region/);
    expect(() => factorChoiceOf(park({ accounting: { residual: 'ets_grid_2022' } }))).toThrow(/electricity_co2_ets/);
  });

  it('without a residual setting, a year without an MEE/NBS residual factor uses the location average', () => {
    expect(factorChoiceOf(park({ accounting: { grid_factor_year: 2021 } })).scope2.residual).toEqual({ kind: 'location_average' });
  });
});
