/** Parse a whole number above zero from a command-line option, naming the option on error. */
export function positiveInt(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${option} expects a whole number above 0, got "${value}"`);
  return n;
}

/** Parse a number above zero (fractions allowed). */
export function positiveNumber(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${option} expects a number above 0, got "${value}"`);
  return n;
}

/** `now` (aligned down to the second) or an RFC 3339 time, as epoch ms. */
export function startTime(value: string, nowMs: number): number {
  if (value === 'now') return Math.floor(nowMs / 1000) * 1000;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms) || !/[zZ]|[+-]\d\d:\d\d$/.test(value)) throw new Error(`--start expects "now" or an RFC 3339 time with an offset, got "${value}"`);
  return ms;
}
