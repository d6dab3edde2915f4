import { fixedClock } from '@lingtan/domain';
import { describe, expect, it } from 'vitest';
import { ttlCache } from './ttl-cache.js';

describe('ttlCache', () => {
  it('reads once per key within the TTL, again after it; failures are not kept; bounded', async () => {
    const clock = fixedClock(0);
    const cache = ttlCache<number>({ ttlMs: 1000, maxEntries: 2, clock });
    let reads = 0;
    const load = () => Promise.resolve(++reads);
    expect(await Promise.all([cache('a', load), cache('a', load)])).toEqual([1, 1]);
    clock.set(999);
    expect(await cache('a', load)).toBe(1);
    clock.set(1000);
    expect(await cache('a', load)).toBe(2);
    await expect(cache('b', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache('b', load)).toBe(3);
    await cache('c', load);
    // 'a' was the oldest of a, b, c: dropped at the bound of 2.
    expect(await cache('a', load)).toBe(5);
  });
});
