import { describe, expect, it } from 'vitest';
import { loadMeters, shiftSeries, sumSeries } from './series.js';

describe('series arithmetic', () => {
  it('sums per bucket, also where one series has a gap', () => {
    expect(sumSeries([[[0, 1], [900, 2]], [[900, 10], [1800, 5]]])).toEqual([[0, 1], [900, 12], [1800, 5]]);
  });
  it('shifts yesterday onto today', () => {
    expect(shiftSeries([[0, 3]], 86_400_000)).toEqual([[86_400_000, 3]]);
  });
  it('takes the main electricity meters, else every electricity meter', () => {
    const ms = [
      { id: 'a', role: 'main', carrier: 'electricity' },
      { id: 'b', role: 'sub', carrier: 'electricity' },
      { id: 'c', role: 'main', carrier: 'gas' },
    ];
    expect(loadMeters(ms).map((m) => m.id)).toEqual(['a']);
    expect(loadMeters(ms.slice(1)).map((m) => m.id)).toEqual(['b']);
  });
});
