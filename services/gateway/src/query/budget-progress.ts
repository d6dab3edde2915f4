import { accountingMeters, addPoint, budgetStatus, carbonTotals, cumulativeSeries, emptyActivity, periodOf, periodsBetween, planShareAt, proRataPlan, segmentShare } from '@lingtan/domain';
import type { BudgetSettings, DayActual, DeltaPoint, FactorChoice, Period, PlanSegment, RegistryIndex } from '@lingtan/domain';
import type { Budgets, BudgetFigure, BudgetsResponse } from '@lingtan/schema';
import { tonnes } from './accounting.js';
import type { Scope } from './accounting.js';

type PeriodBody = BudgetsResponse['year'];

export interface BudgetProgressInput {
  readonly scope: Exclude<Scope, { kind: 'meter' }>;
  readonly budgets: Budgets | undefined;
  /** Daily delta points of the scope over the local year holding `nowMs` (`dailyDeltaPoints`). */
  readonly points: readonly DeltaPoint[];
  readonly registry: RegistryIndex;
  readonly choice: FactorChoice;
  readonly settings: BudgetSettings;
  readonly timeZone: string;
  readonly nowMs: number;
}

interface Daily {
  readonly days: readonly Period[];
  readonly tce: readonly number[];
  readonly co2T: readonly number[];
  /** Day starts with at least one reading of the scope. */
  readonly withData: ReadonlySet<number>;
}

/**
 * Per-day tce and tCO2 of the scope, counted as `totalsByPeriod` counts them (accounting
 * meters only, the scope's activity summed, then converted once), but with one conversion per
 * day for the scope alone: `totalsByPeriod` converts every meter and enterprise of every one
 * of the year's 365 periods, which took 1.7 s for a 30-meter park.
 */
// The local days of a year, kept: 365 time-zone conversions cost ~50-120 ms on these machines.
const yearDays = new Map<string, readonly Period[]>();
function daysOf(year: Period, timeZone: string): readonly Period[] {
  const key = `${timeZone}|${year.startMs}`;
  let days = yearDays.get(key);
  if (days === undefined) {
    days = periodsBetween('day', year.startMs, year.endMs, timeZone);
    if (yearDays.size > 8) yearDays.clear();
    yearDays.set(key, days);
  }
  return days;
}

function dailyFigures(input: BudgetProgressInput, year: Period): Daily {
  const days = daysOf(year, input.timeZone);
  const dayIndex = new Map(days.map((d, i) => [d.startMs, i]));
  const counted = accountingMeters(input.registry);
  const sums = days.map(() => emptyActivity());
  const withData = new Set<number>();
  for (const p of input.points) {
    // Points are stamped 1 ms after their day's start (dailyDeltaPoints).
    const i = dayIndex.get(p.tsMs - 1);
    const meter = input.registry.meter(p.meter);
    if (i === undefined || meter === undefined) continue;
    if (input.scope.kind === 'enterprise' && meter.enterprise !== input.scope.id) continue;
    withData.add(p.tsMs - 1);
    if (counted.has(meter.id)) addPoint(sums[i]!, { ...p, carrier: meter.carrier }, input.choice);
  }
  const totals = sums.map((a) => carbonTotals(a, input.choice));
  return { days, tce: totals.map((t) => t.tce), co2T: totals.map((t) => tonnes(t.co2Kg)), withData };
}

function figure(budget: number | undefined, unit: string, days: readonly DayActual[], shareAt: (ms: number) => number, completeness: number, input: BudgetProgressInput): BudgetFigure {
  const actual = days.reduce((sum, d) => (d.startMs < input.nowMs ? sum + d.actual : sum), 0);
  const series = cumulativeSeries({ days, budget: budget ?? null, shareAt, nowMs: input.nowMs });
  if (budget === undefined || !(budget > 0)) return { status: 'budget_not_set', unit, actual, series };
  const shareNow = shareAt(input.nowMs);
  const s = budgetStatus({ budget, actual, planShareAtNow: shareNow, completeness }, input.settings);
  return { status: 'ok', unit, budget, actual, planned: budget * shareNow, forecast: s.forecast, forecastRatio: s.forecastRatio, progress: s.progress, level: s.level, reasons: [...s.reasons], series };
}

function periodBody(period: Period, unit: 'year' | 'month', daily: Daily, budgetScale: number, shareAt: (ms: number) => number, input: BudgetProgressInput): PeriodBody {
  const idx = daily.days.flatMap((d, i) => (d.startMs >= period.startMs && d.endMs <= period.endMs ? [i] : []));
  const elapsed = idx.filter((i) => daily.days[i]!.startMs < input.nowMs);
  const completeness = elapsed.length === 0 ? 1 : elapsed.filter((i) => daily.withData.has(daily.days[i]!.startMs)).length / elapsed.length;
  const daysOf = (values: readonly number[]): DayActual[] => idx.map((i) => ({ startMs: daily.days[i]!.startMs, endMs: daily.days[i]!.endMs, actual: values[i] ?? 0 }));
  const scaled = (annual: number | undefined) => (annual === undefined ? undefined : annual * budgetScale);
  return {
    period: { unit, startMs: period.startMs, endMs: period.endMs, label: period.label },
    planShareNow: shareAt(input.nowMs),
    completeness,
    energyTce: figure(scaled(input.budgets?.year_tce), 'tce', daysOf(daily.tce), shareAt, completeness, input),
    co2T: figure(scaled(input.budgets?.year_tco2), 'tCO₂', daysOf(daily.co2T), shareAt, completeness, input),
  };
}

/**
 * Year-to-date and month-to-date budget progress of the park or an enterprise: the registry's
 * annual budget (the month's part by `proRataPlan`), the actual from the daily rollups through
 * the domain's accounting, the forecast and level by `budgetStatus`, cumulative series per day.
 * Completeness is the share of elapsed days with readings.
 */
export function budgetProgress(input: BudgetProgressInput): Omit<BudgetsResponse, 'scope' | 'id' | 'timezone' | 'factorSet'> {
  const year = periodOf('year', input.nowMs, input.timeZone);
  const month = periodOf('month', input.nowMs, input.timeZone);
  const plan: PlanSegment[] = proRataPlan(Number(year.label), input.timeZone);
  const monthSegment = plan.filter((s) => s.startMs === month.startMs);
  const daily = dailyFigures(input, year);
  const set = input.budgets?.year_tce !== undefined || input.budgets?.year_tco2 !== undefined;
  return {
    asOfMs: input.nowMs,
    status: set ? 'ok' : 'budget_not_set',
    plan: { name: 'pro_rata_days', description: "the registry's annual budget spread over the local year in proportion to time; a month's budget is its days' share of the year" },
    year: periodBody(year, 'year', daily, 1, (ms) => planShareAt(plan, ms), input),
    month: periodBody(month, 'month', daily, segmentShare(plan, month.startMs), (ms) => planShareAt(monthSegment, ms), input),
  };
}
