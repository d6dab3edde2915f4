import { levelForRatio } from './warning-level.js';
import type { WarningBands, WarningLevel } from './warning-level.js';

/** An intensity, or why there is none (no output in the period: never a division by zero). */
export type Intensity = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly reason: 'no_output' };

/**
 * Intensity per 10,000 CNY of output value (万元产值能耗 / 碳排放强度): amount / (output CNY / 10,000).
 * `amount` in tce or kgCO2; the result is that unit per 万元.
 */
export function intensityPer10kCny(amount: number, outputValueCny: number): Intensity {
  if (!Number.isFinite(amount) || !Number.isFinite(outputValueCny)) throw new RangeError('amount and output must be finite');
  if (!(outputValueCny > 0)) return { ok: false, reason: 'no_output' };
  return { ok: true, value: amount / (outputValueCny / 10_000) };
}

/** Intensity per unit of product (单位产品能耗): amount / units made. */
export function intensityPerUnit(amount: number, outputUnits: number): Intensity {
  if (!Number.isFinite(amount) || !Number.isFinite(outputUnits)) throw new RangeError('amount and output must be finite');
  if (!(outputUnits > 0)) return { ok: false, reason: 'no_output' };
  return { ok: true, value: amount / outputUnits };
}

/** Intensity against the same period last year: the ratio and its warning level. */
export interface IntensityTrend {
  readonly ratio: number;
  readonly level: WarningLevel;
}

/**
 * Intensity warning against the same period last year: ratio = this year / last year, judged
 * by `bands` (e.g. yellow 1.00, orange 1.05, red 1.10: any rise is yellow). Grey when
 * either year has no intensity.
 */
export function intensityTrend(current: Intensity, lastYear: Intensity, bands: WarningBands): IntensityTrend {
  if (!current.ok || !lastYear.ok || !(lastYear.value > 0)) return { ratio: Number.NaN, level: 'grey' };
  const ratio = current.value / lastYear.value;
  return { ratio, level: levelForRatio(ratio, bands) };
}
