import { localDateTime, utcOffsetMs, zonedToUtcMs } from './zoned-time.js';
import type { LocalDateTime } from './zoned-time.js';

/** Calendar units that reports and budgets are cut into. */
export type PeriodUnit = 'hour' | 'day' | 'month' | 'year';

/** A half-open interval [startMs, endMs) of one local calendar unit. */
export interface Period {
  readonly unit: PeriodUnit | 'billing_month';
  readonly startMs: number;
  readonly endMs: number;
  /** Local label: `2024`, `2024-03`, `2024-03-10`, or `2024-11-03T01:00-04:00` for an hour (the offset tells repeated hours apart). */
  readonly label: string;
}

/** Most periods `periodsBetween` returns, to stop a wrong unit or range from running away. */
export const MAX_PERIODS = 100_000;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function midnight(year: number, month: number, day: number): LocalDateTime {
  return { year, month, day, hour: 0, minute: 0, second: 0 };
}

function offsetLabel(ms: number, timeZone: string): string {
  const offsetMin = Math.round(utcOffsetMs(ms, timeZone) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The first whole second in (fromMs, toMs] whose UTC offset differs from the offset at fromMs. */
function offsetChangeMs(fromMs: number, toMs: number, timeZone: string): number {
  const offset = utcOffsetMs(fromMs, timeZone);
  let lo = fromMs;
  let hi = toMs;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (utcOffsetMs(mid, timeZone) === offset) lo = mid;
    else hi = mid;
  }
  return hi;
}

function hourPeriod(ms: number, timeZone: string): Period {
  const second = Math.floor(ms / 1000) * 1000;
  const t = localDateTime(second, timeZone);
  // Local hours start where local minutes and seconds are zero, or where the clocks changed
  // (Australia/Lord_Howe moves them by 30 minutes). Exact instants, so a repeated hour
  // (clocks set back) is a period of its own.
  let startMs = second - (t.minute * 60 + t.second) * 1000;
  if (utcOffsetMs(startMs, timeZone) !== utcOffsetMs(second, timeZone)) startMs = offsetChangeMs(startMs, second, timeZone);
  const start = localDateTime(startMs, timeZone);
  let endMs = startMs + (60 - start.minute) * 60_000;
  if (utcOffsetMs(endMs - 1000, timeZone) !== utcOffsetMs(startMs, timeZone)) endMs = offsetChangeMs(startMs, endMs - 1000, timeZone);
  const label = `${start.year}-${pad(start.month)}-${pad(start.day)}T${pad(start.hour)}:00${offsetLabel(startMs, timeZone)}`;
  return { unit: 'hour', startMs, endMs, label };
}

/**
 * The local hour, day, month or year containing instant `ms` in the IANA zone `timeZone`,
 * as a half-open UTC interval. Days are 23 or 25 hours long on daylight-saving changes; a
 * day whose midnight does not exist starts when the clocks jump.
 */
export function periodOf(unit: PeriodUnit, ms: number, timeZone: string): Period {
  if (unit === 'hour') return hourPeriod(ms, timeZone);
  const t = localDateTime(ms, timeZone);
  switch (unit) {
    case 'day':
      return {
        unit,
        startMs: zonedToUtcMs(midnight(t.year, t.month, t.day), timeZone),
        endMs: zonedToUtcMs(midnight(t.year, t.month, t.day + 1), timeZone),
        label: `${t.year}-${pad(t.month)}-${pad(t.day)}`,
      };
    case 'month':
      return {
        unit,
        startMs: zonedToUtcMs(midnight(t.year, t.month, 1), timeZone),
        endMs: zonedToUtcMs(midnight(t.year, t.month + 1, 1), timeZone),
        label: `${t.year}-${pad(t.month)}`,
      };
    case 'year':
      return {
        unit,
        startMs: zonedToUtcMs(midnight(t.year, 1, 1), timeZone),
        endMs: zonedToUtcMs(midnight(t.year + 1, 1, 1), timeZone),
        label: String(t.year),
      };
  }
}

/**
 * The billing month containing `ms`: from local midnight of `billingDay` (1-28, the meter
 * reading day) to the same day next month. Labelled with its start date.
 */
export function billingPeriodOf(ms: number, timeZone: string, billingDay: number): Period {
  if (!Number.isInteger(billingDay) || billingDay < 1 || billingDay > 28) {
    throw new RangeError(`billingDay must be a whole number 1-28, got ${billingDay}`);
  }
  const t = localDateTime(ms, timeZone);
  const month = t.day >= billingDay ? t.month : t.month - 1;
  const startMs = zonedToUtcMs(midnight(t.year, month, billingDay), timeZone);
  const start = localDateTime(startMs, timeZone);
  return {
    unit: 'billing_month',
    startMs,
    endMs: zonedToUtcMs(midnight(t.year, month + 1, billingDay), timeZone),
    label: `${start.year}-${pad(start.month)}-${pad(start.day)}`,
  };
}

/** The consecutive periods of `unit` that overlap [fromMs, toMs), in order. */
export function periodsBetween(unit: PeriodUnit, fromMs: number, toMs: number, timeZone: string): Period[] {
  const out: Period[] = [];
  for (let p = periodOf(unit, fromMs, timeZone); p.startMs < toMs; p = periodOf(unit, p.endMs, timeZone)) {
    if (out.length >= MAX_PERIODS) throw new RangeError(`more than ${MAX_PERIODS} ${unit} periods between ${fromMs} and ${toMs}`);
    out.push(p);
  }
  return out;
}
