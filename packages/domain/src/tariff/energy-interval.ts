/** Energy delivered in the half-open interval [startMs, endMs), e.g. a counter delta. */
export interface EnergyInterval {
  readonly startMs: number;
  readonly endMs: number;
  readonly energyKwh: number;
}

/** Throws RangeError unless the interval is finite, non-empty and its energy finite. */
export function checkInterval(i: EnergyInterval): void {
  if (!Number.isFinite(i.startMs) || !Number.isFinite(i.endMs) || i.endMs <= i.startMs) {
    throw new RangeError(`interval [${i.startMs}, ${i.endMs}) must be finite and non-empty`);
  }
  if (!Number.isFinite(i.energyKwh)) throw new RangeError(`interval energy must be finite, got ${i.energyKwh}`);
}
