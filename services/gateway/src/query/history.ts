import type { HistoryResolution, Meter, QuantityName } from '@lingtan/schema';
import { DELTA_SUFFIX, QUANTITIES } from '@lingtan/schema';
import type { AggregatePoint, TelemetryPoint, TimeSeriesStore } from '@lingtan/store';
import { ApiFailure } from '../http/api-error.js';
import { bucketStartOf, foldBuckets } from './buckets.js';
import type { Fold } from './buckets.js';

/** Most raw points one history request reads, whatever the resolution. */
export const MAX_RAW_POINTS = 500_000;

export interface HistoryRequest {
  readonly park: string;
  readonly timeZone: string;
  readonly meters: readonly Meter[];
  readonly quantity: QuantityName;
  readonly fromMs: number;
  readonly toMs: number;
  readonly resolution: HistoryResolution;
  readonly stat: 'mean' | 'max';
}

export interface HistorySeries {
  readonly meter: string;
  readonly enterprise: string;
  readonly quantity: string;
  readonly unit: string;
  readonly points: [number, number][];
}

/**
 * The stored field a quantity reads and how it folds: a cumulative register sums its interval
 * deltas (`{q}_delta`), an instant quantity takes the mean or maximum of its samples. The
 * rollups hold delta sums and `*_kw` means and maxima, so only those can come from aggregates.
 */
export function fieldOf(quantity: QuantityName, stat: 'mean' | 'max'): { field: string; fold: Fold; aggregateField?: string } {
  if (QUANTITIES[quantity].kind === 'cumulative') {
    const field = `${quantity}${DELTA_SUFFIX}`;
    return { field, fold: 'sum', aggregateField: `sum_${field}` };
  }
  return { field: quantity, fold: stat, ...(quantity.endsWith('_kw') ? { aggregateField: `${stat}_${quantity}` } : {}) };
}

async function rawPoints(store: TimeSeriesStore, r: HistoryRequest, meter: Meter): Promise<TelemetryPoint[]> {
  const points = await store.query({ park: r.park, enterprise: meter.enterprise, meter: meter.id, fromMs: r.fromMs, toMs: r.toMs, limit: MAX_RAW_POINTS + 1 });
  if (points.length > MAX_RAW_POINTS) throw new ApiFailure(400, 'range_too_large', `more than ${MAX_RAW_POINTS} points in range; shorten it or choose a coarser resolution`, 'to');
  return points;
}

async function aggregates(store: TimeSeriesStore, r: HistoryRequest, meter: Meter, resolution: '15m' | '1h' | '1d'): Promise<AggregatePoint[]> {
  return store.queryAggregates({ park: r.park, enterprise: meter.enterprise, meter: meter.id, fromMs: r.fromMs, toMs: r.toMs, resolution, timeZone: r.timeZone });
}

const samplesOf = (points: readonly TelemetryPoint[], field: string): [number, number][] =>
  points.flatMap((p) => (p.values[field] === undefined ? [] : [[p.tsMs, p.values[field]] as [number, number]]));

/** One meter's series at the request's resolution, from the coarsest stored form that answers. */
async function seriesOf(store: TimeSeriesStore, r: HistoryRequest, meter: Meter): Promise<[number, number][]> {
  const { field, fold, aggregateField } = fieldOf(r.quantity, r.stat);
  if (r.resolution === 'raw') return samplesOf(await rawPoints(store, r, meter), QUANTITIES[r.quantity].kind === 'cumulative' ? r.quantity : field);
  if (r.resolution === '1m') return foldBuckets(samplesOf(await rawPoints(store, r, meter), field), bucketStartOf('1m', r.timeZone), fold);
  const base = r.resolution === '1mo' ? '1d' : r.resolution;
  let buckets: [number, number][];
  if (aggregateField !== undefined) {
    buckets = (await aggregates(store, r, meter, base)).flatMap((a) => (a.values[aggregateField] === undefined ? [] : [[a.startMs, a.values[aggregateField]] as [number, number]]));
  } else {
    buckets = foldBuckets(samplesOf(await rawPoints(store, r, meter), field), bucketStartOf(base, r.timeZone), fold);
  }
  // Months from local days: sums add up, maxima take the largest; a month's mean is the mean of its daily means.
  return r.resolution === '1mo' ? foldBuckets(buckets, bucketStartOf('1mo', r.timeZone), fold) : buckets;
}

/** History of one quantity for some meters (one series per meter, in request order). */
export async function history(store: TimeSeriesStore, r: HistoryRequest): Promise<HistorySeries[]> {
  return Promise.all(
    r.meters.map(async (m) => ({ meter: m.id, enterprise: m.enterprise, quantity: r.quantity, unit: QUANTITIES[r.quantity].unit, points: await seriesOf(store, r, m) })),
  );
}
