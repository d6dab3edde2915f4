import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACTOR_SET_VERSION } from '../factors/factor-set.js';
import { FactorLookupError } from '../factors/factor-types.js';
import { scope2Co2 } from './scope2.js';
import type { Scope2Activity, Scope2Settings } from './scope2.js';

const JIANGSU_2022: Scope2Settings = {
  gridRegion: '江苏',
  gridYear: 2022,
  residual: { kind: 'factor', factorId: 'grid_excl_market_nonfossil_2022' },
};

describe('scope2Co2, location-based', () => {
  it('Jiangsu 2022: 1,000,000 kWh x 0.5978 kgCO2/kWh = 597,800 kg; 2,000 GJ heat x 0.11 tCO2/GJ = 220,000 kg', () => {
    const r = scope2Co2({ gridImportKwh: 1_000_000, purchasedHeatGj: 2000 }, JIANGSU_2022);
    expect(r.location.electricityCo2Kg).toBeCloseTo(597_800, 6);
    expect(r.location.heatCo2Kg).toBeCloseTo(220_000, 6);
    expect(r.location.co2Kg).toBeCloseTo(817_800, 6);
    expect(r.location.electricityFactorId).toBe('grid_avg_2022_江苏');
    expect(r.location.provenance).toEqual({
      factorIds: ['grid_avg_2022_江苏', 'heat_default'],
      factorSetVersion: FACTOR_SET_VERSION,
      provisional: true,
    });
  });

  it('regional and national factors: 1,000,000 kWh in 华东 2023 x 0.55 = 550,000 kg; 全国 2021 x 0.5568 = 556,800 kg', () => {
    const east = scope2Co2({ gridImportKwh: 1_000_000, purchasedHeatGj: 0 }, { ...JIANGSU_2022, gridRegion: '华东', gridYear: 2023 });
    expect(east.location.electricityCo2Kg).toBeCloseTo(550_000, 6);
    const national = scope2Co2({ gridImportKwh: 1_000_000, purchasedHeatGj: 0 }, { ...JIANGSU_2022, gridRegion: '全国', gridYear: 2021 });
    expect(national.location.electricityCo2Kg).toBeCloseTo(556_800, 6);
  });

  it('throws when the year has no factor, or the residual setting names a factor of another kind', () => {
    const activity = { gridImportKwh: 1, purchasedHeatGj: 0 };
    expect(() => scope2Co2(activity, { ...JIANGSU_2022, gridYear: 2025 })).toThrow(FactorLookupError);
    const ets = { ...JIANGSU_2022, residual: { kind: 'factor', factorId: 'ets_grid_2022' } } as const;
    expect(() => scope2Co2(activity, ets)).toThrow(/electricity_co2_ets/);
  });
});

describe('scope2Co2, market-based', () => {
  it('instruments at zero, the rest at the residual factor', () => {
    // 300,000 kWh green power trade + 200 GECs x 1,000 kWh = 500,000 kWh claimed;
    // residual 1,000,000 - 500,000 = 500,000 kWh x 0.5856 kgCO2/kWh = 292,800 kg; + heat 220,000 = 512,800 kg
    const r = scope2Co2({ gridImportKwh: 1_000_000, purchasedHeatGj: 2000, greenPowerTradeKwh: 300_000, retiredGecCount: 200 }, JIANGSU_2022);
    expect(r.market).toMatchObject({ claimedKwh: 500_000, unclaimedKwh: 0, residualKwh: 500_000, electricityFactorId: 'grid_excl_market_nonfossil_2022' });
    expect(r.market.electricityCo2Kg).toBeCloseTo(292_800, 6);
    expect(r.market.co2Kg).toBeCloseTo(512_800, 6);
    expect(r.location.co2Kg).toBeCloseTo(817_800, 6);
  });

  it('instruments beyond consumption are not applied and never make emissions negative', () => {
    const r = scope2Co2({ gridImportKwh: 1_000_000, purchasedHeatGj: 0, retiredGecCount: 1500 }, JIANGSU_2022);
    expect(r.market).toMatchObject({ claimedKwh: 1_000_000, unclaimedKwh: 500_000, residualKwh: 0, electricityCo2Kg: 0 });
  });

  it('PV consumed on site carries no scope 2 and counts in consumption', () => {
    const r = scope2Co2({ gridImportKwh: 800_000, purchasedHeatGj: 0, onSitePvSelfConsumedKwh: 200_000 }, JIANGSU_2022);
    expect(r.electricityConsumedKwh).toBe(1_000_000);
    expect(r.location.electricityCo2Kg).toBeCloseTo(800_000 * 0.5978, 6);
  });

  it('the national residual can exceed a provincial average: with no instruments, market > location in 云南 2022', () => {
    // 1,000 kWh x 0.5856 (national residual) = 585.6 kg market; x 0.1073 (云南 average) = 107.3 kg location.
    const yunnan = scope2Co2({ gridImportKwh: 1000, purchasedHeatGj: 0 }, { ...JIANGSU_2022, gridRegion: '云南' });
    expect(yunnan.market.electricityCo2Kg).toBeCloseTo(585.6, 9);
    expect(yunnan.location.electricityCo2Kg).toBeCloseTo(107.3, 9);
  });

  it('rejects negative amounts and fractional certificates', () => {
    expect(() => scope2Co2({ gridImportKwh: -1, purchasedHeatGj: 0 }, JIANGSU_2022)).toThrow(RangeError);
    expect(() => scope2Co2({ gridImportKwh: 1, purchasedHeatGj: 0, retiredGecCount: 0.5 }, JIANGSU_2022)).toThrow(RangeError);
  });
});

const kwh = fc.double({ min: 0, max: 1e9, noNaN: true });
const activityArb: fc.Arbitrary<Scope2Activity> = fc.record({
  gridImportKwh: kwh,
  purchasedHeatGj: fc.double({ min: 0, max: 1e6, noNaN: true }),
  greenPowerTradeKwh: kwh,
  retiredGecCount: fc.nat({ max: 1_000_000 }),
});

describe('properties', () => {
  it('with the location average as residual, market-based never exceeds location-based', () => {
    const settings: Scope2Settings = { ...JIANGSU_2022, residual: { kind: 'location_average' } };
    fc.assert(
      fc.property(activityArb, (a) => {
        const r = scope2Co2(a, settings);
        expect(r.market.co2Kg).toBeLessThanOrEqual(r.location.co2Kg + 1e-6);
      }),
    );
  });

  it('adding zero-emission instruments never raises market-based emissions, whatever the residual', () => {
    fc.assert(
      fc.property(activityArb, kwh, fc.nat({ max: 1000 }), (a, moreKwh, moreGecs) => {
        const before = scope2Co2(a, JIANGSU_2022).market.co2Kg;
        const after = scope2Co2(
          { ...a, greenPowerTradeKwh: (a.greenPowerTradeKwh ?? 0) + moreKwh, retiredGecCount: (a.retiredGecCount ?? 0) + moreGecs },
          JIANGSU_2022,
        ).market.co2Kg;
        expect(after).toBeLessThanOrEqual(before + 1e-6);
      }),
    );
  });

  it('location-based: the park total equals the sum of the enterprise totals', () => {
    fc.assert(
      fc.property(fc.array(activityArb, { maxLength: 8 }), (enterprises) => {
        const grid = enterprises.reduce((s, e) => s + e.gridImportKwh, 0);
        const heat = enterprises.reduce((s, e) => s + e.purchasedHeatGj, 0);
        const park = scope2Co2({ gridImportKwh: grid, purchasedHeatGj: heat }, JIANGSU_2022).location.co2Kg;
        const sum = enterprises.reduce((s, e) => s + scope2Co2(e, JIANGSU_2022).location.co2Kg, 0);
        expect(Math.abs(park - sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, park));
      }),
    );
  });
});
