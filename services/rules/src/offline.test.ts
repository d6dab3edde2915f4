import { fixedClock } from '@lingtan/domain';
import { describe, expect, it } from 'vitest';
import { OfflineTracker } from './offline.js';

describe('OfflineTracker', () => {
  it('flags a meter after k nominal intervals without a reading, once, and clears it on the next reading', () => {
    // 15 s meter, k = 3 -> 45 s. Watch starts at 0; readings at 10 s and 20 s.
    //   60 s: silent 40 s, online | 65 s: silent 45 s -> offline | 70 s: still offline, not reported again
    //   80 s: a reading -> back | 100 s: silent 20 s, online
    const clock = fixedClock(0);
    const t = new OfflineTracker(new Map([['m-1', 45_000]]), clock.nowMs());
    t.seen('m-1', 10_000);
    t.seen('m-1', 20_000);
    clock.set(60_000);
    expect(t.evaluate(clock.nowMs())).toEqual([]);
    clock.set(65_000);
    expect(t.evaluate(clock.nowMs())).toEqual([{ meter: 'm-1', lastRxMs: 20_000, silentMs: 45_000, timeoutMs: 45_000 }]);
    clock.set(70_000);
    expect(t.evaluate(clock.nowMs())).toEqual([]);
    expect(t.isOffline('m-1')).toBe(true);
    expect(t.seen('m-1', 80_000)).toBe(true);
    clock.set(100_000);
    expect(t.evaluate(clock.nowMs())).toEqual([]);
    expect(t.isOffline('m-1')).toBe(false);
  });

  it('counts a meter never heard from from the start of the watch, not from the epoch', () => {
    const t = new OfflineTracker(new Map([['m-silent', 60_000]]), 1_000_000);
    expect(t.evaluate(1_030_000)).toEqual([]);
    expect(t.evaluate(1_060_000)).toEqual([{ meter: 'm-silent', lastRxMs: undefined, silentMs: 60_000, timeoutMs: 60_000 }]);
  });

  it('keeps the latest receive time when readings arrive out of order, and ignores unwatched meters', () => {
    const t = new OfflineTracker(new Map([['m-1', 10_000]]), 0);
    t.seen('m-1', 50_000);
    t.seen('m-1', 40_000);
    expect(t.seen('m-other', 1)).toBe(false);
    expect(t.evaluate(59_999)).toEqual([]);
    expect(t.evaluate(60_000).map((o) => o.meter)).toEqual(['m-1']);
  });
});
