import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { touCost, touSlotAt, validateTouTariff } from './tou.js';
import type { TouTariff, TouWindow } from './tou.js';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);
const H = 3_600_000;

// An illustrative tariff (prices made up for the worked examples, not a real provincial tariff):
// valley 00-08 at 0.30, peak 08-11 and 18-22 at 1.00, flat 11-17 and 22-24 at 0.60, 17-18 sharp
// (1.20) in July and August, peak otherwise.
const day = (h17: 'sharp' | 'peak'): TouWindow[] => [
  { fromMinute: 0, toMinute: 480, band: 'valley' },
  { fromMinute: 480, toMinute: 660, band: 'peak' },
  { fromMinute: 660, toMinute: 1020, band: 'flat' },
  { fromMinute: 1020, toMinute: 1080, band: h17 },
  { fromMinute: 1080, toMinute: 1320, band: 'peak' },
  { fromMinute: 1320, toMinute: 1440, band: 'flat' },
];
const prices = { sharp: 1.2, peak: 1.0, flat: 0.6, valley: 0.3 };
const TARIFF: TouTariff = validateTouTariff({
  version: 'test-tou@1',
  timeZone: 'Asia/Shanghai',
  seasons: [
    { name: 'summer', months: [7, 8], windows: day('sharp'), pricesCnyPerKwh: prices },
    { name: 'other', months: [1, 2, 3, 4, 5, 6, 9, 10, 11, 12], windows: day('peak'), pricesCnyPerKwh: prices },
  ],
});

/** One interval per hour of a local Shanghai day, 1 kWh each. */
function flatDay(y: number, mo: number, d: number): { startMs: number; endMs: number; energyKwh: number }[] {
  const start = utc(y, mo, d) - 8 * H;
  return Array.from({ length: 24 }, (_, h) => ({ startMs: start + h * H, endMs: start + (h + 1) * H, energyKwh: 1 }));
}

describe('touCost', () => {
  it('splits an interval across a band change: 07:30-08:30 local, 10 kWh -> 5 valley x 0.30 + 5 peak x 1.00 = 6.50 CNY', () => {
    const r = touCost([{ startMs: utc(2024, 3, 4, 23, 30), endMs: utc(2024, 3, 5, 0, 30), energyKwh: 10 }], TARIFF);
    expect(r.costCny).toBeCloseTo(6.5, 9);
    expect(r.byBand.valley?.energyKwh).toBeCloseTo(5, 9);
    expect(r.byBand.peak?.energyKwh).toBeCloseTo(5, 9);
    expect(r.tariffVersion).toBe('test-tou@1');
  });

  it('a summer day at 1 kWh per hour: 8 x 0.30 + 7 x 1.00 + 8 x 0.60 + 1 x 1.20 = 15.40 CNY; a March day 15.20 CNY', () => {
    expect(touCost(flatDay(2024, 7, 15), TARIFF).costCny).toBeCloseTo(15.4, 9);
    const march = touCost(flatDay(2024, 3, 15), TARIFF);
    // 8 x 0.30 + 8 x 1.00 + 8 x 0.60 = 2.40 + 8.00 + 4.80 = 15.20
    expect(march.costCny).toBeCloseTo(15.2, 9);
    expect(march.byBand.sharp).toBeUndefined();
  });

  it('finds the slot from local time: 2024-07-15T09:30Z is 17:30 CST, the sharp band', () => {
    expect(touSlotAt(utc(2024, 7, 15, 9, 30), TARIFF)).toMatchObject({ season: 'summer', band: 'sharp', priceCnyPerKwh: 1.2, windowEndMs: utc(2024, 7, 15, 10) });
  });

  it('refuses a tariff with a gap, an overlap, a missing price or a month in no season', () => {
    const bad: TouTariff = {
      version: 'bad',
      timeZone: 'Asia/Shanghai',
      seasons: [{ name: 's', months: [1, 2], windows: [{ fromMinute: 0, toMinute: 600, band: 'valley' }, { fromMinute: 500, toMinute: 1400, band: 'peak' }], pricesCnyPerKwh: { valley: 0.3 } }],
    };
    expect(() => validateTouTariff(bad)).toThrow(/overlap at minute 600.*no valid price for band peak.*not 1440.*month 3 is in 0 seasons/);
  });
});

describe('properties', () => {
  it('the cost of an interval equals the cost of its two parts, split anywhere', () => {
    const start = fc.integer({ min: utc(2024, 1, 1), max: utc(2025, 1, 1) });
    fc.assert(
      fc.property(start, fc.integer({ min: 60_000, max: 48 * H }), fc.double({ min: 0.001, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (s, len, cut, kwh) => {
        const mid = s + Math.max(1, Math.floor(len * cut));
        const whole = touCost([{ startMs: s, endMs: s + len, energyKwh: kwh }], TARIFF);
        const split = touCost(
          [
            { startMs: s, endMs: mid, energyKwh: (kwh * (mid - s)) / len },
            { startMs: mid, endMs: s + len, energyKwh: (kwh * (s + len - mid)) / len },
          ],
          TARIFF,
        );
        expect(split.costCny).toBeCloseTo(whole.costCny, 6);
        const bandKwh = Object.values(whole.byBand).reduce((a, b) => a + b.energyKwh, 0);
        expect(bandKwh).toBeCloseTo(kwh, 6);
      }),
      { numRuns: 200 },
    );
  });
});
