/**
 * Number and time formatting for the cockpit. Every figure leaves here with its unit, in the
 * reader's locale (zh-CN groups like en: 12,345.6) and times in the park's zone, never the
 * browser's: an operator in Beijing and an auditor abroad read the same clock.
 */

/** Locales the view ships resources for. */
export type ViewLocale = 'zh-CN' | 'en';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: ViewLocale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let nf = numberFormats.get(key);
  if (nf === undefined) {
    nf = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(key, nf);
  }
  return nf;
}

/** Placeholder for a figure that does not exist yet (null, NaN): a dash, never "0". */
export const NO_VALUE = '—';

/** A plain number with fixed decimals, or the dash. */
export function formatNumber(locale: ViewLocale, value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  // -0.0 would print as "-0.0"; a reading of zero is zero.
  const v = Object.is(Math.round(value * 10 ** digits), -0) ? 0 : value;
  return numberFormat(locale, digits).format(v);
}

/** A number followed by its unit, separated by a narrow no-break space so they never wrap apart. */
export function withUnit(locale: ViewLocale, value: number | null | undefined, unit: string, digits = 1): string {
  const text = formatNumber(locale, value, digits);
  return text === NO_VALUE ? text : `${text}\u202f${unit}`;
}

/**
 * Decimals that keep a figure readable at its size: 1234.5 kW and 230.4 kW -> 0 decimals,
 * 12.34 -> 1, 1.234 -> 2, 0.123 tCO₂ -> 3, and a plain 0 (PV at night) -> "0", not "0.000".
 * (A wall screen shows 3-4 significant figures; more is noise.)
 */
export function autoDigits(value: number | null | undefined): number {
  if (value === null || value === undefined || !Number.isFinite(value) || value === 0) return 0;
  const a = Math.abs(value);
  if (a >= 100) return 0;
  if (a >= 10) return 1;
  if (a >= 1) return 2;
  return 3;
}

/** A percentage with one decimal: 42.25 -> "42.3 %" (the value is already in percent). */
export function formatPct(locale: ViewLocale, pct: number | null | undefined): string {
  return withUnit(locale, pct, '%', 1);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: ViewLocale, timeZone: string, style: 'time' | 'datetime' | 'date' | 'hm'): Intl.DateTimeFormat {
  const key = `${locale}:${timeZone}:${style}`;
  let df = dateFormats.get(key);
  if (df === undefined) {
    const base: Intl.DateTimeFormatOptions = { timeZone, hourCycle: 'h23' };
    const parts: Record<typeof style, Intl.DateTimeFormatOptions> = {
      time: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
      hm: { hour: '2-digit', minute: '2-digit' },
      // en: 'Dec 2, 2026' (12/02 reads as 12 February outside the US); zh-CN: 2026年12月2日.
      date: { year: 'numeric', month: 'short', day: 'numeric' },
      datetime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' },
    };
    df = new Intl.DateTimeFormat(locale, { ...base, ...parts[style] });
    dateFormats.set(key, df);
  }
  return df;
}

/** Epoch ms as a wall-clock time in `timeZone` (e.g. Asia/Shanghai), in the view's locale. */
export function formatTime(locale: ViewLocale, ms: number | null | undefined, timeZone: string, style: 'time' | 'datetime' | 'date' | 'hm' = 'datetime'): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return NO_VALUE;
  return dateFormat(locale, timeZone, style).format(new Date(ms));
}

/**
 * The calendar date (YYYY-MM-DD) and the offset of `timeZone` at `ms`, so the view can find
 * the park's local midnight without a time-zone library: midnight = Date.parse(`${date}T00:00:00${offset}`).
 */
export function localDateParts(ms: number, timeZone: string): { date: string; offsetMinutes: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(ms));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  const offsetMinutes = Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return { date: `${get('year')}-${pad(get('month'))}-${pad(get('day'))}`, offsetMinutes };
}

/** Epoch ms of the park's local midnight starting the day that contains `ms`. */
export function localMidnightMs(ms: number, timeZone: string): number {
  const { date, offsetMinutes } = localDateParts(ms, timeZone);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(y, m - 1, d);
  // The offset at `ms` may differ from the offset at midnight (a DST change that morning):
  // take the offset again at the first estimate.
  const first = utcMidnight - offsetMinutes * 60_000;
  return utcMidnight - localDateParts(first, timeZone).offsetMinutes * 60_000;
}

/** How long ago, in the largest whole unit: 42 s, 5 min, 3 h (labels come from i18n). */
export function ageParts(nowMs: number, thenMs: number): { value: number; unit: 's' | 'min' | 'h' | 'd' } {
  const s = Math.max(0, Math.floor((nowMs - thenMs) / 1000));
  if (s < 120) return { value: s, unit: 's' };
  if (s < 7200) return { value: Math.floor(s / 60), unit: 'min' };
  if (s < 172_800) return { value: Math.floor(s / 3600), unit: 'h' };
  return { value: Math.floor(s / 86_400), unit: 'd' };
}

/** Epoch ms of 00:00 in `timeZone` on calendar date `YYYY-MM-DD` (noon UTC of that date lies on that date for any offset within ±12 h). */
export function parkDayStartMs(date: string, timeZone: string): number {
  return localMidnightMs(Date.parse(`${date}T12:00:00Z`), timeZone);
}
