import { checkInterval } from './energy-interval.js';
import type { EnergyInterval } from './energy-interval.js';

/** The demand window of China's two-part tariff (最大需量): 15 minutes. */
export const DEMAND_WINDOW_MS = 15 * 60_000;
const HOUR_MS = 3_600_000;

/** Demand over one window: average power = energy in the window / window length. */
export interface WindowDemand {
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly demandKw: number;
}

/**
 * Cumulative energy E(t) over sorted, non-overlapping intervals, with energy spread evenly
 * within each interval. E(b) - E(a) is the energy delivered in [a, b).
 */
export function cumulativeEnergy(intervals: readonly EnergyInterval[]): (ms: number) => number {
  const sorted = [...intervals].sort((a, b) => a.startMs - b.startMs);
  const before: number[] = [];
  let total = 0;
  sorted.forEach((interval, i) => {
    checkInterval(interval);
    const prev = sorted[i - 1];
    if (prev !== undefined && interval.startMs < prev.endMs) {
      throw new RangeError(`intervals overlap at ${interval.startMs}: counter deltas must not double-count`);
    }
    before.push(total);
    total += interval.energyKwh;
  });
  return (ms) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid]?.startMs ?? Infinity) <= ms) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    const interval = sorted[i];
    if (interval === undefined) return 0;
    const base = before[i] ?? 0;
    if (ms >= interval.endMs) return base + interval.energyKwh;
    return base + (interval.energyKwh * (ms - interval.startMs)) / (interval.endMs - interval.startMs);
  };
}

/** Options for the sliding demand window. */
export interface DemandOptions {
  readonly fromMs: number;
  readonly toMs: number;
  /** Default 15 minutes. */
  readonly windowMs?: number;
  /** How far the window moves each step; default 1 minute (sliding window demand meters). */
  readonly slideMs?: number;
}

/**
 * Rolling demand: every window of `windowMs` ending at fromMs + windowMs, + slideMs, ...
 * up to toMs, each the energy in the window / window length (kW).
 */
export function rollingDemand(intervals: readonly EnergyInterval[], options: DemandOptions): WindowDemand[] {
  const windowMs = options.windowMs ?? DEMAND_WINDOW_MS;
  const slideMs = options.slideMs ?? 60_000;
  if (!(windowMs > 0) || !(slideMs > 0)) throw new RangeError('windowMs and slideMs must be > 0');
  if ((options.toMs - options.fromMs) / slideMs > 1_000_000) throw new RangeError('more than 1,000,000 demand windows; use a larger slide');
  const energyAt = cumulativeEnergy(intervals);
  const out: WindowDemand[] = [];
  for (let end = options.fromMs + windowMs; end <= options.toMs; end += slideMs) {
    const start = end - windowMs;
    out.push({ windowStartMs: start, windowEndMs: end, demandKw: ((energyAt(end) - energyAt(start)) * HOUR_MS) / windowMs });
  }
  return out;
}

/** The highest rolling demand in [fromMs, toMs) (the billed 最大需量), or undefined if no window fits. */
export function maxDemand(intervals: readonly EnergyInterval[], options: DemandOptions): WindowDemand | undefined {
  let best: WindowDemand | undefined;
  for (const w of rollingDemand(intervals, options)) {
    if (best === undefined || w.demandKw > best.demandKw) best = w;
  }
  return best;
}

/** What is known about the current demand window before it closes. */
export interface OpenWindow {
  readonly windowStartMs: number;
  readonly nowMs: number;
  /** Energy delivered from windowStartMs to nowMs. */
  readonly energySoFarKwh: number;
  /** Latest power; when absent, the window's average so far is assumed to continue. */
  readonly recentPowerKw?: number;
  readonly windowMs?: number;
}

/** A forecast of the demand the current window will close at. */
export interface DemandForecast {
  readonly forecastKw: number;
  readonly windowEndMs: number;
  /** Share of the window already measured, 0-1. */
  readonly elapsedFraction: number;
}

/**
 * Forecast demand of the open window: (energy so far + recent power x time left) / window
 * length, the linear projection demand controllers use to shed load before a new maximum.
 */
export function forecastWindowDemand(open: OpenWindow): DemandForecast {
  const windowMs = open.windowMs ?? DEMAND_WINDOW_MS;
  const elapsedMs = open.nowMs - open.windowStartMs;
  if (!(elapsedMs > 0) || elapsedMs > windowMs) throw new RangeError(`nowMs must lie within the window (elapsed ${elapsedMs} ms of ${windowMs})`);
  if (!Number.isFinite(open.energySoFarKwh)) throw new RangeError('energySoFarKwh must be finite');
  const powerKw = open.recentPowerKw ?? (open.energySoFarKwh * HOUR_MS) / elapsedMs;
  const remainingKwh = (powerKw * (windowMs - elapsedMs)) / HOUR_MS;
  return {
    forecastKw: ((open.energySoFarKwh + remainingKwh) * HOUR_MS) / windowMs,
    windowEndMs: open.windowStartMs + windowMs,
    elapsedFraction: elapsedMs / windowMs,
  };
}

/** Start of the fixed demand window containing `ms` (windows aligned to the epoch; every zone offset is a multiple of 15 minutes). */
export function demandWindowStartMs(ms: number, windowMs: number = DEMAND_WINDOW_MS): number {
  return Math.floor(ms / windowMs) * windowMs;
}
