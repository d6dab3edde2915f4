import { describe, expect, it } from 'vitest';
import { judge, weekHourSlot } from './anomaly.js';
import { mad } from './robust.js';
import { engineWith, expectCoded, feed } from './test-fixtures.js';

const rule = { id: 'night', kind: 'anomaly', severity: 'minor', subject: { meters: ['off1'] }, quantity: 'power_kw', min_deviation: 5 };
/** Shanghai local time (UTC+8) as epoch ms. */
const local = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h - 8, mi);
// Tuesdays 16, 23, 30 Dec 2025, 02:00-03:00 local: the office's night load is about 20 kW.
const TUESDAYS = [16, 23, 30].map((d) => ({ y: 2025, mo: 12, d }));

const learn = (e: ReturnType<typeof engineWith>, weeks: typeof TUESDAYS) => {
  for (const { y, mo, d } of weeks) {
    [19, 20, 21, 20].forEach((kw, q) => expect(feed(e, 'off1', local(y, mo, d, 2, q * 15), { power_kw: kw })).toEqual([]));
  }
};

describe('consumption anomaly', () => {
  it('uses the median and the MAD: one outlier barely moves them', () => {
    // [19,20,21,20,500]: median 20; |x - 20| = [1,0,1,0,480] -> MAD 1
    expect(mad([19, 20, 21, 20, 500])).toEqual({ median: 20, mad: 1 });
    // limit = max(4 x 1.4826 x 1, 5) = 5.93: 26 is anomalous, 25 is not
    expect(judge([19, 20, 21, 20, 500], 26, { k: 4, min_deviation: 5, direction: 'above' })).toMatchObject({ anomalous: true, median: 20 });
    expect(judge([19, 20, 21, 20, 500], 25, { k: 4, min_deviation: 5, direction: 'above' }).anomalous).toBe(false);
  });

  it('puts a time in its weekday x hour slot of the park zone', () => {
    // Tue 6 Jan 2026 02:10 in Shanghai is Mon 18:10 UTC: slot Tuesday (2) x 24 + 2 = 50
    expect(weekHourSlot(local(2026, 1, 6, 2, 10), 'Asia/Shanghai')).toBe(50);
  });

  it('raises night load far above the usual for that weekday and hour, after 3 weeks of learning, and clears', () => {
    // Baseline of slot Tue 02: [19,20,21,20] x 3 weeks = 12 quarters: median 20, MAD 0.5 -> limit max(2.97, 5) = 5.
    // Tue 6 Jan: 02:00-02:15 at 80 kW (left on), judged when 02:15 arrives -> raised; 02:15-02:30 at 21 -> cleared at 02:30.
    const e = engineWith(rule);
    learn(e, TUESDAYS);
    expect(feed(e, 'off1', local(2026, 1, 6, 2, 0), { power_kw: 80 })).toEqual([]); // closes the 30 Dec 02:45 quarter: normal
    const [raised] = feed(e, 'off1', local(2026, 1, 6, 2, 15), { power_kw: 21 });
    expect(raised).toMatchObject({ type: 'raised', kind: 'anomaly', meter: 'off1', value: 80, owner: { scope: 'enterprise', id: 'office' } });
    expect(raised?.message).toContain('power_kw quarter-hour mean 80 against its usual 20 for Tue 02:00 (allowed ±5, 12 past quarters)');
    expectCoded(raised, 'anomaly.deviation', 'anomaly.review');
    expect(raised?.messageParams).toMatchObject({ weekday: 'Tue', hour: '02:00', value: 80, median: 20 });
    expect(raised?.recommendation?.actions).toEqual([{ action: 'review_consumption', target: 'off1' }]);
    expect(feed(e, 'off1', local(2026, 1, 6, 2, 30), { power_kw: 20 })).toMatchObject([{ type: 'cleared', value: 21 }]);
  });

  it('says nothing during the learning period', () => {
    const e = engineWith(rule);
    learn(e, TUESDAYS.slice(0, 2)); // 8 quarters < 12
    feed(e, 'off1', local(2025, 12, 30, 2, 0), { power_kw: 80 });
    expect(feed(e, 'off1', local(2025, 12, 30, 2, 15), { power_kw: 20 })).toEqual([]);
  });
});
