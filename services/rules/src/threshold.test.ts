import { describe, expect, it } from 'vitest';
import { ThresholdTracker } from './threshold.js';

const MIN = 60_000;

describe('ThresholdTracker', () => {
  it('raises only after the condition has held for the minimum duration', () => {
    // load above 90 % for 2 min, readings every 30 s:
    //   t=0 95 (pending since 0) | 30 s 96 | 60 s 97 | 90 s 98 | 120 s 99 -> raise (held 120 s)
    const t = new ThresholdTracker({ op: 'above', value: 90, minDurationMs: 2 * MIN, hysteresis: 5 });
    const changes = [95, 96, 97, 98, 99].map((v, i) => t.observe('tx1', i * 30_000, v));
    expect(changes.slice(0, 4)).toEqual([undefined, undefined, undefined, undefined]);
    expect(changes[4]).toEqual({ type: 'raise', sinceMs: 0, atMs: 120_000, value: 99 });
    expect(t.isActive('tx1')).toBe(true);
  });

  it('restarts the duration when the condition breaks before the minimum', () => {
    // 0 s 95 (pending) | 60 s 80 (normal again) | 90 s 95 (pending since 90 s) | 180 s 95 (90 s held) | 210 s 95 -> raise
    const t = new ThresholdTracker({ op: 'above', value: 90, minDurationMs: 2 * MIN, hysteresis: 0 });
    expect(t.observe('tx1', 0, 95)).toBeUndefined();
    expect(t.observe('tx1', 60_000, 80)).toBeUndefined();
    expect(t.observe('tx1', 90_000, 95)).toBeUndefined();
    expect(t.observe('tx1', 180_000, 95)).toBeUndefined();
    expect(t.observe('tx1', 210_000, 95)).toEqual({ type: 'raise', sinceMs: 90_000, atMs: 210_000, value: 95 });
  });

  it('clears only once the value is back past the hysteresis band', () => {
    // limit 90, hysteresis 5: raised at 95; 89 and 86 are inside the band (no clear); 85 clears.
    const t = new ThresholdTracker({ op: 'above', value: 90, minDurationMs: 0, hysteresis: 5 });
    expect(t.observe('tx1', 0, 95)?.type).toBe('raise');
    expect(t.observe('tx1', 1000, 89)).toBeUndefined();
    expect(t.observe('tx1', 2000, 86)).toBeUndefined();
    expect(t.observe('tx1', 3000, 91)).toBeUndefined(); // still raised: no second raise
    expect(t.observe('tx1', 4000, 85)).toEqual({ type: 'clear', atMs: 4000, value: 85 });
    expect(t.isActive('tx1')).toBe(false);
  });

  it('works downwards for "below"', () => {
    // state of charge below 10 %, hysteresis 5: 8 raises, 12 stays, 15 clears.
    const t = new ThresholdTracker({ op: 'below', value: 10, minDurationMs: 0, hysteresis: 5 });
    expect(t.observe('ess', 0, 8)?.type).toBe('raise');
    expect(t.observe('ess', 1, 12)).toBeUndefined();
    expect(t.observe('ess', 2, 15)?.type).toBe('clear');
  });

  it('ignores redelivered and late readings, so a replayed batch raises nothing twice', () => {
    const t = new ThresholdTracker({ op: 'above', value: 90, minDurationMs: 0, hysteresis: 0 });
    expect(t.observe('tx1', 1000, 95)?.type).toBe('raise');
    expect(t.observe('tx1', 1000, 95)).toBeUndefined(); // the same reading again
    expect(t.observe('tx1', 500, 10)).toBeUndefined(); // a late reading does not clear
    expect(t.isActive('tx1')).toBe(true);
  });

  it('keeps meters apart', () => {
    const t = new ThresholdTracker({ op: 'above', value: 90, minDurationMs: 0, hysteresis: 0 });
    expect(t.observe('tx1', 0, 95)?.type).toBe('raise');
    expect(t.observe('tx2', 0, 50)).toBeUndefined();
    expect([t.isActive('tx1'), t.isActive('tx2'), t.size]).toEqual([true, false, 2]);
  });
});
