import { QUANTITIES, isQuantityName } from '@lingtan/schema';
import type { Meter } from '@lingtan/schema';
import type { CounterMark, RegisterConfig, RegisterState } from './register-step.js';
import { stepRegister } from './register-step.js';

/** Register states of one meter, by quantity name. */
export type MeterCounterState = Readonly<Record<string, RegisterState>>;

/** The deltas and marks of one reading's cumulative registers. */
export interface MeterStep {
  /** Interval delta per register that has one, in the register's unit. */
  readonly deltas: Readonly<Record<string, number>>;
  /** Mark per register (every cumulative register in the reading has one). */
  readonly marks: Readonly<Record<string, CounterMark>>;
  readonly next: MeterCounterState;
}

/** A step longer than this many nominal intervals is a gap. */
export const DEFAULT_GAP_FACTOR = 3;

/** The counter settings of each register of `meter`, from the registry. */
export function registerConfigs(meter: Meter, gapFactor = DEFAULT_GAP_FACTOR): (quantity: string) => RegisterConfig {
  const replacements = (meter.replacements ?? []).map((r) => ({ atMs: Date.parse(r.at), final: r.final ?? {}, initial: r.initial ?? {} }));
  const cache = new Map<string, RegisterConfig>();
  return (quantity) => {
    const cached = cache.get(quantity);
    if (cached !== undefined) return cached;
    const rolloverMax = meter.rollover_max?.[quantity];
    const config: RegisterConfig = {
      intervalMs: meter.interval_s * 1000,
      gapFactor,
      ...(rolloverMax === undefined ? {} : { rolloverMax }),
      replacements: replacements.map((r) => ({
        atMs: r.atMs,
        ...(r.final[quantity] === undefined ? {} : { finalValue: r.final[quantity] }),
        ...(r.initial[quantity] === undefined ? {} : { initialValue: r.initial[quantity] }),
      })),
    };
    cache.set(quantity, config);
    return config;
  };
}

/** True for quantities that are cumulative registers (`*_kwh`, `*_gj`, `*_nm3`, ...). */
export function isRegister(quantity: string): boolean {
  return isQuantityName(quantity) && QUANTITIES[quantity].kind === 'cumulative';
}

/** Step every cumulative register in one reading of a meter. */
export function stepMeter(state: MeterCounterState | undefined, tsMs: number, values: Readonly<Record<string, number>>, config: (quantity: string) => RegisterConfig): MeterStep {
  const deltas: Record<string, number> = {};
  const marks: Record<string, CounterMark> = {};
  const next: Record<string, RegisterState> = { ...state };
  for (const quantity in values) {
    if (!isRegister(quantity)) continue;
    const step = stepRegister(state?.[quantity], values[quantity]!, tsMs, config(quantity));
    marks[quantity] = step.mark;
    if (step.delta !== undefined) deltas[quantity] = step.delta;
    next[quantity] = step.next;
  }
  return { deltas, marks, next };
}
