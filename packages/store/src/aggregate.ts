import { periodOf } from '@lingtan/domain';
import type { Carrier } from '@lingtan/schema';
import type { TelemetryPoint, TelemetryQuery } from './port.js';

/** Rollup resolutions: 15 minutes (the demand window), local hours, local days. */
export const ROLLUP_RESOLUTIONS = ['15m', '1h', '1d'] as const;
export type RollupResolution = (typeof ROLLUP_RESOLUTIONS)[number];

/** An aggregate query: buckets aligned to the park's local time. */
export interface AggregateQuery extends TelemetryQuery {
  readonly resolution: RollupResolution;
  /** IANA zone of the park: days start at local midnight. */
  readonly timeZone: string;
}

/**
 * One meter's bucket: `sum_{q}_delta` (interval energy and volumes: sums of the stored
 * deltas), `mean_{q}_kw` and `max_{q}_kw` (power). Field names as InfluxDB names them.
 */
export interface AggregatePoint {
  readonly park: string;
  readonly enterprise: string;
  readonly meter: string;
  readonly carrier: Carrier;
  /** Start of the bucket, epoch ms. */
  readonly startMs: number;
  readonly values: Readonly<Record<string, number>>;
}

const FIFTEEN_MIN_MS = 15 * 60_000;

/**
 * The start of the bucket holding `ms`. Every zone's offset is a multiple of 15 minutes,
 * so 15-minute buckets align the same in UTC and local time; hours and days come from the
 * zone (a +05:30 zone's hours start at :30 UTC; a day may be 23 or 25 hours long).
 */
export function bucketStart(ms: number, resolution: RollupResolution, timeZone: string): number {
  if (resolution === '15m') return Math.floor(ms / FIFTEEN_MIN_MS) * FIFTEEN_MIN_MS;
  return periodOf(resolution === '1h' ? 'hour' : 'day', ms, timeZone).startMs;
}

interface Bucket {
  readonly point: Omit<AggregatePoint, 'values'>;
  readonly sums: Record<string, number>;
  readonly means: Record<string, { sum: number; n: number }>;
  readonly maxima: Record<string, number>;
}

/**
 * Aggregate raw points as the InfluxDB rollups do: per meter and bucket, the sum of every
 * `*_delta` field and the mean and maximum of every `*_kw` field. For stores without
 * materialized rollups (embedded, in-memory) and to check the materialized ones.
 */
export function aggregatePoints(points: readonly TelemetryPoint[], resolution: RollupResolution, timeZone: string): AggregatePoint[] {
  const buckets = new Map<string, Bucket>();
  // Bucket starts change at most every 15 minutes: compute each once.
  const starts = new Map<number, number>();
  for (const p of points) {
    const slot = Math.floor(p.tsMs / FIFTEEN_MIN_MS);
    let startMs = starts.get(slot);
    if (startMs === undefined) {
      startMs = bucketStart(p.tsMs, resolution, timeZone);
      starts.set(slot, startMs);
    }
    const key = `${p.meter}\u0000${p.enterprise}\u0000${p.carrier}\u0000${startMs}`;
    let b = buckets.get(key);
    if (b === undefined) {
      b = { point: { park: p.park, enterprise: p.enterprise, meter: p.meter, carrier: p.carrier, startMs }, sums: {}, means: {}, maxima: {} };
      buckets.set(key, b);
    }
    for (const name in p.values) {
      const v = p.values[name]!;
      if (name.endsWith('_delta')) b.sums[name] = (b.sums[name] ?? 0) + v;
      else if (name.endsWith('_kw')) {
        const m = (b.means[name] ??= { sum: 0, n: 0 });
        m.sum += v;
        m.n++;
        b.maxima[name] = Math.max(b.maxima[name] ?? -Infinity, v);
      }
    }
  }
  return [...buckets.values()]
    .map((b) => {
      const values: Record<string, number> = {};
      for (const [name, v] of Object.entries(b.sums)) values[`sum_${name}`] = v;
      for (const [name, m] of Object.entries(b.means)) values[`mean_${name}`] = m.sum / m.n;
      for (const [name, v] of Object.entries(b.maxima)) values[`max_${name}`] = v;
      return { ...b.point, values };
    })
    .sort((a, b) => a.startMs - b.startMs || a.meter.localeCompare(b.meter));
}
