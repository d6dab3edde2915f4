/** How a day runs: a working day, a weekend day, or a public holiday (法定节假日). */
export type DayKind = 'workday' | 'weekend' | 'holiday';

/** The wall clock at the park at one instant. */
export interface LocalTime {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** Days since 1970-01-01 of the local date: a key for per-day randomness. */
  readonly dayNumber: number;
  /** 1 for 1 January. */
  readonly dayOfYear: number;
  /** 0 Sunday .. 6 Saturday. */
  readonly weekday: number;
  /** Hours since local midnight, e.g. 9.5 for 09:30. */
  readonly hour: number;
}

/** Public holidays and the weekend days worked in exchange for them (调休). */
export interface ParkCalendar {
  readonly holidays: readonly string[];
  readonly workdays: readonly string[];
}

const DAY_MS = 86_400_000;

interface ZoneCache {
  readonly format: Intl.DateTimeFormat;
  minute: number;
  /** The local time at the start of `minute`. */
  value: LocalTime | undefined;
}
const zoneCaches = new Map<string, ZoneCache>();

function wallClock(format: Intl.DateTimeFormat, minuteMs: number): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(minuteMs)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const [year, month, day] = [parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1];
  const dayNumber = Date.UTC(year, month - 1, day) / DAY_MS;
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${year}-${pad(month)}-${pad(day)}`,
    dayNumber,
    dayOfYear: dayNumber - Date.UTC(year, 0, 1) / DAY_MS + 1,
    weekday: (((dayNumber + 4) % 7) + 7) % 7, // 1970-01-01 was a Thursday
    hour: (parts.hour ?? 0) + (parts.minute ?? 0) / 60,
  };
}

/** The park's wall clock at `tsMs` in the IANA zone `timeZone`. */
export function localTimeAt(tsMs: number, timeZone: string): LocalTime {
  let cache = zoneCaches.get(timeZone);
  if (cache === undefined) {
    const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' });
    cache = { format, minute: Number.NaN, value: undefined };
    zoneCaches.set(timeZone, cache);
  }
  // Offsets are whole minutes: the wall clock changes once a minute, and Intl is slow.
  const minute = Math.floor(tsMs / 60_000);
  if (minute !== cache.minute || cache.value === undefined) {
    cache.value = wallClock(cache.format, minute * 60_000);
    cache.minute = minute;
  }
  const secondsMs = tsMs - minute * 60_000;
  return secondsMs === 0 ? cache.value : { ...cache.value, hour: cache.value.hour + secondsMs / 3_600_000 };
}

/**
 * What kind of day `local` is: a listed holiday runs like a Sunday, a listed make-up
 * workday (调休) like a weekday, otherwise Saturday and Sunday are the weekend.
 */
export function dayKindOf(local: Pick<LocalTime, 'date' | 'weekday'>, calendar: ParkCalendar): DayKind {
  if (calendar.holidays.includes(local.date)) return 'holiday';
  if (calendar.workdays.includes(local.date)) return 'workday';
  return local.weekday === 0 || local.weekday === 6 ? 'weekend' : 'workday';
}
