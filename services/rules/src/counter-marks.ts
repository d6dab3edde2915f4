import { alertText } from '@lingtan/schema';
import type { AlertText, CounterMark } from '@lingtan/schema';

/** One register mark that a rule raises on. */
export interface MarkHit {
  readonly register: string;
  readonly mark: CounterMark;
}

interface MeterMarks {
  lastTsMs: number;
  lastMarkRxMs: number | undefined;
}

/**
 * Counter marks for one rule. Pure: fed the `k` marks of normalized readings, it returns the
 * marks to raise on and, when the rule auto-clears, the meters quiet for long enough.
 * Readings at or before a meter's last device time are ignored (a redelivered batch).
 */
export class CounterMarkTracker {
  private readonly meters = new Map<string, MeterMarks>();

  constructor(
    private readonly marks: ReadonlySet<CounterMark>,
    private readonly autoClearMs: number | undefined,
  ) {}

  /** The marks of one reading that this rule watches; empty for a replayed reading. */
  observe(meter: string, tsMs: number, rxMs: number, marks: Readonly<Record<string, CounterMark>> | undefined): MarkHit[] {
    const state = this.meters.get(meter) ?? { lastTsMs: Number.NEGATIVE_INFINITY, lastMarkRxMs: undefined };
    if (tsMs <= state.lastTsMs) return [];
    state.lastTsMs = tsMs;
    this.meters.set(meter, state);
    const hits = Object.entries(marks ?? {})
      .filter(([, mark]) => this.marks.has(mark))
      .map(([register, mark]) => ({ register, mark }));
    if (hits.length > 0) state.lastMarkRxMs = rxMs;
    return hits;
  }

  /** A restored open alert raised at `rxMs`: it auto-clears as if the mark had just been seen then. */
  markRaised(meter: string, rxMs: number): void {
    const state = this.meters.get(meter) ?? { lastTsMs: Number.NEGATIVE_INFINITY, lastMarkRxMs: undefined };
    state.lastMarkRxMs = rxMs;
    this.meters.set(meter, state);
  }

  /** Drop `meter`'s state (it left the registry): should it come back, it starts afresh. */
  forget(meter: string): void {
    this.meters.delete(meter);
  }

  /** Meters whose last mark is at least `auto_clear_ms` old; each is reported once. */
  quiet(nowMs: number): string[] {
    if (this.autoClearMs === undefined) return [];
    const quiet: string[] = [];
    for (const [meter, state] of this.meters) {
      if (state.lastMarkRxMs === undefined || nowMs - state.lastMarkRxMs < this.autoClearMs) continue;
      state.lastMarkRxMs = undefined;
      quiet.push(meter);
    }
    return quiet;
  }
}

/** The marks raised, in words: `energy_import_kwh: rollover, energy_export_kwh: reset` (register and mark are codes). */
export function counterMarkText(hits: readonly MarkHit[]): AlertText {
  return alertText('counter_mark.marks', { marks: hits.map((h) => `${h.register}: ${h.mark}`).join(', ') });
}
