import { describe, expect, it } from 'vitest';
import { engineWith, expectCoded, feed } from './test-fixtures.js';

const rule = { id: 'stuck', kind: 'stuck', severity: 'minor', subject: { meters: ['eaf'] }, quantity: 'power_kw', intervals: 4, tolerance: 0.5 };

describe('stuck value', () => {
  it('raises after 4 readings unchanged within 0.5 and clears on the first change', () => {
    // 812.0, 812.3, 811.8 (all within 0.5 of 812.0), 812.2 -> 4th in a row: raised | 830 -> cleared
    const e = engineWith(rule);
    for (const [i, v] of [812, 812.3, 811.8].entries()) expect(feed(e, 'eaf', i * 60_000, { power_kw: v })).toEqual([]);
    const [raised] = feed(e, 'eaf', 180_000, { power_kw: 812.2 });
    expect(raised).toMatchObject({ type: 'raised', kind: 'stuck', value: 812.2, recommendation: { actions: [{ action: 'check_meter', target: 'eaf' }] } });
    expect(raised?.message).toContain('power_kw unchanged at 812.2 for 4 readings');
    expectCoded(raised, 'stuck.unchanged', 'stuck.check_meter');
    expect(feed(e, 'eaf', 240_000, { power_kw: 812 })).toEqual([]); // still stuck: no second event
    expect(feed(e, 'eaf', 300_000, { power_kw: 830 })).toMatchObject([{ type: 'cleared', value: 830 }]);
  });

  it('lets a value rest at zero (an idle machine) and ignores redelivered readings', () => {
    const e = engineWith(rule);
    for (let i = 0; i < 10; i++) expect(feed(e, 'eaf', i * 60_000, { power_kw: 0 })).toEqual([]);
    const f = engineWith(rule);
    feed(f, 'eaf', 0, { power_kw: 500 });
    // the same reading three more times (redeliveries) is one reading, not four
    for (let i = 0; i < 3; i++) expect(feed(f, 'eaf', 0, { power_kw: 500 })).toEqual([]);
    expect(feed(f, 'eaf', 60_000, { power_kw: 500 })).toEqual([]);
  });
});
