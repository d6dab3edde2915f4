import { describe, expect, it } from 'vitest';
import { FACTOR_SET, FACTOR_SET_VERSION, factorById, factorOfCategory, findFactor } from './factor-set.js';
import { FactorLookupError } from './factor-types.js';
import { mergeProvenance, provenanceOf } from './provenance.js';

/** FNV-1a over every row's id, value, year and grade: changes whenever the data does. */
function checksum(): string {
  let hash = 0x811c9dc5;
  const text = FACTOR_SET.factors.map((f) => `${f.id}=${f.value}@${f.dataYear ?? ''}#${f.confidence}`).join(';');
  for (const ch of text) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

describe('factor data set', () => {
  it('is pinned to its version: edit a value, bump FACTOR_SET_VERSION and this checksum together', () => {
    expect({ version: FACTOR_SET_VERSION, checksum: checksum() }).toEqual({
      version: 'lingtan-cn-factors@2026.1',
      checksum: PINNED_CHECKSUM,
    });
  });

  it('keeps every reference row but the one without a value (142 rows = 141 + 1 withheld)', () => {
    expect(FACTOR_SET.factors).toHaveLength(141);
    expect(FACTOR_SET.withheld.map((w) => w.id)).toEqual(['grid_avg_2023_西南']);
    const ids = FACTOR_SET.factors.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('carries the reference values, sources and grades unchanged', () => {
    // factors-sourced.csv: grid_avg_2022_江苏 = 0.5978 kgCO2/kWh, 公告2024年第33号, MEE+NBS, grade B
    const js = factorById('grid_avg_2022_江苏');
    expect(js).toMatchObject({ value: 0.5978, dataYear: 2022, region: '江苏', level: 'provincial', confidence: 'B' });
    expect(js.source.doc).toContain('公告2024年第33号');
    expect(js.source.issuer).toBe('MEE+NBS');
    expect(factorById('grid_avg_2023_全国')).toMatchObject({ value: 0.5306, level: 'national' });
    expect(factorById('grid_avg_2021_四川').value).toBe(0.1255);
    expect(factorById('ce_elec_equiv')).toMatchObject({ value: 0.1229, unit: 'kgce/kWh', confidence: 'A-' });
    expect(factorById('heat_default')).toMatchObject({ value: 0.11, unit: 'tCO2/GJ' });
    expect(factorById('fuel_lignite').confidence).toBe('C');
    expect(factorById('fuel_diesel').confidence).toBe('B');
  });

  it('reproduces each listed fuel factor from NCV x CC x OF x 44/12 (GB/T 32150-2015 Annex A)', () => {
    // diesel: 42.652 GJ/t x 0.0202 tC/GJ x 0.98 x 44/12 = 3.0959 tCO2/t (listed 3.0959)
    const fuels = FACTOR_SET.factors.filter((f) => f.category === 'fuel_co2');
    expect(fuels).toHaveLength(9);
    for (const f of fuels) {
      const p = f.fuel;
      if (p === undefined) throw new Error(`${f.id} has no fuel parameters`);
      const ef = (p.ncvGj * p.carbonTcPerGj * p.oxidationRate * 44) / 12;
      expect(Math.abs(ef - f.value), f.id).toBeLessThan(1e-4);
    }
  });
});

describe('findFactor', () => {
  it('finds the provincial average grid factor by region and year', () => {
    expect(findFactor({ category: 'electricity_co2_location', region: '江苏', year: 2022 }).id).toBe('grid_avg_2022_江苏');
    expect(findFactor({ category: 'electricity_co2_location', region: '华东', year: 2023 }).value).toBe(0.55);
  });

  it('throws, naming what exists, for a year the set does not have (never the nearest year, never zero)', () => {
    const lookup = () => findFactor({ category: 'electricity_co2_location', region: '江苏', year: 2024 });
    expect(lookup).toThrow(FactorLookupError);
    expect(lookup).toThrow(/years available for 江苏: 2021, 2022, 2023/);
  });

  it('throws with the reason for the withheld 2023 西南 row', () => {
    expect(() => findFactor({ category: 'electricity_co2_location', region: '西南', year: 2023 })).toThrow(/no value/);
    expect(() => factorById('grid_avg_2023_西南')).toThrow(/no value/);
  });

  it('keeps the MEE/NBS average, carbon-market and footprint factors apart', () => {
    // Same year 2022, three products: average 0.5366, ETS 0.5703, residual 0.5856
    expect(findFactor({ category: 'electricity_co2_location', region: '全国', year: 2022 }).value).toBe(0.5366);
    expect(findFactor({ category: 'electricity_co2_ets', year: 2022 }).value).toBe(0.5703);
    expect(findFactor({ category: 'electricity_co2_residual', year: 2022 }).value).toBe(0.5856);
    expect(() => findFactor({ category: 'electricity_co2_ets', region: '江苏', year: 2022 })).toThrow(FactorLookupError);
    expect(() => factorOfCategory('ets_grid_2022', 'electricity_co2_location')).toThrow(/electricity_co2_ets/);
    expect(() => factorOfCategory('pcf_elec_2023', 'electricity_co2_location')).toThrow(FactorLookupError);
  });

  it('refuses an ambiguous query', () => {
    expect(() => findFactor({ category: 'coal_eq' })).toThrow(/ambiguous/);
  });
});

describe('provenance', () => {
  it('is provisional unless every factor is grade A (the data set has no A rows yet)', () => {
    const p = provenanceOf([factorById('ce_elec_equiv'), factorById('ce_heat'), factorById('ce_elec_equiv')]);
    expect(p).toEqual({ factorIds: ['ce_elec_equiv', 'ce_heat'], factorSetVersion: FACTOR_SET_VERSION, provisional: true });
    expect(FACTOR_SET.factors.some((f) => f.confidence === 'A')).toBe(false);
    expect(provenanceOf([{ ...factorById('ce_heat'), confidence: 'A' }]).provisional).toBe(false);
  });

  it('refuses to add figures from two factor-set versions', () => {
    const a = provenanceOf([factorById('ce_heat')]);
    expect(() => mergeProvenance([a, { ...a, factorSetVersion: 'other@1' }])).toThrow(/factor sets/);
    expect(mergeProvenance([a, provenanceOf([factorById('ce_lpg')])]).factorIds).toEqual(['ce_heat', 'ce_lpg']);
  });
});

const PINNED_CHECKSUM = '95416d20';
