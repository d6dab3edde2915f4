import { describe, expect, it } from 'vitest';
import { cumulativeSeries, proRataPlan, segmentShare } from './budget-series.js';
import { planShareAt } from './plan-profile.js';

const D = 86_400_000;
const cst = (iso: string) => Date.parse(`${iso}+08:00`);

describe('proRataPlan', () => {
  const plan = proRataPlan(2026, 'Asia/Shanghai');

  it('weighs each month by its days: January 31/365, February 28/365', () => {
    expect(plan.map((s) => s.weight)).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(segmentShare(plan, cst('2026-01-01T00:00:00'))).toBeCloseTo(31 / 365, 12);
    expect(segmentShare(plan, cst('2026-02-01T00:00:00'))).toBeCloseTo(28 / 365, 12);
  });

  it('so planShareAt is pro rata by time: 2026-12-02 00:00 CST is 335 of 365 days -> 91.78 %', () => {
    // Jan..Nov = 31+28+31+30+31+30+31+31+30+31+30 = 334 days, plus 1 day of December.
    expect(planShareAt(plan, cst('2026-12-02T00:00:00'))).toBeCloseTo(335 / 365, 12);
  });

  it('a month that is not in the plan is an error', () => {
    expect(() => segmentShare(plan, cst('2027-01-01T00:00:00'))).toThrow(RangeError);
  });
});

describe('cumulativeSeries', () => {
  // A 4-day period of 100 tce, flat plan; now is noon of day 3 (share 2.5 / 4 = 0.625).
  const start = 0;
  const days = [10, 30, 5, 0].map((actual, i) => ({ startMs: start + i * D, endMs: start + (i + 1) * D, actual }));
  const shareAt = (ms: number) => Math.min(1, Math.max(0, ms / (4 * D)));
  const now = 2.5 * D;
  const series = cumulativeSeries({ days, budget: 100, shareAt, nowMs: now });

  it('actual runs to now: 0, 10, 40, then 45 at noon of day 3 (the day in progress counts)', () => {
    expect(series.map((p) => p.tsMs)).toEqual([0, D, 2 * D, 2.5 * D, 3 * D, 4 * D]);
    expect(series.map((p) => p.actual)).toEqual([0, 10, 40, 45, null, null]);
  });

  it('the plan is budget x share: 0, 25, 50, 62.5, 75, 100', () => {
    expect(series.map((p) => p.plan)).toEqual([0, 25, 50, 62.5, 75, 100]);
  });

  it('the forecast runs from now: 45 now, 45 x 0.75 / 0.625 = 54 at day 3 end, 45 / 0.625 = 72 at the end', () => {
    const f = series.map((p) => p.forecast);
    expect(f.slice(0, 3)).toEqual([null, null, null]);
    expect(f[3]).toBe(45);
    expect(f[4]).toBeCloseTo(54, 9);
    expect(f[5]).toBeCloseTo(72, 9);
  });

  it('without a budget the plan line is absent but actual and forecast remain', () => {
    const s = cumulativeSeries({ days, budget: null, shareAt, nowMs: now });
    expect(s.every((p) => p.plan === null)).toBe(true);
    expect(s.at(-1)?.forecast).toBeCloseTo(72, 9);
  });

  it('now exactly at a day end gives no extra point; that point carries both actual and forecast', () => {
    const s = cumulativeSeries({ days, budget: 100, shareAt, nowMs: 2 * D });
    expect(s.map((p) => p.tsMs)).toEqual([0, D, 2 * D, 3 * D, 4 * D]);
    // 40 used with half the plan due: forecast 80 at the end.
    expect(s[2]).toEqual({ tsMs: 2 * D, actual: 40, plan: 50, forecast: 40 });
    expect(s[4]?.forecast).toBeCloseTo(80, 9);
  });
});
