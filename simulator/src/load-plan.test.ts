import { describe, expect, it } from 'vitest';
import { loadShape } from './load-plan.js';

describe('loadShape', () => {
  it('spreads the target rate over the fleet so device time runs at wall-clock speed', () => {
    // 10,000 meters at 20,000/s: each meter every 0.5 s; 1.2M readings is 120 per meter.
    expect(loadShape({ meters: 10_000, ratePerS: 20_000, count: 1_200_000 })).toEqual({ intervalMs: 500, ticks: 120 });
  });

  it('rounds the ticks up so a count that is not a multiple of the fleet is reached', () => {
    expect(loadShape({ meters: 3, ratePerS: 3, count: 10 })).toEqual({ intervalMs: 1000, ticks: 4 });
  });

  it('never asks for an interval below a millisecond', () => {
    expect(loadShape({ meters: 10, ratePerS: 1_000_000, count: 10 }).intervalMs).toBe(1);
  });
});
