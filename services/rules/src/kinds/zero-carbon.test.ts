import { describe, expect, it } from 'vitest';
import { zeroCarbonThreshold } from './zero-carbon.js';
import { engineWith, expectCoded, feed } from './test-fixtures.js';

const local = (d: number, h: number) => Date.UTC(2026, 2, d, h - 8); // March 2026, Shanghai
const rule = {
  id: 'zero-carbon',
  kind: 'zero_carbon',
  severity: 'major',
  owner: 'park',
  period: 'year',
  // Grid electricity: 0.1229 kgce and 0.5366 kgCO2 per kWh; on-site PV: energy without CO2.
  sources: [
    { meters: ['tx1'], quantity: 'energy_import_kwh', tce_per_unit: 0.0001229, tco2_per_unit: 0.0005366 },
    { meters: ['pv'], quantity: 'energy_generated_kwh', tce_per_unit: 0.0001229, tco2_per_unit: 0 },
  ],
  size_class: 'over_1m_tce',
  warn_ratio: 0.9,
  hysteresis: 0.02,
  min_tce: 10,
};

describe('zero-carbon indicator', () => {
  it('takes the threshold of the size class from the versioned table', () => {
    expect(zeroCarbonThreshold({ size_class: 'over_1m_tce' })).toBe(0.3);
    expect(zeroCarbonThreshold({ size_class: '200k_to_1m_tce', max_tco2_per_tce: 0.25 })).toBe(0.25);
  });

  it('raises when carbon per energy drifts past 90 % of 0.3 tCO2/tce, names the emitters, clears below 88 %', () => {
    const e = engineWith(rule);
    // PV 95,000 + grid 5,000 kWh: 12.29 tce, 2.683 tCO2 -> 0.218 tCO2/tce = 72.8 % of 0.3: fine.
    feed(e, 'pv', local(1, 12), { power_kw: 1 }, { energy_generated_kwh: 95_000 });
    feed(e, 'tx1', local(1, 12), { power_kw: 1 }, { energy_import_kwh: 5000 });
    expect(e.tick(local(1, 13))).toEqual([]);
    // Grid +3,000: 12.6587 tce, 4.2928 tCO2 -> 0.3391 = 113.0 % -> raised, past the threshold.
    feed(e, 'tx1', local(2, 12), { power_kw: 1 }, { energy_import_kwh: 3000 });
    const [raised] = e.tick(local(2, 13));
    expect(raised).toMatchObject({ type: 'raised', kind: 'zero_carbon', meter: 'p', subjectScope: 'park', value: 0.3391 });
    expect(raised?.message).toContain('0.3391 tCO2/tce this year (2026) is 113% of the zero-carbon threshold 0.3 tCO2/tce: past it');
    expectCoded(raised, 'zero_carbon.past', 'zero_carbon.largest_emitters');
    expect(raised?.recommendation?.actions).toEqual([{ action: 'review_consumption', target: 'tx1', share: 1 }]);
    // PV +60,000: 20.0327 tce -> 0.2143 = 71.4 % < 88 % -> cleared.
    feed(e, 'pv', local(3, 12), { power_kw: 1 }, { energy_generated_kwh: 60_000 });
    expect(e.tick(local(3, 13))).toMatchObject([{ type: 'cleared', value: 0.2143 }]);
  });
});
