import { describe, expect, it } from 'vitest';
import { quantile, slotsOfDay, weekdayProfile } from './profile.js';

describe('quantile (type 7)', () => {
  it('[10, 20, 30, 40]: median at rank 1.5 = 25; p10 at rank 0.3 = 10 + 0.3 * 10 = 13; p90 at rank 2.7 = 30 + 0.7 * 10 = 37', () => {
    expect(quantile([10, 20, 30, 40], 0.5)).toBeCloseTo(25, 12);
    expect(quantile([10, 20, 30, 40], 0.1)).toBeCloseTo(13, 12);
    expect(quantile([10, 20, 30, 40], 0.9)).toBeCloseTo(37, 12);
  });

  it('one value is every quantile; none is an error', () => {
    expect(quantile([7], 0.9)).toBe(7);
    expect(() => quantile([], 0.5)).toThrow(RangeError);
  });
});

describe('slotsOfDay', () => {
  it('puts hourly buckets into their hour; a missing hour is null, not zero; two meters add up', () => {
    const H = 3_600_000;
    const day = 1_000 * H;
    // hour 0: 100 + 20 (two meters), hour 2: 50, hour 1 missing, a point of the next day ignored.
    expect(slotsOfDay([[day, 100], [day, 20], [day + 2 * H, 50], [day + 24 * H, 9]], day, H, 3)).toEqual([120, null, 50]);
  });
});

describe('weekdayProfile', () => {
  it('four Mondays at 09:00 of 100, 140, 120, 300 kW: median (120 + 140) / 2 = 130, p10 rank 0.3 -> 106, p90 rank 2.7 -> 140 + 0.7 * 160 = 252', () => {
    const p = weekdayProfile([[100], [140], [120], [300]], 1);
    expect(p[0]?.median).toBeCloseTo(130, 12);
    expect(p[0]?.p10).toBeCloseTo(106, 12);
    expect(p[0]?.p90).toBeCloseTo(252, 12);
    expect(p[0]?.weeks).toBe(4);
  });

  it('a slot seen in only one week has no baseline (null, never 0); two weeks suffice', () => {
    const p = weekdayProfile([[5, null, 8], [null, null, 10], [null, null, null]], 3);
    expect(p[0]).toEqual({ median: null, p10: null, p90: null, weeks: 1 });
    expect(p[1]).toEqual({ median: null, p10: null, p90: null, weeks: 0 });
    // [8, 10]: median 9, p10 = 8 + 0.1 * 2 = 8.2, p90 = 8 + 0.9 * 2 = 9.8
    expect(p[2]?.median).toBeCloseTo(9, 12);
    expect(p[2]?.p10).toBeCloseTo(8.2, 12);
    expect(p[2]?.p90).toBeCloseTo(9.8, 12);
  });

  it('a zero reading is a value (a plant shut down counts), unlike a missing one', () => {
    expect(weekdayProfile([[0], [0]], 1)[0]).toEqual({ median: 0, p10: 0, p90: 0, weeks: 2 });
  });
});
