/**
 * Expected load profiles (基线): for each slot of a local day (an hour or 15 minutes), the
 * median of the same slot on the same weekday over previous weeks, with a p10-p90 band.
 */

/** One slot of a baseline profile; `median`, `p10`, `p90` are null when too few weeks had data. */
export interface ProfileSlot {
  readonly median: number | null;
  readonly p10: number | null;
  readonly p90: number | null;
  /** How many weeks had a value in this slot. */
  readonly weeks: number;
}

/** Fewest weeks with data for a slot to have a baseline: one week is an anecdote, not a baseline. */
export const BASELINE_MIN_WEEKS = 2;

/**
 * The q-quantile (0-1) of ascending `sorted` values, interpolating linearly between closest
 * ranks (Hyndman & Fan type 7, the default of R and NumPy): rank h = (n - 1) q.
 */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be within 0-1, got ${q}`);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (h - lo) * (b - a);
}

/**
 * A day's bucketed points `[startMs, value]` laid into `slotCount` slots of `slotMs` from
 * `dayStartMs` (a slot without a point is null; points outside the day are ignored; two
 * points in one slot add up, as meters of one enterprise do).
 */
export function slotsOfDay(points: readonly (readonly [number, number])[], dayStartMs: number, slotMs: number, slotCount: number): (number | null)[] {
  const slots: (number | null)[] = Array.from({ length: slotCount }, () => null);
  for (const [ts, v] of points) {
    const i = Math.floor((ts - dayStartMs) / slotMs);
    if (i >= 0 && i < slotCount && Number.isFinite(v)) slots[i] = (slots[i] ?? 0) + v;
  }
  return slots;
}

/**
 * The profile of some days' slots (`days[k][slot]`, null = no data): per slot the median and
 * the p10 and p90 of the days that have a value, or nulls (never zero) below `minWeeks` days.
 */
export function weekdayProfile(days: readonly (readonly (number | null)[])[], slotCount: number, minWeeks = BASELINE_MIN_WEEKS): ProfileSlot[] {
  return Array.from({ length: slotCount }, (_, slot) => {
    const values = days.flatMap((d) => {
      const v = d[slot];
      return v === null || v === undefined ? [] : [v];
    });
    if (values.length < minWeeks) return { median: null, p10: null, p90: null, weeks: values.length };
    const sorted = [...values].sort((a, b) => a - b);
    return { median: quantile(sorted, 0.5), p10: quantile(sorted, 0.1), p90: quantile(sorted, 0.9), weeks: values.length };
  });
}
