import { describe, expect, it } from 'vitest';
import type { CoalEqOptions } from '../energy/coal-equivalent.js';
import { FACTOR_SET_VERSION } from '../factors/factor-set.js';
import type { Provenance } from '../factors/provenance.js';
import { zeroCarbonIndicators } from './indicators.js';
import { ZERO_CARBON_THRESHOLDS, sizeClassOf } from './thresholds.js';

const COAL: CoalEqOptions = { basis: 'calorific', naturalGasFactorId: 'ce_ng_oilfield' };
const PROV: Provenance = { factorIds: ['grid_avg_2023_江苏'], factorSetVersion: FACTOR_SET_VERSION, provisional: true };

describe('size classes (发改环资〔2025〕910号 附件3)', () => {
  it('200,000 and 1,000,000 tce are the class boundaries', () => {
    expect(sizeClassOf(199_999.99).sizeClass).toBe('under_200k_tce');
    expect(sizeClassOf(200_000).maxTco2PerTce).toBe(0.2);
    expect(sizeClassOf(999_999).sizeClass).toBe('200k_to_1m_tce');
    expect(sizeClassOf(1_000_000)).toMatchObject({ sizeClass: 'over_1m_tce', maxTco2PerTce: 0.3 });
    expect(() => sizeClassOf(-1)).toThrow(RangeError);
  });
});

describe('zeroCarbonIndicators', () => {
  it('300,000 tce, 54,000 tCO2 -> 0.18 tCO2/tce <= 0.2 (class from tce); clean 270,800 / 300,000 = 90.27 % >= 90 %', () => {
    // clean: 2,000,000,000 kWh green x 0.1229 kgce/kWh = 245,800 tce, + 25,000 tce other clean energy
    const r = zeroCarbonIndicators({ co2Kg: 54_000_000, tce: 300_000, provenance: PROV, greenElectricityKwh: 2e9, otherCleanTce: 25_000 }, { coalEq: COAL, sizeClass: 'auto' });
    expect(r.carbonPerEnergy).toMatchObject({ threshold: 0.2, comparison: '<=', meets: true, sizeClass: '200k_to_1m_tce', sizeClassFrom: 'tce', provisional: true });
    expect(r.carbonPerEnergy.value).toBeCloseTo(0.18, 12);
    expect(r.cleanEnergyShare.cleanTce).toBeCloseTo(270_800, 6);
    expect(r.cleanEnergyShare.value).toBeCloseTo(0.902667, 6);
    expect(r.cleanEnergyShare).toMatchObject({ threshold: 0.9, meets: true });
    expect(r).toMatchObject({ thresholdVersion: 'ndrc-zero-carbon-park@2025.1', provisional: true });
    expect(r.provenance.factorIds).toEqual(['ce_elec_equiv', 'grid_avg_2023_江苏']);
  });

  it('1,200,000 tce, 420,000 tCO2 -> 0.35 > 0.3: not met', () => {
    const r = zeroCarbonIndicators({ co2Kg: 420_000_000, tce: 1_200_000, provenance: PROV, greenElectricityKwh: 0 }, { coalEq: COAL, sizeClass: 'auto' });
    expect(r.carbonPerEnergy).toMatchObject({ sizeClass: 'over_1m_tce', threshold: 0.3, meets: false });
    expect(r.cleanEnergyShare).toMatchObject({ value: 0, meets: false });
  });

  it('a configured class wins over the tce; a class without a threshold judges nothing; no energy gives no value', () => {
    const configured = zeroCarbonIndicators({ co2Kg: 30_000_000, tce: 150_000, provenance: PROV, greenElectricityKwh: 0 }, { coalEq: COAL, sizeClass: '200k_to_1m_tce' });
    expect(configured.carbonPerEnergy).toMatchObject({ threshold: 0.2, meets: true, sizeClassFrom: 'configured' });
    const small = zeroCarbonIndicators({ co2Kg: 30_000_000, tce: 150_000, provenance: PROV, greenElectricityKwh: 0 }, { coalEq: COAL, sizeClass: 'auto' });
    expect(small.carbonPerEnergy).toMatchObject({ sizeClass: 'under_200k_tce', threshold: null, meets: null });
    const none = zeroCarbonIndicators({ co2Kg: 0, tce: 0, provenance: PROV, greenElectricityKwh: 0 }, { coalEq: COAL, sizeClass: 'auto' });
    expect(none.carbonPerEnergy.value).toBeNull();
    expect(none.cleanEnergyShare.meets).toBeNull();
  });

  it('is final only when the thresholds and every factor are graded A', () => {
    const table = { ...ZERO_CARBON_THRESHOLDS, carbonPerEnergyConfidence: 'A' as const, cleanEnergyShareConfidence: 'A' as const };
    const final: Provenance = { ...PROV, provisional: false };
    const r = zeroCarbonIndicators({ co2Kg: 54_000_000, tce: 300_000, provenance: final, greenElectricityKwh: 0 }, { coalEq: COAL, sizeClass: 'auto', table });
    expect(r.carbonPerEnergy.provisional).toBe(false);
    // the 当量值 electricity row ce_elec_equiv is graded A-, so the clean share stays provisional
    expect(r.cleanEnergyShare.provisional).toBe(true);
  });
});
