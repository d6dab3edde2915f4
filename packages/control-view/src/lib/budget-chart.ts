import type { BudgetFigure, BudgetPoint, LiveLevel } from '@lingtan/schema';
import type { ChartOption } from '../components/echart.js';

const TEXT = '#c9d4e3';
const AXIS = '#3a4a63';

/** The warning colours of the 双控 levels, as the stylesheet's `--green` ... `--grey`. */
export const LEVEL_COLOURS: Readonly<Record<LiveLevel, string>> = { green: '#4ade80', yellow: '#facc15', orange: '#fb923c', red: '#f87171', grey: '#64748b' };

/** What a budget progress bar shows, in percent of the budget. */
export interface BudgetBar {
  /** actual / budget x 100 (may pass 100). */
  readonly usedPct: number;
  /** The bar's fill width, 0-100. */
  readonly fillPct: number;
  /** Where the plan stands now, 0-100: a tick on the bar. */
  readonly plannedPct: number;
  /** forecast / budget x 100. */
  readonly forecastPct: number;
}

/**
 * A budget figure as a progress bar, or null without a budget. E.g. 12.29 of 30 tce used,
 * 10 planned, forecast 36.87: used 40.97 %, tick at 33.33 %, forecast 122.9 %.
 */
export function budgetBar(f: BudgetFigure): BudgetBar | null {
  if (f.status !== 'ok') return null;
  const clamp = (v: number) => Math.min(100, Math.max(0, v));
  return { usedPct: f.progress * 100, fillPct: clamp(f.progress * 100), plannedPct: clamp((f.planned / f.budget) * 100), forecastPct: f.forecastRatio * 100 };
}

const NICE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * A round axis top at or above `x` (38.7 -> 40, 0.42 -> 0.5, 1260 -> 1500, 50,400 -> 60,000):
 * one that ECharts' own tick interval divides, so no odd top label crowds the one below it.
 */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  const step = NICE_STEPS.find((n) => n * power >= x * (1 - 1e-12)) ?? 10;
  return step * power;
}

const line = (points: readonly BudgetPoint[], key: 'actual' | 'plan' | 'forecast'): [number, number][] =>
  points.flatMap((p) => (p[key] === null ? [] : [[p.tsMs, p[key]] as [number, number]]));

/**
 * The cumulative budget chart of a period: actual (solid, filled) to now, the plan (dashed
 * grey) and the forecast from now to the period end (dashed, in the level's colour), and the
 * budget as a horizontal line; the x axis spans the whole period.
 */
export function budgetCumulativeOption(opts: {
  readonly figure: BudgetFigure;
  readonly periodMs: readonly [number, number];
  readonly names: { readonly actual: string; readonly plan: string; readonly forecast: string; readonly budget: string };
  readonly unit: string;
  readonly formatAxisTime: (ms: number) => string;
  readonly formatTooltipTime: (ms: number) => string;
  readonly formatValue: (v: number) => string;
}): ChartOption {
  const f = opts.figure;
  const level = f.status === 'ok' ? f.level : 'grey';
  const budget = f.status === 'ok' ? f.budget : null;
  const series = [
    { id: 'actual', name: opts.names.actual, type: 'line', data: line(f.series, 'actual'), showSymbol: false, lineStyle: { width: 2, color: '#38bdf8' }, itemStyle: { color: '#38bdf8' }, areaStyle: { opacity: 0.12, color: '#38bdf8' } },
    ...(budget === null
      ? []
      : [
          {
            id: 'plan',
            name: opts.names.plan,
            type: 'line',
            data: line(f.series, 'plan'),
            showSymbol: false,
            lineStyle: { type: 'dashed', width: 1.5, color: '#93a4bf' },
            itemStyle: { color: '#93a4bf' },
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: LEVEL_COLOURS.red, type: 'solid', width: 1 },
              label: { color: TEXT, position: 'insideEndTop', formatter: () => `${opts.names.budget} ${opts.formatValue(budget)}` },
              data: [{ yAxis: budget }],
            },
          },
        ]),
    { id: 'forecast', name: opts.names.forecast, type: 'line', data: line(f.series, 'forecast'), showSymbol: false, lineStyle: { type: 'dashed', width: 2, color: LEVEL_COLOURS[level] }, itemStyle: { color: LEVEL_COLOURS[level] } },
  ];
  const top = Math.max(budget ?? 0, ...f.series.flatMap((p) => [p.actual ?? 0, p.plan ?? 0, p.forecast ?? 0]));
  return {
    animation: false,
    grid: { left: 64, right: 20, top: 36, bottom: 28 },
    legend: { top: 0, textStyle: { color: TEXT } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: number) => opts.formatValue(v),
      axisPointer: { label: { formatter: (p: { value: number }) => opts.formatTooltipTime(p.value) } },
    },
    xAxis: { type: 'time', min: opts.periodMs[0], max: opts.periodMs[1], axisLine: { lineStyle: { color: AXIS } }, axisLabel: { color: TEXT, hideOverlap: true, formatter: (v: number) => opts.formatAxisTime(v) }, splitLine: { show: false } },
    // The budget line must be on the chart (ECharts does not stretch an axis for a markLine), with room for its label.
    yAxis: { type: 'value', name: opts.unit, min: 0, max: niceCeil(top * 1.05), nameTextStyle: { color: TEXT, align: 'right' }, axisLabel: { color: TEXT }, splitLine: { lineStyle: { color: AXIS, opacity: 0.5 } } },
    series,
  };
}
