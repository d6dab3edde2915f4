import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { budgetStatus } from './budget.js';
import type { BudgetSettings } from './budget.js';
import { intensityPer10kCny, intensityPerUnit, intensityTrend } from './intensity.js';
import { monthlyPlan, planShareAt } from './plan-profile.js';

const utc = (y: number, mo: number, d: number, h = 0): number => Date.UTC(y, mo - 1, d, h);
const SETTINGS: BudgetSettings = { bands: { yellow: 0.9, orange: 1.0, red: 1.1 }, minCompleteness: 0.95 };
// A winter-heavy plan; the weights add up to 12.
const WEIGHTS = [1.2, 1.0, 1.0, 0.9, 0.9, 1.0, 1.1, 1.1, 0.9, 0.9, 1.0, 1.0];

describe('seasonal plan', () => {
  const plan = monthlyPlan(2024, 'Asia/Shanghai', WEIGHTS);

  it('at 2024-04-01 00:00 CST, (1.2 + 1.0 + 1.0) / 12 = 26.67 % of the plan is due', () => {
    expect(plan[0]?.startMs).toBe(utc(2023, 12, 31, 16));
    expect(planShareAt(plan, utc(2024, 3, 31, 16))).toBeCloseTo(3.2 / 12, 12);
  });

  it('mid-month counts the elapsed part: 2024-04-16 00:00 CST is 15 of 30 April days -> (3.2 + 0.45) / 12', () => {
    expect(planShareAt(plan, utc(2024, 4, 15, 16))).toBeCloseTo(3.65 / 12, 12);
  });

  it('is 0 before the year and 1 after it', () => {
    expect(planShareAt(plan, utc(2023, 6, 1))).toBe(0);
    expect(planShareAt(plan, utc(2025, 6, 1))).toBeCloseTo(1, 12);
  });
});

describe('budgetStatus', () => {
  it('12,000 tce budget, 3,400 tce used by end of March: forecast 3,400 / 0.26667 = 12,750 tce = 106.25 % -> orange', () => {
    const s = budgetStatus({ budget: 12_000, actual: 3400, planShareAtNow: 3.2 / 12, completeness: 0.99 }, SETTINGS);
    expect(s.forecast).toBeCloseTo(12_750, 6);
    expect(s.forecastRatio).toBeCloseTo(1.0625, 9);
    expect(s.progress).toBeCloseTo(3400 / 12_000, 12);
    expect(s.level).toBe('orange');
    expect(s.reasons).toContain('forecast 106.3% of budget at period end');
  });

  it('levels by band: 2,800 tce -> 87.5 % green; 3,000 -> 93.75 % yellow; 3,600 -> 112.5 % red', () => {
    const at = (actual: number) => budgetStatus({ budget: 12_000, actual, planShareAtNow: 3.2 / 12, completeness: 1 }, SETTINGS).level;
    expect([at(2800), at(3000), at(3600)]).toEqual(['green', 'yellow', 'red']);
  });

  it('is grey when completeness is below the threshold, and says why', () => {
    const s = budgetStatus({ budget: 12_000, actual: 3600, planShareAtNow: 3.2 / 12, completeness: 0.8 }, SETTINGS);
    expect(s.level).toBe('grey');
    expect(s.reasons.at(-1)).toBe('metering completeness 80.0% below 95.0%');
  });

  it('is red once the budget is spent, whatever the bands', () => {
    const loose = { ...SETTINGS, bands: { yellow: 5, orange: 6, red: 7 } };
    expect(budgetStatus({ budget: 100, actual: 100, planShareAtNow: 0.5, completeness: 1 }, loose).level).toBe('red');
  });

  it('refuses bands out of order and fractions out of range', () => {
    expect(() => budgetStatus({ budget: 1, actual: 0, planShareAtNow: 0.5, completeness: 1 }, { ...SETTINGS, bands: { yellow: 1.1, orange: 1.0, red: 1.2 } })).toThrow(/ascending/);
    expect(() => budgetStatus({ budget: 1, actual: 0, planShareAtNow: 1.5, completeness: 1 }, SETTINGS)).toThrow(/planShareAtNow/);
  });

  it('level never improves as actual use grows (same plan, same data)', () => {
    const rank = { green: 0, yellow: 1, orange: 2, red: 3, grey: -1 } as const;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), (a, extra, share) => {
        const lvl = (actual: number) => rank[budgetStatus({ budget: 1e5, actual, planShareAtNow: share, completeness: 1 }, SETTINGS).level];
        expect(lvl(a + extra)).toBeGreaterThanOrEqual(lvl(a));
      }),
    );
  });
});

describe('intensity', () => {
  it('176.8755 tce on 5,000,000 CNY output = 500 x 万元 -> 0.353751 tce/万元', () => {
    const i = intensityPer10kCny(176.8755, 5_000_000);
    expect(i.ok && i.value).toBeCloseTo(0.353751, 9);
  });

  it('no output is a reason, not a division by zero', () => {
    expect(intensityPer10kCny(10, 0)).toEqual({ ok: false, reason: 'no_output' });
    expect(intensityPerUnit(10, 0)).toEqual({ ok: false, reason: 'no_output' });
    expect(intensityPerUnit(1200, 400)).toEqual({ ok: true, value: 3 });
  });

  it('against last year: 0.36 vs 0.33 tce/万元 is +9.1 % -> orange with bands 1.00/1.05/1.10', () => {
    const bands = { yellow: 1.0, orange: 1.05, red: 1.1 };
    const t = intensityTrend({ ok: true, value: 0.36 }, { ok: true, value: 0.33 }, bands);
    expect(t.ratio).toBeCloseTo(1.0909, 4);
    expect(t.level).toBe('orange');
    expect(intensityTrend({ ok: true, value: 0.3 }, { ok: true, value: 0.33 }, bands).level).toBe('green');
    expect(intensityTrend({ ok: true, value: 0.3 }, { ok: false, reason: 'no_output' }, bands).level).toBe('grey');
  });
});
