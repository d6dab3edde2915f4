import { describe, expect, it } from 'vitest';
import { connectionState, isStale, meterStaleMs } from './stale.js';

describe('stale values', () => {
  it('a 15 s meter is stale after 3 intervals = 45 s, not at 45 s exactly', () => {
    expect(meterStaleMs(15)).toBe(45_000);
    expect(isStale(0, 45_000, 45_000)).toBe(false);
    expect(isStale(0, 45_001, 45_000)).toBe(true);
  });
  it('a value never received is stale', () => {
    expect(isStale(null, 0, 1000)).toBe(true);
  });
});

describe('the connection indicator', () => {
  it('is reconnecting for a short outage and offline after the limit', () => {
    expect(connectionState(true, null, 0)).toBe('connected');
    expect(connectionState(false, 0, 10_000)).toBe('reconnecting');
    expect(connectionState(false, 0, 15_001)).toBe('offline');
    expect(connectionState(false, null, 99_999)).toBe('reconnecting');
  });
});
