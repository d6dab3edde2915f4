import { describe, expect, it } from 'vitest';
import { ageParts, autoDigits, formatNumber, formatPct, formatTime, localMidnightMs, NO_VALUE, withUnit } from './format.js';

describe('numbers with units', () => {
  it('groups thousands and keeps the decimals asked for, in both locales', () => {
    expect(formatNumber('zh-CN', 12345.678, 1)).toBe('12,345.7');
    expect(formatNumber('en', 12345.678, 0)).toBe('12,346');
  });
  it('shows a dash, not zero, for a figure that does not exist', () => {
    expect(formatNumber('en', null)).toBe(NO_VALUE);
    expect(withUnit('en', Number.NaN, 'kW')).toBe(NO_VALUE);
  });
  it('never prints a negative zero', () => {
    expect(formatNumber('en', -0.04, 1)).toBe('0.0');
  });
  it('puts the unit after a no-break space', () => {
    expect(withUnit('zh-CN', 1520.4, 'kW', 0)).toBe('1,520\u202fkW');
    expect(formatPct('en', 42.25)).toBe('42.3\u202f%'); // Intl rounds half away from zero
  });
  it('picks fewer decimals for bigger figures (3-4 significant digits)', () => {
    expect([autoDigits(1234.5), autoDigits(-230.4), autoDigits(12.3), autoDigits(1.23), autoDigits(0.123), autoDigits(0), autoDigits(null)]).toEqual([0, 0, 1, 2, 3, 0, 0]);
  });
});

describe('times in the park zone', () => {
  // 2026-12-01T16:30:00Z is 2026-12-02 00:30 in Shanghai (UTC+8, no DST).
  const ms = Date.UTC(2026, 11, 1, 16, 30, 0);
  it('formats the wall clock of the park, not of the browser', () => {
    expect(formatTime('en', ms, 'Asia/Shanghai', 'time')).toBe('00:30:00');
    expect(formatTime('en', ms, 'UTC', 'hm')).toBe('16:30');
  });
  it('finds the local midnight: 00:30 Shanghai -> 16:00Z the day before', () => {
    expect(localMidnightMs(ms, 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 1, 16, 0, 0));
    expect(localMidnightMs(ms, 'UTC')).toBe(Date.UTC(2026, 11, 1, 0, 0, 0));
  });
  it('finds the midnight across a DST change (Berlin, 2026-03-29: midnight was still UTC+1)', () => {
    const noon = Date.UTC(2026, 2, 29, 10, 0, 0); // 12:00 CEST
    // Noon is UTC+2, but midnight was UTC+1: 00:00 CET = 23:00Z the day before (not 22:00Z).
    expect(localMidnightMs(noon, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 28, 23, 0, 0));
  });
  it('says how long ago in the largest whole unit', () => {
    expect(ageParts(100_000, 58_000)).toEqual({ value: 42, unit: 's' });
    expect(ageParts(10 * 60_000, 0)).toEqual({ value: 10, unit: 'min' });
    expect(ageParts(3 * 3_600_000, 0)).toEqual({ value: 3, unit: 'h' });
    expect(ageParts(0, 5000)).toEqual({ value: 0, unit: 's' });
  });
});

describe('a calendar date in the park zone', () => {
  it('2026-12-02 starts at 2026-12-01T16:00Z in Shanghai', async () => {
    const { parkDayStartMs } = await import('./format.js');
    expect(parkDayStartMs('2026-12-02', 'Asia/Shanghai')).toBe(Date.UTC(2026, 11, 1, 16));
  });
});
