import { alertText } from '@lingtan/schema';
import type { AlertText } from '@lingtan/schema';

/** What a threshold rule needs to decide; the quantity is picked by the caller. */
export interface ThresholdSettings {
  readonly op: 'above' | 'below';
  readonly value: number;
  /** Device time the condition must hold before it raises; 0 raises on the first breaching reading. */
  readonly minDurationMs: number;
  /** The value must come back this far inside the limit to clear. */
  readonly hysteresis: number;
}

/** A change of one meter's condition: raise (held long enough) or clear (back past the band). */
export type ThresholdChange =
  | { readonly type: 'raise'; readonly sinceMs: number; readonly atMs: number; readonly value: number }
  | { readonly type: 'clear'; readonly atMs: number; readonly value: number };

type MeterState =
  | { readonly phase: 'normal'; readonly lastTsMs: number }
  | { readonly phase: 'pending'; readonly lastTsMs: number; readonly sinceMs: number }
  | { readonly phase: 'active'; readonly lastTsMs: number };

/**
 * Threshold state per meter for one rule. Pure: fed readings in device time, it says when a
 * condition raises and clears. Readings at or before a meter's last device time are ignored,
 * so a redelivered or late batch cannot raise twice or clear out of order.
 */
export class ThresholdTracker {
  private readonly meters = new Map<string, MeterState>();

  constructor(private readonly settings: ThresholdSettings) {}

  /** Feed one reading; returns the change it causes, if any. */
  observe(meter: string, tsMs: number, value: number): ThresholdChange | undefined {
    const state = this.meters.get(meter);
    if (state !== undefined && tsMs <= state.lastTsMs) return undefined;
    const { next, change } = this.step(state, tsMs, value);
    this.meters.set(meter, next);
    return change;
  }

  /** A restored open alert: the condition counts as raised, so only a reading back inside clears it. */
  markActive(meter: string, lastTsMs: number): void {
    this.meters.set(meter, { phase: 'active', lastTsMs });
  }

  /** Drop `meter`'s state (it left the registry): should it come back, it starts afresh. */
  forget(meter: string): void {
    this.meters.delete(meter);
  }

  /** True while the meter's condition is raised. */
  isActive(meter: string): boolean {
    return this.meters.get(meter)?.phase === 'active';
  }

  /** Meters with state (for memory accounting and tests). */
  get size(): number {
    return this.meters.size;
  }

  private step(state: MeterState | undefined, tsMs: number, value: number): { next: MeterState; change?: ThresholdChange } {
    const { op, value: limit, minDurationMs, hysteresis } = this.settings;
    const breached = op === 'above' ? value > limit : value < limit;
    if (state?.phase === 'active') {
      const backInside = op === 'above' ? value <= limit - hysteresis : value >= limit + hysteresis;
      return backInside ? { next: { phase: 'normal', lastTsMs: tsMs }, change: { type: 'clear', atMs: tsMs, value } } : { next: { phase: 'active', lastTsMs: tsMs } };
    }
    if (!breached) return { next: { phase: 'normal', lastTsMs: tsMs } };
    const sinceMs = state?.phase === 'pending' ? state.sinceMs : tsMs;
    if (tsMs - sinceMs >= minDurationMs) {
      return { next: { phase: 'active', lastTsMs: tsMs }, change: { type: 'raise', sinceMs, atMs: tsMs, value } };
    }
    return { next: { phase: 'pending', lastTsMs: tsMs, sinceMs } };
  }
}

/** A raised threshold in words: `power_kw 512.3 above 500 for 60 s`. */
export function thresholdText(quantity: string, value: number, op: 'above' | 'below', limit: number, heldMs: number): AlertText {
  return alertText('threshold.held', { quantity, value, op, limit, heldS: Math.round(heldMs / 1000) });
}
