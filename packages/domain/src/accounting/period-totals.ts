import type { Meter } from '@lingtan/schema';
import type { RegistryIndex } from '../registry-index.js';
import type { Period } from '../time/periods.js';
import type { FactorChoice } from './factor-choice.js';
import { ENERGY_CARRIERS, addActivity, addPoint, carbonTotals, emptyActivity } from './interval-totals.js';
import type { ActivitySum, CarbonTotals, DeltaPoint } from './interval-totals.js';

/** tce and CO2 of one period, per meter, per enterprise and for the park. */
export interface PeriodTotals {
  readonly period: Period;
  readonly meters: Readonly<Record<string, CarbonTotals>>;
  readonly enterprises: Readonly<Record<string, CarbonTotals>>;
  readonly park: CarbonTotals;
}

/** Points left out, by reason: not an accounting meter, unknown meter, outside every period. */
export interface SkippedPoints {
  readonly notCounted: number;
  readonly unknownMeter: number;
  readonly outsidePeriods: number;
}

export interface AggregateResult {
  readonly periods: readonly PeriodTotals[];
  readonly skipped: SkippedPoints;
}

function counts(meter: Meter, index: RegistryIndex): boolean {
  if (!ENERGY_CARRIERS.includes(meter.carrier) || (meter.role !== 'main' && meter.role !== 'sub')) return false;
  // A sub-meter under a meter of the same enterprise and carrier is already inside that meter's reading.
  return !index.ancestors(meter.id).some((a) => a.enterprise === meter.enterprise && a.carrier === meter.carrier);
}

/**
 * The meters whose deltas make up the enterprise and park totals: energy carriers
 * (electricity, heat, steam, gas, oil), role main or sub, and not below a meter of the same
 * enterprise and carrier (no double counting). Generation, storage and distribution meters
 * are left out: what they carry is counted where it is consumed.
 */
export function accountingMeters(index: RegistryIndex): ReadonlySet<string> {
  return new Set(index.registry.meters.filter((m) => counts(m, index)).map((m) => m.id));
}

/** Index of the period holding a delta stamped `tsMs`: it covers (previous reading, tsMs], so start < ts <= end. */
function periodIndex(periods: readonly Period[], tsMs: number): number {
  let lo = 0;
  let hi = periods.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((periods[mid]?.endMs ?? Infinity) < tsMs) lo = mid + 1;
    else hi = mid;
  }
  const p = periods[lo];
  return p !== undefined && p.startMs < tsMs && tsMs <= p.endMs ? lo : -1;
}

function checkPeriods(periods: readonly Period[]): void {
  periods.forEach((p, i) => {
    const prev = periods[i - 1];
    if (!(p.endMs > p.startMs) || (prev !== undefined && p.startMs < prev.endMs)) {
      throw new RangeError(`periods must be non-empty, sorted and non-overlapping (at ${p.label})`);
    }
  });
}

function rollUp(period: Period, byMeter: Map<string, ActivitySum>, index: RegistryIndex, choice: FactorChoice): PeriodTotals {
  const meters: Record<string, CarbonTotals> = {};
  const byEnterprise = new Map<string, ActivitySum>();
  const park = emptyActivity();
  for (const [meterId, activity] of byMeter) {
    meters[meterId] = carbonTotals(activity, choice);
    const enterprise = index.meter(meterId)?.enterprise ?? '';
    const sum = byEnterprise.get(enterprise) ?? emptyActivity();
    addActivity(sum, activity);
    byEnterprise.set(enterprise, sum);
    addActivity(park, activity);
  }
  const enterprises: Record<string, CarbonTotals> = {};
  for (const [id, activity] of byEnterprise) enterprises[id] = carbonTotals(activity, choice);
  return { period, meters, enterprises, park: carbonTotals(park, choice) };
}

/**
 * Totals of tce and CO2 per period (e.g. from `periodsBetween`), per meter, enterprise and
 * park, from interval deltas and the park's factor choice. A delta stamped t covers the
 * interval ending at t and is counted in the period with start < t <= end; a gap delta
 * spanning several periods lands whole in the period of its end (deltas are not spread).
 */
export function totalsByPeriod(points: Iterable<DeltaPoint>, periods: readonly Period[], index: RegistryIndex, choice: FactorChoice): AggregateResult {
  checkPeriods(periods);
  const counted = accountingMeters(index);
  const acc = periods.map(() => new Map<string, ActivitySum>());
  let notCounted = 0;
  let unknownMeter = 0;
  let outsidePeriods = 0;
  for (const point of points) {
    const meter = index.meter(point.meter);
    if (meter === undefined) unknownMeter += 1;
    else if (!counted.has(meter.id)) notCounted += 1;
    else {
      const byMeter = acc[periodIndex(periods, point.tsMs)];
      if (byMeter === undefined) outsidePeriods += 1;
      else {
        const sum = byMeter.get(meter.id) ?? emptyActivity();
        if (addPoint(sum, { ...point, carrier: meter.carrier }, choice)) byMeter.set(meter.id, sum);
      }
    }
  }
  return {
    periods: periods.map((period, i) => rollUp(period, acc[i] ?? new Map<string, ActivitySum>(), index, choice)),
    skipped: { notCounted, unknownMeter, outsidePeriods },
  };
}
