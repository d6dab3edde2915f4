import { describe, expect, it } from 'vitest';
import { dayKindOf, localTimeAt } from './park-calendar.js';

// 2026 Spring Festival: 15-23 February off, Saturday 14 and Saturday 28 February worked (调休).
const calendar = { holidays: ['2026-02-16', '2026-02-17'], workdays: ['2026-02-14', '2026-02-28'] };
const at = (iso: string) => localTimeAt(Date.parse(iso), 'Asia/Shanghai');

describe('localTimeAt', () => {
  it('reads the local date, weekday and hour in the park time zone', () => {
    // 2026-02-13T17:30Z is Saturday 14 February 01:30 in Shanghai.
    expect(at('2026-02-13T17:30:00Z')).toEqual({ date: '2026-02-14', dayNumber: Date.UTC(2026, 1, 14) / 86_400_000, dayOfYear: 45, weekday: 6, hour: 1.5 });
    expect(at('2026-02-13T17:30:45Z').hour).toBeCloseTo(1.5 + 45 / 3600, 9);
    expect(at('2026-01-01T00:00:00+08:00')).toMatchObject({ dayOfYear: 1, weekday: 4, hour: 0 });
  });
});

describe('dayKindOf', () => {
  it('runs a make-up Saturday as a workday, a holiday Monday as a holiday, other weekends as weekends', () => {
    expect(dayKindOf(at('2026-02-14T10:00:00+08:00'), calendar)).toBe('workday');
    expect(dayKindOf(at('2026-02-16T10:00:00+08:00'), calendar)).toBe('holiday');
    expect(dayKindOf(at('2026-02-07T10:00:00+08:00'), calendar)).toBe('weekend');
    expect(dayKindOf(at('2026-02-08T10:00:00+08:00'), calendar)).toBe('weekend');
    expect(dayKindOf(at('2026-02-09T10:00:00+08:00'), calendar)).toBe('workday');
  });
});
