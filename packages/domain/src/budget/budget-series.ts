import { monthlyPlan } from './plan-profile.js';
import type { PlanSegment } from './plan-profile.js';

const DAY_MS = 86_400_000;

/**
 * The plan the registry's annual budgets are spread by: `monthlyPlan` weighted by each local
 * month's length in days, so `planShareAt` is pro rata by time over the year (the registry
 * holds no seasonal weights; a park that has them passes its own `monthlyPlan`).
 * 2026: January weighs 31 of 365 days.
 */
export function proRataPlan(year: number, timeZone: string): PlanSegment[] {
  return monthlyPlan(year, timeZone, Array.from({ length: 12 }, () => 1)).map((s) => ({ ...s, weight: Math.round((s.endMs - s.startMs) / DAY_MS) }));
}

/** The share (0-1) of a plan's total carried by the segment starting at `startMs` (a month's part of the year). */
export function segmentShare(plan: readonly PlanSegment[], startMs: number): number {
  const total = plan.reduce((sum, s) => sum + s.weight, 0);
  const segment = plan.find((s) => s.startMs === startMs);
  if (segment === undefined || !(total > 0)) throw new RangeError(`no plan segment starts at ${startMs}`);
  return segment.weight / total;
}

/** One local day of a budget period and what was used in it (0 for days to come). */
export interface DayActual {
  readonly startMs: number;
  readonly endMs: number;
  readonly actual: number;
}

/** One point of a cumulative budget chart; null where the line does not run. */
export interface CumulativePoint {
  readonly tsMs: number;
  /** Used since the period start (up to now). */
  readonly actual: number | null;
  /** budget x planned share at tsMs; null without a budget. */
  readonly plan: number | null;
  /** From now to the period end: actual now x share(ts) / share(now), the extrapolation `budgetStatus` makes. */
  readonly forecast: number | null;
}

export interface CumulativeInput {
  /** Every day of the period, in order. */
  readonly days: readonly DayActual[];
  readonly budget: number | null;
  /** Planned share (0-1) of the period's budget due at a time. */
  readonly shareAt: (ms: number) => number;
  readonly nowMs: number;
}

/**
 * The cumulative series of a budget period: a point at the period start, one at each day's
 * end, and one at `nowMs` when now falls inside a day. Actual runs to now, the plan over the
 * whole period, the forecast from now to the end. A day in progress counts what it has used so far.
 */
export function cumulativeSeries(input: CumulativeInput): CumulativePoint[] {
  const { days, budget, shareAt, nowMs } = input;
  const first = days[0];
  if (first === undefined) return [];
  const plan = (ms: number) => (budget === null ? null : budget * shareAt(ms));
  const actualNow = days.reduce((sum, d) => (d.startMs < nowMs ? sum + d.actual : sum), 0);
  const shareNow = shareAt(nowMs);
  // Before any of the plan is due there is nothing to extrapolate from: the actual is the forecast.
  const forecast = (ms: number) => (shareNow > 0 ? (actualNow * shareAt(ms)) / shareNow : actualNow);
  const out: CumulativePoint[] = [{ tsMs: first.startMs, actual: first.startMs <= nowMs ? 0 : null, plan: plan(first.startMs), forecast: nowMs <= first.startMs ? forecast(first.startMs) : null }];
  let cum = 0;
  for (const d of days) {
    if (d.startMs < nowMs && nowMs < d.endMs) out.push({ tsMs: nowMs, actual: cum + d.actual, plan: plan(nowMs), forecast: actualNow });
    if (d.endMs <= nowMs) cum += d.actual;
    out.push({ tsMs: d.endMs, actual: d.endMs <= nowMs ? cum : null, plan: plan(d.endMs), forecast: d.endMs >= nowMs ? forecast(d.endMs) : null });
  }
  return out;
}
