import { describe, expect, it } from 'vitest';
import { bucketStartOf, foldBuckets } from './buckets.js';

const TZ = 'Asia/Shanghai';
const local = (iso: string) => Date.parse(`${iso}+08:00`);

describe('foldBuckets', () => {
  it('sums, averages or takes the maximum per local hour', () => {
    // 00:15 40, 00:30 80, 00:45 120 -> hour 00:00: sum 240, mean 80, max 120; 01:00 160 -> hour 01:00.
    const samples: [number, number][] = [
      [local('2026-11-10T00:15:00'), 40],
      [local('2026-11-10T00:30:00'), 80],
      [local('2026-11-10T00:45:00'), 120],
      [local('2026-11-10T01:00:00'), 160],
    ];
    const hour = bucketStartOf('1h', TZ);
    expect(foldBuckets(samples, hour, 'sum')).toEqual([
      [local('2026-11-10T00:00:00'), 240],
      [local('2026-11-10T01:00:00'), 160],
    ]);
    expect(foldBuckets(samples, hour, 'mean')[0]).toEqual([local('2026-11-10T00:00:00'), 80]);
    expect(foldBuckets(samples, hour, 'max')[0]).toEqual([local('2026-11-10T00:00:00'), 120]);
  });

  it('cuts months at local midnight of the first, not at UTC', () => {
    // 2026-10-31T23:30+08:00 is 15:30 UTC on the 31st: October locally; 2026-11-01T00:30+08:00 is still Oct 31 in UTC but November locally.
    const month = bucketStartOf('1mo', TZ);
    expect(month(local('2026-10-31T23:30:00'))).toBe(local('2026-10-01T00:00:00'));
    expect(month(local('2026-11-01T00:30:00'))).toBe(local('2026-11-01T00:00:00'));
    expect(foldBuckets([[local('2026-10-31T23:30:00'), 1], [local('2026-11-01T00:30:00'), 2], [local('2026-11-20T00:00:00'), 3]], month, 'sum')).toEqual([
      [local('2026-10-01T00:00:00'), 1],
      [local('2026-11-01T00:00:00'), 5],
    ]);
  });

  it('minutes and days follow the zone', () => {
    expect(bucketStartOf('1m', TZ)(local('2026-11-10T00:15:42'))).toBe(local('2026-11-10T00:15:00'));
    expect(bucketStartOf('1d', TZ)(local('2026-11-10T07:59:00'))).toBe(local('2026-11-10T00:00:00'));
  });
});
