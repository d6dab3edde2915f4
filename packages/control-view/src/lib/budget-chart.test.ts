import type { BudgetFigure } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { budgetBar, budgetCumulativeOption, niceCeil } from './budget-chart.js';

const D = 86_400_000;
// A 3-day period of 30 tce; 12 used by the end of day 1 with 1/3 planned -> forecast 36 (120 %), red.
const FIGURE: BudgetFigure = {
  status: 'ok', unit: 'tce', budget: 30, actual: 12, planned: 10, forecast: 36, forecastRatio: 1.2, progress: 0.4, level: 'red', reasons: [],
  series: [
    { tsMs: 0, actual: 0, plan: 0, forecast: null },
    { tsMs: D, actual: 12, plan: 10, forecast: 12 },
    { tsMs: 2 * D, actual: null, plan: 20, forecast: 24 },
    { tsMs: 3 * D, actual: null, plan: 30, forecast: 36 },
  ],
};

describe('budgetBar', () => {
  it('12 of 30 used = 40 %, the plan tick at 10 / 30 = 33.3 %, forecast 120 %', () => {
    const b = budgetBar(FIGURE)!;
    expect(b.usedPct).toBeCloseTo(40, 9);
    expect(b.fillPct).toBeCloseTo(40, 9);
    expect(b.plannedPct).toBeCloseTo(100 / 3, 9);
    expect(b.forecastPct).toBeCloseTo(120, 9);
  });

  it('over budget the fill stops at 100 % but the figure says 150 %', () => {
    const b = budgetBar({ ...FIGURE, actual: 45, progress: 1.5 })!;
    expect(b.usedPct).toBeCloseTo(150, 9);
    expect(b.fillPct).toBe(100);
  });

  it('no budget, no bar', () => {
    expect(budgetBar({ status: 'budget_not_set', unit: 'tce', actual: 3, series: [] })).toBeNull();
  });
});

describe('niceCeil', () => {
  it('rounds up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 or 10 times a power of ten', () => {
    expect(niceCeil(38.7)).toBe(40);
    expect(niceCeil(0.42)).toBeCloseTo(0.5, 12);
    expect(niceCeil(50_400)).toBe(60_000);
    expect(niceCeil(1260)).toBe(1500);
    expect(niceCeil(40)).toBe(40);
    expect(niceCeil(0)).toBe(1);
  });
});

describe('budgetCumulativeOption', () => {
  const option = budgetCumulativeOption({
    figure: FIGURE,
    periodMs: [0, 3 * D],
    names: { actual: 'Actual', plan: 'Plan', forecast: 'Forecast', budget: 'Budget' },
    unit: 'tce',
    formatAxisTime: String,
    formatTooltipTime: String,
    formatValue: (v) => `${v} tce`,
  }) as { series: { id: string; data: [number, number][]; lineStyle: { color: string }; markLine?: { data: { yAxis: number }[] } }[]; yAxis: { max: number }; xAxis: { min: number; max: number } };

  it('actual runs to now, the forecast from now to the end, the plan over the whole period', () => {
    const by = new Map(option.series.map((s) => [s.id, s]));
    expect(by.get('actual')?.data).toEqual([[0, 0], [D, 12]]);
    expect(by.get('forecast')?.data).toEqual([[D, 12], [2 * D, 24], [3 * D, 36]]);
    expect(by.get('plan')?.data).toHaveLength(4);
  });

  it('draws the budget line at 30 tce, the forecast in the level colour (red), and an axis reaching above 36 x 1.05 = 37.8 -> 40', () => {
    const plan = option.series.find((s) => s.id === 'plan');
    expect(plan?.markLine?.data).toEqual([{ yAxis: 30 }]);
    expect(option.series.find((s) => s.id === 'forecast')?.lineStyle.color).toBe('#f87171');
    expect(option.yAxis.max).toBe(40);
    expect([option.xAxis.min, option.xAxis.max]).toEqual([0, 3 * D]);
  });

  it('without a budget: no plan or budget line, a grey forecast', () => {
    const o = budgetCumulativeOption({
      figure: { status: 'budget_not_set', unit: 'tce', actual: 12, series: FIGURE.series.map((p) => ({ ...p, plan: null })) },
      periodMs: [0, 3 * D], names: { actual: 'A', plan: 'P', forecast: 'F', budget: 'B' }, unit: 'tce', formatAxisTime: String, formatTooltipTime: String, formatValue: String,
    }) as { series: { id: string; lineStyle: { color: string } }[] };
    expect(o.series.map((s) => s.id)).toEqual(['actual', 'forecast']);
    expect(o.series[1]?.lineStyle.color).toBe('#64748b');
  });
});
