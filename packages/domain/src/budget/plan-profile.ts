import { periodOf } from '../time/periods.js';
import { zonedToUtcMs } from '../time/zoned-time.js';

/** A stretch of a budget period with its planned share (a weight, in any unit). */
export interface PlanSegment {
  readonly startMs: number;
  readonly endMs: number;
  readonly weight: number;
}

/**
 * A seasonal plan for a year: one segment per local calendar month of `year` in
 * `timeZone`, weighted by `monthWeights` (12 non-negative numbers, e.g. last year's use).
 */
export function monthlyPlan(year: number, timeZone: string, monthWeights: readonly number[]): PlanSegment[] {
  if (monthWeights.length !== 12 || !monthWeights.every((w) => Number.isFinite(w) && w >= 0)) {
    throw new RangeError('monthWeights must be 12 finite numbers >= 0');
  }
  if (monthWeights.every((w) => w === 0)) throw new RangeError('monthWeights must not all be zero');
  return monthWeights.map((weight, i) => {
    const p = periodOf('month', zonedToUtcMs({ year, month: i + 1, day: 15, hour: 12, minute: 0, second: 0 }, timeZone), timeZone);
    return { startMs: p.startMs, endMs: p.endMs, weight };
  });
}

/**
 * Share of the plan due by `nowMs`, 0-1: whole segments before now, plus the elapsed
 * part of the current segment in proportion to time.
 */
export function planShareAt(plan: readonly PlanSegment[], nowMs: number): number {
  const total = plan.reduce((sum, s) => sum + s.weight, 0);
  if (!(total > 0)) throw new RangeError('a plan needs a positive total weight');
  let due = 0;
  for (const s of plan) {
    if (nowMs >= s.endMs) due += s.weight;
    else if (nowMs > s.startMs) due += (s.weight * (nowMs - s.startMs)) / (s.endMs - s.startMs);
  }
  return due / total;
}
