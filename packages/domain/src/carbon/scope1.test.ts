import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FACTOR_SET_VERSION } from '../factors/factor-set.js';
import { fuelAmountCo2Kg, fuelCombustionCo2 } from './scope1.js';
import type { FuelAmount } from './scope1.js';

describe('fuelCombustionCo2 (GB/T 32150-2015, E = FC x NCV x CC x OF x 44/12)', () => {
  it('diesel, 5,000 kg: 5 t x 42.652 GJ/t = 213.26 GJ; x 0.0202 tC/GJ x 0.98 x 44/12 = 15.4795 tCO2', () => {
    // 213.26 x 0.0202 = 4.307852 tC; x 0.98 = 4.221695 tC; x 3.666667 = 15.479548 tCO2
    expect(fuelAmountCo2Kg({ fuel: 'diesel', kg: 5000 })).toBeCloseTo(15_479.548, 2);
  });

  it('natural gas, 30,000 Nm3: 3 x 389.31 GJ/10^4Nm3 = 1,167.93 GJ; x 0.0153 x 0.99 x 44/12 = 64.8657 tCO2', () => {
    // 1167.93 x 0.0153 = 17.869329 tC; x 0.99 = 17.690636 tC; x 3.666667 = 64.865664 tCO2
    expect(fuelAmountCo2Kg({ fuel: 'natural_gas', nm3: 30_000 })).toBeCloseTo(64_865.664, 2);
  });

  it('agrees with the listed per-unit factor: 1 t fuel oil -> 3.1705 tCO2 (factors-sourced.csv fuel_fuel_oil)', () => {
    expect(fuelAmountCo2Kg({ fuel: 'fuel_oil', kg: 1000 })).toBeCloseTo(3170.5, 0);
  });

  it('uses measured parameters where given: NCV 40 GJ/t instead of 42.652 for 1 t diesel', () => {
    // 40 x 0.0202 x 0.98 x 44/12 = 2.903413 tCO2
    expect(fuelAmountCo2Kg({ fuel: 'diesel', kg: 1000, measured: { ncvGj: 40 } })).toBeCloseTo(2903.413, 2);
  });

  it('adds fuels, keeps the part per fuel, and names the factors and version', () => {
    const result = fuelCombustionCo2([
      { fuel: 'diesel', kg: 5000 },
      { fuel: 'natural_gas', nm3: 30_000 },
      { fuel: 'diesel', kg: 1000, measured: { ncvGj: 40 } },
    ]);
    expect(result.co2Kg).toBeCloseTo(15_479.548 + 64_865.664 + 2903.413, 1);
    expect(result.byFuel.natural_gas).toBeCloseTo(64_865.664, 2);
    expect(result.measuredFuels).toEqual(['diesel']);
    expect(result.provenance).toEqual({ factorIds: ['fuel_diesel', 'fuel_natural_gas'], factorSetVersion: FACTOR_SET_VERSION, provisional: true });
  });

  it('the park total equals the sum of the enterprise totals', () => {
    const fuels = ['diesel', 'gasoline', 'fuel_oil', 'lpg', 'coke', 'anthracite', 'bituminous', 'lignite'] as const;
    const amount: fc.Arbitrary<FuelAmount> = fc.oneof(
      fc.record({ fuel: fc.constant('natural_gas' as const), nm3: fc.double({ min: 0, max: 1e8, noNaN: true }) }),
      fc.record({ fuel: fc.constantFrom(...fuels), kg: fc.double({ min: 0, max: 1e8, noNaN: true }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(amount, { maxLength: 6 }), { maxLength: 5 }), (enterprises) => {
        const park = fuelCombustionCo2(enterprises.flat()).co2Kg;
        const sum = enterprises.reduce((acc, e) => acc + fuelCombustionCo2(e).co2Kg, 0);
        expect(Math.abs(park - sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, park));
      }),
    );
  });
});
