import { registrySchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { factorChoiceOf } from './factor-choice.js';
import { addPoint, carbonTotals, emptyActivity } from './interval-totals.js';
import { meterAccountingFactor } from './meter-factor.js';

const park = registrySchema.parse({ park: { id: 'p', name: 'P', province: '江苏' }, enterprises: [{ id: 'e', name: 'E' }], meters: [] }).park;
const choice = factorChoiceOf(park);
const meter = (carrier: 'electricity' | 'gas' | 'heat' | 'steam' | 'oil' | 'pv') => ({ id: `m-${carrier}`, enterprise: 'e', carrier });

describe('meterAccountingFactor', () => {
  it('electricity: 0.1229 kgce per kWh (GB/T 2589-2020, 当量值) and the provincial grid factor', () => {
    // 1 kWh = 0.1229 kgce = 0.0001229 tce; 江苏 2023 location factor (MEE/NBS) per kWh in t.
    const f = meterAccountingFactor(meter('electricity'), choice)!;
    expect(f.quantity).toBe('energy_import_kwh');
    expect(f.tcePerUnit).toBeCloseTo(0.0001229, 10);
    const gridKgPerKwh = carbonTotals({ ...emptyActivity(), electricityImportKwh: 1 }, choice).co2Kg;
    expect(f.tco2PerUnit).toBeCloseTo(gridKgPerKwh / 1000, 12);
    expect(gridKgPerKwh).toBeGreaterThan(0.4);
    expect(gridKgPerKwh).toBeLessThan(0.8);
  });

  it('is linear: a delta times the per-unit figures equals the totals of that delta, for every energy carrier', () => {
    const deltas = { electricity: ['energy_import_kwh', 5321.5], gas: ['gas_volume_nm3', 812.25], heat: ['heat_energy_gj', 40.5], steam: ['steam_mass_t', 12.75], oil: ['oil_mass_kg', 230] } as const;
    for (const [carrier, [quantity, delta]] of Object.entries(deltas)) {
      const m = meter(carrier as keyof typeof deltas);
      const f = meterAccountingFactor(m, choice)!;
      expect(f.quantity).toBe(quantity);
      const sum = emptyActivity();
      addPoint(sum, { enterprise: m.enterprise, meter: m.id, carrier: m.carrier, tsMs: 0, values: { [`${quantity}_delta`]: delta } }, choice);
      const totals = carbonTotals(sum, choice);
      expect(delta * f.tcePerUnit).toBeCloseTo(totals.tce, 9);
      expect(delta * f.tco2PerUnit).toBeCloseTo(totals.co2Kg / 1000, 9);
    }
  });

  it('has no factor for carriers that are not consumed energy', () => {
    expect(meterAccountingFactor(meter('pv'), choice)).toBeUndefined();
  });
});
