import { describe, expect, it } from 'vitest';
import { engineWith, expectCoded, feed } from './test-fixtures.js';

const rule = { id: 'soc', kind: 'storage_soc', severity: 'warning', owner: 'park', min_pct: 10, max_pct: 95, min_duration_ms: 120_000, hysteresis: 5 };
const MIN = 60_000;

describe('storage state of charge', () => {
  it('raises below the floor after 2 min, recommends to stop discharging, clears at floor + hysteresis', () => {
    // 0: 12 % | 1 min: 9 % (below, pending) | 3 min: 8 % (held 2 min) -> raised | 4 min: 13 % (inside the band) | 5 min: 15 % -> cleared
    const e = engineWith(rule);
    expect(feed(e, 'ess', 0, { soc_pct: 12 })).toEqual([]);
    expect(feed(e, 'ess', 1 * MIN, { soc_pct: 9 })).toEqual([]);
    const [raised] = feed(e, 'ess', 3 * MIN, { soc_pct: 8 });
    expect(raised).toMatchObject({ type: 'raised', kind: 'storage_soc', meter: 'ess', value: 8, owner: { scope: 'park', id: 'p' } });
    expect(raised?.message).toContain('state of charge 8% below 10% for 120 s');
    expect(raised?.recommendation).toMatchObject({ summary: 'stop discharging Storage (ess) until it is back above 15%', actions: [{ action: 'stop_discharging', target: 'ess' }] });
    expectCoded(raised, 'storage_soc.low', 'storage_soc.stop_discharging');
    expect(feed(e, 'ess', 4 * MIN, { soc_pct: 13 })).toEqual([]);
    expect(feed(e, 'ess', 5 * MIN, { soc_pct: 15 })).toMatchObject([{ type: 'cleared', value: 15 }]);
  });

  it('raises above the ceiling with the advice to stop charging', () => {
    const e = engineWith({ ...rule, min_duration_ms: 0 });
    expect(feed(e, 'ess', 0, { soc_pct: 97 })[0]?.recommendation?.actions).toEqual([{ action: 'stop_charging', target: 'ess' }]);
  });
});
