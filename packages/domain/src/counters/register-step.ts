import type { CounterMark } from '@lingtan/schema';

/**
 * How a cumulative register reading relates to the one before it.
 * - `first`: no earlier reading; no delta.
 * - `normal`: the register moved forward (or stood still) within the gap limit.
 * - `gap`: it moved forward after readings went missing; the delta covers the whole gap
 *   (a register counts through an outage), and readings are never zero-filled.
 * - `reset`: it dropped to about zero; the delta is the new value (counted since the reset).
 * - `rollover`: it wrapped at its configured maximum; delta = max - previous + new.
 * - `replaced`: a registry meter-replacement event lies between the two readings.
 * - `late`: older than the last reading (out of order); no delta, so nothing is counted twice.
 * - `duplicate`: same time as the last reading; no delta.
 * - `suspect_negative`: a drop that is none of the above; no delta, the reading is kept for
 *   audit and the previous value stays the baseline.
 * - `rebased`: the third suspect drop in a row, consistent with itself: a new baseline
 *   (e.g. an unregistered meter swap); no delta across the unknown transition.
 */
export type { CounterMark };

/** What is remembered of one register between readings. */
export interface RegisterState {
  readonly value: number;
  readonly tsMs: number;
  /** Consecutive suspect drops since the last accepted reading, and the last of them. */
  readonly suspects?: number;
  readonly suspectValue?: number;
}

/** A registry meter-replacement event for one register. */
export interface RegisterReplacement {
  readonly atMs: number;
  /** The old meter's last register value, if read off at the swap. */
  readonly finalValue?: number;
  /** The new meter's register value at the swap (0 when not given). */
  readonly initialValue?: number;
}

export interface RegisterConfig {
  /** Nominal reporting interval of the meter. */
  readonly intervalMs: number;
  /** A step longer than `gapFactor` intervals is a gap. */
  readonly gapFactor: number;
  /** The register wraps to zero after this value. */
  readonly rolloverMax?: number;
  readonly replacements?: readonly RegisterReplacement[];
}

export interface RegisterStep {
  readonly mark: CounterMark;
  /** The increase since the previous accepted reading, in the register's unit. */
  readonly delta?: number;
  /** Milliseconds the delta covers. */
  readonly spanMs?: number;
  readonly next: RegisterState;
}

/** A drop to at most this fraction of the previous value counts as a reset to zero. */
const RESET_FRACTION = 0.01;
/** How near the top and bottom of the range a wrap must start and end. */
const ROLLOVER_BAND = 0.1;
const REBASE_AFTER = 3;

/**
 * One reading of a cumulative register against the previous state: the interval delta and
 * its mark. Pure; the caller keeps the state (per meter and register) and persists it.
 */
export function stepRegister(prev: RegisterState | undefined, value: number, tsMs: number, config: RegisterConfig): RegisterStep {
  if (prev === undefined) return { mark: 'first', next: { value, tsMs } };
  if (tsMs < prev.tsMs) return { mark: 'late', next: prev };
  if (tsMs === prev.tsMs) return { mark: 'duplicate', next: prev };
  const spanMs = tsMs - prev.tsMs;
  // No closures here: this runs for every register of every reading the ingestor takes.
  const replacements = config.replacements;
  if (replacements !== undefined && replacements.length > 0) {
    const replacement = replacements.find((r) => r.atMs > prev.tsMs && r.atMs <= tsMs);
    if (replacement !== undefined) {
      const oldPart = Math.max(0, (replacement.finalValue ?? prev.value) - prev.value);
      const newPart = Math.max(0, value - (replacement.initialValue ?? 0));
      return accepted('replaced', oldPart + newPart, spanMs, value, tsMs);
    }
  }
  const step = value - prev.value;
  if (step >= 0) return accepted(spanMs > config.gapFactor * config.intervalMs ? 'gap' : 'normal', step, spanMs, value, tsMs);

  const max = config.rolloverMax;
  if (max !== undefined && prev.value >= max * (1 - ROLLOVER_BAND) && value <= max * ROLLOVER_BAND) {
    return accepted('rollover', max - prev.value + value, spanMs, value, tsMs);
  }
  if (value <= prev.value * RESET_FRACTION) return accepted('reset', value, spanMs, value, tsMs);
  return suspect(prev, value, tsMs);
}

function accepted(mark: CounterMark, delta: number, spanMs: number, value: number, tsMs: number): RegisterStep {
  return { mark, delta, spanMs, next: { value, tsMs } };
}

function suspect(prev: RegisterState, value: number, tsMs: number): RegisterStep {
  const consistent = prev.suspectValue === undefined || value >= prev.suspectValue;
  const suspects = consistent ? (prev.suspects ?? 0) + 1 : 1;
  if (suspects >= REBASE_AFTER) return { mark: 'rebased', next: { value, tsMs } };
  return { mark: 'suspect_negative', next: { ...prev, suspects, suspectValue: value } };
}
