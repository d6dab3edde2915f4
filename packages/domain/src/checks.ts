/**
 * An amount that must be a finite number of 0 or more (undefined counts as 0); throws a
 * RangeError naming it otherwise. Domain inputs come from meters and settings: a negative
 * or infinite energy is a caller's bug, never a value to compute with.
 */
export function nonNegative(value: number | undefined, what: string): number {
  const v = value ?? 0;
  if (!Number.isFinite(v) || v < 0) throw new RangeError(`${what} must be a finite number >= 0, got ${v}`);
  return v;
}
