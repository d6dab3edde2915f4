import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACTOR_SET_VERSION, factorById } from '../factors/factor-set.js';
import type { Factor } from '../factors/factor-types.js';
import { FactorLookupError } from '../factors/factor-types.js';
import { comprehensiveEnergy, energyAmount, fromTce, toTce, wireQuantity } from './coal-equivalent.js';
import type { CoalEqOptions, EnergyAmount, EnergyItem } from './coal-equivalent.js';

const CALORIFIC: CoalEqOptions = { basis: 'calorific', naturalGasFactorId: 'ce_ng_oilfield' };

/** A park-configured 等价值 for electricity. 0.2990 kgce/kWh is a made-up test value, not a sourced one. */
const ELEC_PRIMARY: Factor = {
  ...factorById('ce_elec_equiv'),
  id: 'cfg_elec_primary_test',
  item: '电力(等价值), test value',
  value: 0.299,
};

describe('toTce (GB/T 2589-2020 Annex A coefficients)', () => {
  it('electricity on the 当量值 basis: 1,000,000 kWh x 0.1229 kgce/kWh = 122,900 kgce = 122.9 tce', () => {
    expect(toTce({ item: 'electricity', kwh: 1_000_000 }, CALORIFIC)).toEqual({ tce: expect.closeTo(122.9, 9) as number, factorId: 'ce_elec_equiv' });
  });

  it('heat: 1,000 GJ x 1,000 MJ/GJ x 0.03412 kgce/MJ = 34,120 kgce = 34.12 tce', () => {
    expect(toTce({ item: 'heat', gj: 1000 }, CALORIFIC).tce).toBeCloseTo(34.12, 9);
  });

  it('steam (low pressure): 10 t x 1,000 kg/t x 0.1286 kgce/kg = 1,286 kgce = 1.286 tce', () => {
    expect(toTce({ item: 'steam', t: 10 }, CALORIFIC).tce).toBeCloseTo(1.286, 9);
  });

  it('natural gas uses the row the park picked: 10,000 Nm3 x 1.33 = 13.3 tce, or x 1.2143 = 12.143 tce', () => {
    expect(toTce({ item: 'natural_gas', nm3: 10_000 }, CALORIFIC).tce).toBeCloseTo(13.3, 9);
    const gasfield = { ...CALORIFIC, naturalGasFactorId: 'ce_ng_gasfield' } as const;
    expect(toTce({ item: 'natural_gas', nm3: 10_000 }, gasfield)).toMatchObject({ factorId: 'ce_ng_gasfield' });
    expect(toTce({ item: 'natural_gas', nm3: 10_000 }, gasfield).tce).toBeCloseTo(12.143, 9);
  });

  it('liquid fuels by mass: 1,000 kg diesel x 1.4571 kgce/kg = 1.4571 tce; 1,000 kg LPG x 1.7143 = 1.7143 tce', () => {
    expect(toTce({ item: 'diesel', kg: 1000 }, CALORIFIC).tce).toBeCloseTo(1.4571, 9);
    expect(toTce({ item: 'lpg', kg: 1000 }, CALORIFIC).tce).toBeCloseTo(1.7143, 9);
    expect(toTce({ item: 'fuel_oil', kg: 2000 }, CALORIFIC).tce).toBeCloseTo(2.8572, 9);
  });

  it('refuses NaN and Infinity', () => {
    expect(() => toTce({ item: 'electricity', kwh: Number.NaN }, CALORIFIC)).toThrow(RangeError);
  });
});

describe('comprehensiveEnergy (综合能耗)', () => {
  // Worked example, one enterprise, one month:
  //   500,000 kWh x 0.1229 kgce/kWh   =  61,450   kgce
  //     2,000 GJ  x 34.12  kgce/GJ    =  68,240   kgce
  //    30,000 Nm3 x 1.33   kgce/Nm3   =  39,900   kgce
  //     5,000 kg  x 1.4571 kgce/kg    =   7,285.5 kgce
  //                          total    = 176,875.5 kgce = 176.8755 tce
  const month: EnergyAmount[] = [
    { item: 'electricity', kwh: 500_000 },
    { item: 'heat', gj: 2000 },
    { item: 'natural_gas', nm3: 30_000 },
    { item: 'diesel', kg: 5000 },
  ];

  it('adds the carriers on the 当量值 basis and names every factor used', () => {
    const result = comprehensiveEnergy(month, CALORIFIC);
    expect(result.tce).toBeCloseTo(176.8755, 9);
    expect(result.byItem.electricity).toBeCloseTo(61.45, 9);
    expect(result.byItem.heat).toBeCloseTo(68.24, 9);
    expect(result.basis).toBe('calorific');
    expect(result.provenance).toEqual({
      factorIds: ['ce_diesel', 'ce_elec_equiv', 'ce_heat', 'ce_ng_oilfield'],
      factorSetVersion: FACTOR_SET_VERSION,
      provisional: true,
    });
  });

  it('on the 等价值 basis uses the configured factor: 500,000 kWh x 0.2990 = 149.5 tce for electricity', () => {
    const options: CoalEqOptions = {
      basis: 'primary',
      naturalGasFactorId: 'ce_ng_oilfield',
      primaryFactors: { electricity: ELEC_PRIMARY, heat: factorById('ce_heat') },
    };
    const result = comprehensiveEnergy(month, options);
    expect(result.byItem.electricity).toBeCloseTo(149.5, 9);
    // 149.5 + 68.24 + 39.9 + 7.2855 = 264.9255 tce
    expect(result.tce).toBeCloseTo(264.9255, 9);
    expect(result.provenance.factorIds).toContain('cfg_elec_primary_test');
  });

  it('on the 等价值 basis throws when a secondary carrier has no configured factor', () => {
    const options: CoalEqOptions = { basis: 'primary', naturalGasFactorId: 'ce_ng_oilfield', primaryFactors: { electricity: ELEC_PRIMARY } };
    expect(() => comprehensiveEnergy(month, options)).toThrow(FactorLookupError);
    expect(() => comprehensiveEnergy(month, options)).toThrow(/等价值/);
  });

  it('refuses a configured factor in the wrong unit', () => {
    const wrong = { ...ELEC_PRIMARY, unit: 'kgce/MJ' };
    const options: CoalEqOptions = { basis: 'primary', naturalGasFactorId: 'ce_ng_oilfield', primaryFactors: { electricity: wrong } };
    expect(() => toTce({ item: 'electricity', kwh: 1 }, options)).toThrow(/kgce\/kWh/);
  });

  it('of nothing is zero tce with no factors', () => {
    expect(comprehensiveEnergy([], CALORIFIC)).toMatchObject({ tce: 0, provenance: { factorIds: [] } });
  });
});

const ITEMS: readonly EnergyItem[] = ['electricity', 'heat', 'steam', 'natural_gas', 'diesel', 'gasoline', 'fuel_oil', 'lpg', 'raw_coal', 'coke'];
const amountArb: fc.Arbitrary<EnergyAmount> = fc
  .tuple(fc.constantFrom(...ITEMS), fc.double({ min: 0, max: 1e9, noNaN: true }))
  .map(([item, q]) => energyAmount(item, q));

describe('properties', () => {
  it('toTce and fromTce round-trip for every carrier', () => {
    fc.assert(
      fc.property(amountArb, (amount) => {
        const back = fromTce(amount.item, toTce(amount, CALORIFIC).tce, CALORIFIC);
        const q = wireQuantity(amount);
        expect(back.item).toBe(amount.item);
        expect(Math.abs(wireQuantity(back) - q)).toBeLessThanOrEqual(1e-9 * Math.max(1, q));
      }),
    );
  });

  it('the total of any split into parts (enterprises) equals the total of the whole (park)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(amountArb, { maxLength: 8 }), { maxLength: 6 }), (enterprises) => {
        const park = comprehensiveEnergy(enterprises.flat(), CALORIFIC).tce;
        const sum = enterprises.map((e) => comprehensiveEnergy(e, CALORIFIC).tce).reduce((a, b) => a + b, 0);
        expect(Math.abs(park - sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, park));
      }),
    );
  });
});
