import type { Alert, Meter, NormalizedReading, StuckRule } from '@lingtan/schema';
import { alertSummaryOf, alertText } from '@lingtan/schema';
import type { Evaluator, Signal } from './evaluator.js';

interface Run {
  lastTsMs: number;
  value: number;
  /** Readings in a row with (about) this value, this one included. */
  count: number;
  active: boolean;
}

/**
 * A stuck value: `intervals` readings in a row with `quantity` unchanged within `tolerance`,
 * at a magnitude above `ignore_at_or_below` (a value that may rest there, like an idle
 * machine's 0 kW, is not stuck). A frozen transducer or a gateway repeating its last value
 * looks exactly like this while the register next to it moves. Cleared on the first change.
 */
export class StuckEvaluator implements Evaluator {
  readonly meters: ReadonlySet<string>;
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly rule: StuckRule,
    subjects: readonly Meter[],
  ) {
    this.meters = new Set(subjects.map((m) => m.id));
  }

  onReading(meter: Meter, reading: NormalizedReading, out: Signal[]): void {
    const value = reading.v[this.rule.quantity];
    if (value === undefined) return;
    const run = this.runs.get(meter.id);
    if (run !== undefined && reading.ts <= run.lastTsMs) return; // redelivered
    const same = run !== undefined && Math.abs(value - run.value) <= this.rule.tolerance;
    if (run === undefined || !same) {
      if (run?.active === true) out.push({ type: 'clear', subject: meter.id, atMs: reading.ts, value });
      this.runs.set(meter.id, { lastTsMs: reading.ts, value, count: 1, active: false });
      return;
    }
    run.lastTsMs = reading.ts;
    run.count += 1;
    if (!run.active && run.count >= this.rule.intervals && Math.abs(value) > this.rule.ignore_at_or_below) {
      run.active = true;
      out.push({
        type: 'raise',
        subject: meter.id,
        atMs: reading.ts,
        value,
        detail: alertText('stuck.unchanged', { quantity: this.rule.quantity, value, count: run.count }),
        recommendation: { ...alertSummaryOf(alertText('stuck.check_meter', { quantity: this.rule.quantity })), actions: [{ action: 'check_meter', target: meter.id }] },
      });
    }
  }

  restore(alert: Alert): void {
    if (alert.value === undefined) return;
    this.runs.set(alert.meter, { lastTsMs: alert.lastSeenMs, value: alert.value, count: this.rule.intervals, active: true });
  }
}
