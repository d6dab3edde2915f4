/** A wall-clock date and time in some time zone (month 1-12). */
export interface LocalDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const DAY_MS = 86_400_000;

// Intl.DateTimeFormat construction is slow (tens of microseconds); one per zone is kept.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time at instant `ms` in the IANA zone `timeZone` (seconds precision). */
export function localDateTime(ms: number, timeZone: string): LocalDateTime {
  if (!Number.isFinite(ms)) throw new RangeError(`instant must be finite, got ${ms}`);
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const get = (k: string): number => {
    const v = fields[k];
    if (v === undefined || Number.isNaN(v)) throw new Error(`Intl gave no ${k} for ${ms} in ${timeZone}`);
    return v;
  };
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function wallAsUtcMs(t: LocalDateTime): number {
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
}

/** UTC offset of `timeZone` at instant `ms`, in ms (Asia/Shanghai: +28,800,000). */
export function utcOffsetMs(ms: number, timeZone: string): number {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  return wallAsUtcMs(localDateTime(wholeSecond, timeZone)) - wholeSecond;
}

/**
 * The instant at which the wall clock of `timeZone` shows `local`. Fields out of range
 * roll over as in `Date.UTC` (month 13 is January of the next year). An ambiguous time
 * (clocks set back) resolves to the earlier instant; a time that does not exist (clocks
 * set forward) to the instant the clocks jumped past it, as Temporal's `compatible` does.
 * Assumes at most one offset change within a day either side, true of every IANA zone.
 */
export function zonedToUtcMs(local: LocalDateTime, timeZone: string): number {
  const wall = wallAsUtcMs(local);
  const before = utcOffsetMs(wall - DAY_MS, timeZone);
  const after = utcOffsetMs(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((t) => utcOffsetMs(t, timeZone) === wall - t);
  if (valid.length > 0) return Math.min(...valid);
  return wall - before;
}
