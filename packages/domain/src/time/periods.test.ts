import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingPeriodOf, periodOf, periodsBetween } from './periods.js';
import { localDateTime, utcOffsetMs, zonedToUtcMs } from './zoned-time.js';

const H = 3_600_000;
const utc = (y: number, mo: number, d: number, h = 0, mi = 0): number => Date.UTC(y, mo - 1, d, h, mi);
const hours = (p: { startMs: number; endMs: number }): number => (p.endMs - p.startMs) / H;

describe('Asia/Shanghai (UTC+8, no daylight saving)', () => {
  const tz = 'Asia/Shanghai';

  it('local midnight 2024-02-01 00:00 CST is 2024-01-31T16:00Z; the instant before belongs to 2024-01-31', () => {
    expect(periodOf('day', utc(2024, 1, 31, 16), tz)).toEqual({ unit: 'day', startMs: utc(2024, 1, 31, 16), endMs: utc(2024, 2, 1, 16), label: '2024-02-01' });
    expect(periodOf('day', utc(2024, 1, 31, 16) - 1, tz).label).toBe('2024-01-31');
  });

  it('months and years: February 2024 is 29 x 24 = 696 h; 2024 is 366 x 24 = 8,784 h', () => {
    const feb = periodOf('month', utc(2024, 2, 10), tz);
    expect(feb).toMatchObject({ label: '2024-02', startMs: utc(2024, 1, 31, 16) });
    expect(hours(feb)).toBe(696);
    const year = periodOf('year', utc(2024, 6, 1), tz);
    expect(year).toMatchObject({ label: '2024', startMs: utc(2023, 12, 31, 16), endMs: utc(2024, 12, 31, 16) });
    expect(hours(year)).toBe(8784);
  });

  it('a UTC timestamp late on 12-31 is already next year locally: 2024-12-31T17:00Z -> year 2025', () => {
    expect(periodOf('year', utc(2024, 12, 31, 17), tz).label).toBe('2025');
  });

  it('hours carry the offset in their label', () => {
    expect(periodOf('hour', utc(2024, 5, 1, 1, 30), tz)).toEqual({ unit: 'hour', startMs: utc(2024, 5, 1, 1), endMs: utc(2024, 5, 1, 2), label: '2024-05-01T09:00+08:00' });
  });

  it('billing month from the 25th: 2024-03-10 falls in the period 2024-02-25 .. 2024-03-25 local', () => {
    const bill = billingPeriodOf(utc(2024, 3, 10), tz, 25);
    expect(bill).toMatchObject({ label: '2024-02-25', startMs: utc(2024, 2, 24, 16), endMs: utc(2024, 3, 24, 16) });
    expect(billingPeriodOf(utc(2024, 1, 10), tz, 25).label).toBe('2023-12-25');
    expect(() => billingPeriodOf(0, tz, 31)).toThrow(RangeError);
  });
});

describe('daylight saving', () => {
  it('America/New_York 2024-03-10 is 23 h (02:00 EST -> 03:00 EDT) and 2024-11-03 is 25 h', () => {
    const spring = periodOf('day', utc(2024, 3, 10, 12), 'America/New_York');
    expect(spring).toMatchObject({ startMs: utc(2024, 3, 10, 5), endMs: utc(2024, 3, 11, 4), label: '2024-03-10' });
    expect(hours(spring)).toBe(23);
    const autumn = periodOf('day', utc(2024, 11, 3, 12), 'America/New_York');
    expect(autumn).toMatchObject({ startMs: utc(2024, 11, 3, 4), endMs: utc(2024, 11, 4, 5) });
    expect(hours(autumn)).toBe(25);
  });

  it('New York: March 2024 is 31 x 24 - 1 = 743 h; 2024-11-03 has 25 hourly periods, 01:00 twice with different offsets', () => {
    expect(hours(periodOf('month', utc(2024, 3, 15), 'America/New_York'))).toBe(743);
    const day = periodOf('day', utc(2024, 11, 3, 12), 'America/New_York');
    const hrs = periodsBetween('hour', day.startMs, day.endMs, 'America/New_York');
    expect(hrs).toHaveLength(25);
    expect(hrs.filter((h) => h.label.startsWith('2024-11-03T01:00')).map((h) => h.label)).toEqual([
      '2024-11-03T01:00-04:00',
      '2024-11-03T01:00-05:00',
    ]);
  });

  it('Europe/Berlin 2024-03-31 is 23 h and 2024-10-27 is 25 h', () => {
    const spring = periodOf('day', utc(2024, 3, 31, 12), 'Europe/Berlin');
    expect(spring).toMatchObject({ startMs: utc(2024, 3, 30, 23), endMs: utc(2024, 3, 31, 22) });
    const autumn = periodOf('day', utc(2024, 10, 27, 12), 'Europe/Berlin');
    expect(autumn).toMatchObject({ startMs: utc(2024, 10, 26, 22), endMs: utc(2024, 10, 27, 23) });
    expect(periodsBetween('hour', spring.startMs, spring.endMs, 'Europe/Berlin')).toHaveLength(23);
  });

  it('America/Santiago 2024-09-08 has no midnight (00:00 -> 01:00): the day starts when clocks jump, 04:00Z', () => {
    expect(periodOf('day', utc(2024, 9, 8, 12), 'America/Santiago')).toMatchObject({ startMs: utc(2024, 9, 8, 4), label: '2024-09-08' });
    expect(periodOf('day', utc(2024, 9, 7, 12), 'America/Santiago').endMs).toBe(utc(2024, 9, 8, 4));
  });

  it('zonedToUtcMs: a repeated time resolves to the earlier instant, a skipped one moves forward', () => {
    const t = { year: 2024, month: 11, day: 3, hour: 1, minute: 30, second: 0 };
    expect(zonedToUtcMs(t, 'America/New_York')).toBe(utc(2024, 11, 3, 5, 30));
    const skipped = { year: 2024, month: 3, day: 10, hour: 2, minute: 30, second: 0 };
    expect(localDateTime(zonedToUtcMs(skipped, 'America/New_York'), 'America/New_York')).toMatchObject({ hour: 3, minute: 30 });
    expect(utcOffsetMs(utc(2024, 7, 1), 'Asia/Kolkata')).toBe(5.5 * H);
  });
});

describe('properties', () => {
  const zones = fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/Berlin', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata');
  const instant = fc.integer({ min: utc(2000, 1, 1), max: utc(2040, 1, 1) });
  const unit = fc.constantFrom('hour' as const, 'day' as const, 'month' as const, 'year' as const);

  it('the period of an instant contains it, and the next period starts where it ends', () => {
    fc.assert(
      fc.property(zones, instant, unit, (tz, ms, u) => {
        const p = periodOf(u, ms, tz);
        expect(p.startMs).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(p.endMs);
        expect(periodOf(u, p.endMs, tz).startMs).toBe(p.endMs);
        expect(periodOf(u, p.endMs - 1, tz).startMs).toBe(p.startMs);
      }),
    );
  });

  it('a local day is 23 to 25 h, its hours tile it, and the days tile the month', () => {
    fc.assert(
      fc.property(zones, instant, (tz, ms) => {
        const day = periodOf('day', ms, tz);
        expect(hours(day)).toBeGreaterThanOrEqual(23);
        expect(hours(day)).toBeLessThanOrEqual(25);
        const month = periodOf('month', ms, tz);
        const days = periodsBetween('day', month.startMs, month.endMs, tz);
        expect(days[0]?.startMs).toBe(month.startMs);
        expect(days.at(-1)?.endMs).toBe(month.endMs);
        expect(days.length).toBeGreaterThanOrEqual(28);
        expect(days.length).toBeLessThanOrEqual(31);
        const hrs = periodsBetween('hour', day.startMs, day.endMs, tz);
        expect(hrs[0]?.startMs).toBe(day.startMs);
        expect(hrs.at(-1)?.endMs).toBe(day.endMs);
        hrs.slice(1).forEach((h, i) => expect(h.startMs).toBe(hrs[i]?.endMs));
      }),
      { numRuns: 50 },
    );
  });
});

describe('Australia/Lord_Howe (clocks move by 30 minutes)', () => {
  const tz = 'Australia/Lord_Howe';

  it('on 2024-10-06 local 02:00 (+10:30) jumps to 02:30 (+11:00) at 15:30Z: hour "02" is 30 minutes long', () => {
    expect(periodOf('hour', utc(2024, 10, 5, 15), tz)).toMatchObject({ startMs: utc(2024, 10, 5, 14, 30), endMs: utc(2024, 10, 5, 15, 30), label: '2024-10-06T01:00+10:30' });
    expect(periodOf('hour', utc(2024, 10, 5, 15, 40), tz)).toMatchObject({ startMs: utc(2024, 10, 5, 15, 30), endMs: utc(2024, 10, 5, 16), label: '2024-10-06T02:00+11:00' });
  });

  it('on 2024-04-07 local 02:00 (+11:00) falls back to 01:30 (+10:30) at 15:00Z: 01:30-02:00 comes twice', () => {
    expect(periodOf('hour', utc(2024, 4, 6, 14, 40), tz)).toMatchObject({ startMs: utc(2024, 4, 6, 14), endMs: utc(2024, 4, 6, 15) });
    expect(periodOf('hour', utc(2024, 4, 6, 15, 10), tz)).toMatchObject({ startMs: utc(2024, 4, 6, 15), endMs: utc(2024, 4, 6, 15, 30), label: '2024-04-07T01:00+10:30' });
  });
});
