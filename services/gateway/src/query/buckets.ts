import { periodOf } from '@lingtan/domain';
import { bucketStart } from '@lingtan/store';
import type { RollupResolution } from '@lingtan/store';

/** How a bucket folds its samples: energy sums interval deltas; power takes the mean or the maximum. */
export type Fold = 'sum' | 'mean' | 'max';

/** A running fold of one bucket. */
interface Acc {
  sum: number;
  n: number;
  max: number;
}

/** Fold `[ts, value]` samples into buckets keyed by `startOf(ts)`; output sorted by bucket start. */
export function foldBuckets(samples: Iterable<readonly [number, number]>, startOf: (ms: number) => number, fold: Fold): [number, number][] {
  const buckets = new Map<number, Acc>();
  for (const [ts, v] of samples) {
    const start = startOf(ts);
    const acc = buckets.get(start) ?? { sum: 0, n: 0, max: -Infinity };
    acc.sum += v;
    acc.n += 1;
    acc.max = Math.max(acc.max, v);
    buckets.set(start, acc);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, acc]) => [start, fold === 'sum' ? acc.sum : fold === 'mean' ? acc.sum / acc.n : acc.max]);
}

/** Bucket starts at local-time boundaries of `timeZone`: minutes (every zone's offset is whole minutes), rollup resolutions, months. */
export function bucketStartOf(resolution: '1m' | RollupResolution | '1mo', timeZone: string): (ms: number) => number {
  switch (resolution) {
    case '1m':
      return (ms) => Math.floor(ms / 60_000) * 60_000;
    case '1mo': {
      // Month starts change rarely: remember the current month's bounds.
      let lo = Infinity;
      let hi = -Infinity;
      return (ms) => {
        if (ms < lo || ms >= hi) {
          const p = periodOf('month', ms, timeZone);
          lo = p.startMs;
          hi = p.endMs;
        }
        return lo;
      };
    }
    case '15m':
    case '1h':
    case '1d':
      return (ms) => bucketStart(ms, resolution, timeZone);
  }
}
