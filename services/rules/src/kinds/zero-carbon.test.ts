import { describe, expect, it } from 'vitest';
import { zeroCarbonThreshold } from './zero-carbon.js';
import { engineWith, expectCoded, feed, seedOf, sums } from './test-fixtures.js';

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

// The PV station also draws from the grid at night: one meter, two quantities counted.
const twoRegisters = { ...rule, sources: [...rule.sources, { meters: ['pv'], quantity: 'energy_import_kwh', tce_per_unit: 0.0001229, tco2_per_unit: 0.0005366 }] };

describe('zero-carbon indicator after a restart (seeded from the store)', () => {
  it('asks the store for every quantity a meter counts with, from the start of the year', () => {
    const s = seedOf(engineWith(twoRegisters), 'zero_carbon');
    expect(s.quantitiesOf('pv')).toEqual(['energy_generated_kwh', 'energy_import_kwh']);
    expect(s.quantitiesOf('tx1')).toEqual(['energy_import_kwh']);
    expect(s.from(local(15, 10))).toBe(Date.UTC(2026, 0, 1, -8)); // 1 Jan 2026 00:00 park time
  });

  it('seeded with the year so far then one more reading gives the figure of having seen every reading', () => {
    // Every reading: PV generates 95,000 and draws 1,000, tx1 5,000 (1 March), tx1 +3,000 (2 March):
    // 104,000 kWh x 0.1229 kgce = 12.7816 tce; 9,000 kWh x 0.5366 kgCO2 = 4.8294 tCO2
    // -> 0.3778 tCO2/tce = 125.9 % of 0.3: past it. tx1 emits 4.2928 / 4.8294 = 88.9 %, pv 11.1 %.
    const all = engineWith(twoRegisters);
    feed(all, 'pv', local(1, 12), { power_kw: 1 }, { energy_generated_kwh: 95_000, energy_import_kwh: 1000 });
    feed(all, 'tx1', local(1, 12), { power_kw: 1 }, { energy_import_kwh: 5000 });
    feed(all, 'tx1', local(2, 12), { power_kw: 1 }, { energy_import_kwh: 3000 });
    const [whole] = all.tick(local(2, 13));
    expect(whole).toMatchObject({ type: 'raised', value: 0.3778 });
    expect(whole?.recommendation?.actions).toEqual([
      { action: 'review_consumption', target: 'tx1', share: 0.889 },
      { action: 'review_consumption', target: 'pv', share: 0.111 },
    ]);

    // Restarted on 2 March 00:00: the store holds 1 March (both of the PV meter's registers).
    const after = engineWith(twoRegisters);
    seedOf(after, 'zero_carbon').apply(sums([['pv', 'energy_generated_kwh', 95_000], ['pv', 'energy_import_kwh', 1000], ['tx1', 'energy_import_kwh', 5000]]), local(2, 0));
    feed(after, 'tx1', local(1, 12), { power_kw: 1 }, { energy_import_kwh: 5000 }); // redelivered: already counted
    feed(after, 'tx1', local(2, 12), { power_kw: 1 }, { energy_import_kwh: 3000 });
    const [seeded] = after.tick(local(2, 13));
    expect(seeded).toMatchObject({ type: 'raised', value: 0.3778, message: whole?.message, recommendation: whole?.recommendation });
    // Without the seed: 3,000 kWh = 0.3687 tce < min_tce 10: not judged at all.
  });

  it('a year boundary between the seed and now starts the new year from zero', () => {
    // Seeded on 31 Dec 2026 23:00: tx1 100,000 kWh = 12.29 tce, 53.66 tCO2 -> 53.66 / 12.29 = 4.3662 tCO2/tce: raised for 2026.
    const at = (m: number, d: number, h: number) => Date.UTC(2026, m, d, h - 8);
    const e = engineWith(rule);
    seedOf(e, 'zero_carbon').apply(sums([['tx1', 'energy_import_kwh', 100_000]]), at(11, 31, 23));
    expect(e.tick(at(11, 31, 23) + 60_000)).toMatchObject([{ type: 'raised', value: 4.3662 }]);
    // 1 Jan 2027: PV 95,000 + tx1 5,000 -> 0.2183 (72.8 %) for 2027 alone: 2026's alert clears, 2027 is fine.
    feed(e, 'pv', at(12, 1, 1), { power_kw: 1 }, { energy_generated_kwh: 95_000 });
    feed(e, 'tx1', at(12, 1, 1), { power_kw: 1 }, { energy_import_kwh: 5000 });
    expect(e.tick(at(12, 1, 2))).toMatchObject([{ type: 'cleared' }]);
    expect(e.tick(at(12, 1, 3))).toEqual([]);
    // tx1 +3,000 -> 0.3391 as in the test above, now for 2027 only (2026's 100,000 kWh are not in it).
    feed(e, 'tx1', at(12, 1, 4), { power_kw: 1 }, { energy_import_kwh: 3000 });
    expect(e.tick(at(12, 1, 5))).toMatchObject([{ type: 'raised', value: 0.3391, message: expect.stringContaining('this year (2027)') as string }]);
  });
});
