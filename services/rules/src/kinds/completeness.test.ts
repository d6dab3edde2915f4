import { describe, expect, it } from 'vitest';
import { engineWith, expectCoded, feed } from './test-fixtures.js';

// 1 h window, 60 s meter: 60 readings expected; judged each 5 min (a twelfth).
const rule = { id: 'complete', kind: 'completeness', severity: 'info', subject: { meters: ['off1'] }, window_ms: 3_600_000, min_ratio: 0.9, hysteresis: 0.02 };
const MIN = 60_000;

describe('completeness', () => {
  it('raises when 50 of 60 readings arrived in the last hour, clears once back to 60 of 60', () => {
    // Readings each minute from 0 to 119 min, except minutes 60-69 (10 missing).
    // At 65 min the window is [5, 65): 55 of 60 (minutes 60-64 missing) = 0.917: fine.
    // At 120 min the window is [60, 120): 50/60 = 0.833 < 0.9 -> raised.
    const e = engineWith(rule, 0);
    for (let m = 0; m < 60; m++) feed(e, 'off1', m * MIN, { power_kw: 5 });
    expect(e.tick(65 * MIN)).toEqual([]);
    for (let m = 70; m < 120; m++) feed(e, 'off1', m * MIN, { power_kw: 5 });
    const [raised] = e.tick(120 * MIN);
    expect(raised).toMatchObject({ type: 'raised', kind: 'completeness', meter: 'off1', value: 0.833 });
    expect(raised?.message).toContain('50 of 60 expected readings (83.3%) in the last 60 min, below 90%');
    expectCoded(raised, 'completeness.low', 'completeness.check_link');
    expect(e.tick(122 * MIN)).toEqual([]); // same bucket: not judged again
    for (let m = 120; m < 135; m++) feed(e, 'off1', m * MIN, { power_kw: 5 });
    // At 2 h 10 min: window [70, 130): 60/60 -> cleared (needs 0.92)
    expect(e.tick(130 * MIN)).toMatchObject([{ type: 'cleared', value: 1 }]);
  });

  it('does not judge before the watch has run a whole window (a restart is not a gap)', () => {
    const e = engineWith(rule, 1_000 * MIN);
    expect(e.tick(1_030 * MIN)).toEqual([]);
  });
});
