import { describe, expect, it } from 'vitest';
import { createStreamClock } from './sim-clock.js';

const T0 = Date.parse('2026-11-22T09:00:00+08:00');

describe('createStreamClock', () => {
  it('runs at speed from the first message', () => {
    // speed 60: one wall second is one device minute.
    const clock = createStreamClock(60);
    expect(clock.streamAt(1000)).toBeUndefined();
    expect(clock.delayMs(T0, 1000)).toBe(0);
    clock.startAt(1000, T0);
    clock.startAt(5000, T0 + 999_999); // anchored already: no effect
    expect(clock.streamAt(3000)).toBe(T0 + 120_000);
    // The reading 5 device minutes on is due 5 wall seconds after the anchor: 4 s from wall 2000.
    expect(clock.delayMs(T0 + 300_000, 2000)).toBe(4000);
  });

  it('stands still while paused and continues from there, not from the wall clock', () => {
    const clock = createStreamClock(1);
    clock.startAt(0, T0);
    clock.pause(10_000);
    expect(clock.paused).toBe(true);
    expect(clock.streamAt(70_000)).toBe(T0 + 10_000);
    expect(clock.delayMs(T0 + 10_001, 70_000)).toBe(Number.POSITIVE_INFINITY);
    clock.resume(70_000);
    // 60 wall seconds paused: device time lost those 60 s, it did not skip them.
    expect(clock.streamAt(75_000)).toBe(T0 + 15_000);
    expect(clock.delayMs(T0 + 20_000, 75_000)).toBe(5000);
  });

  it('changes speed without a jump in stream time', () => {
    const clock = createStreamClock(1);
    clock.startAt(0, T0);
    clock.setSpeed(10_000, 1440);
    expect(clock.speed).toBe(1440);
    expect(clock.streamAt(10_000)).toBe(T0 + 10_000);
    // One wall second at 1440: 24 device minutes.
    expect(clock.streamAt(11_000)).toBe(T0 + 10_000 + 1_440_000);
  });

  it('a speed change while paused applies on resume', () => {
    const clock = createStreamClock(1);
    clock.startAt(0, T0);
    clock.pause(1000);
    clock.setSpeed(5000, 10);
    expect(clock.streamAt(5000)).toBe(T0 + 1000);
    clock.resume(6000);
    expect(clock.streamAt(7000)).toBe(T0 + 1000 + 10_000);
  });
});
