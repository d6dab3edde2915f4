import type { Alert, Meter, NormalizedReading, StorageSocRule } from '@lingtan/schema';
import { alertSummaryOf, alertText } from '@lingtan/schema';
import { ThresholdTracker } from '../threshold.js';
import type { Evaluator, Signal } from './evaluator.js';

/**
 * Storage state of charge out of its band: below `min_pct` (nothing left for peak shaving or
 * backup) or above `max_pct` (no room to absorb PV), each held for `min_duration_ms` and
 * cleared `hysteresis` points back inside. One alert per storage meter; the recommendation
 * is to stop discharging (low) or stop charging (high).
 */
export class StorageSocEvaluator implements Evaluator {
  readonly meters: ReadonlySet<string>;
  private readonly low: ThresholdTracker;
  private readonly high: ThresholdTracker;

  constructor(
    private readonly rule: StorageSocRule,
    subjects: readonly Meter[],
    private readonly nameOf: (id: string) => string,
  ) {
    this.meters = new Set(subjects.filter((m) => m.carrier === 'storage').map((m) => m.id));
    this.low = new ThresholdTracker({ op: 'below', value: rule.min_pct, minDurationMs: rule.min_duration_ms, hysteresis: rule.hysteresis });
    this.high = new ThresholdTracker({ op: 'above', value: rule.max_pct, minDurationMs: rule.min_duration_ms, hysteresis: rule.hysteresis });
  }

  onReading(meter: Meter, reading: NormalizedReading, out: Signal[]): void {
    const soc = reading.v.soc_pct;
    if (soc === undefined) return;
    const wasActive = this.low.isActive(meter.id) || this.high.isActive(meter.id);
    const low = this.low.observe(meter.id, reading.ts, soc);
    const high = this.high.observe(meter.id, reading.ts, soc);
    const raise = low?.type === 'raise' ? low : high?.type === 'raise' ? high : undefined;
    if (raise !== undefined) {
      const isLow = raise === low;
      const heldS = Math.round((raise.atMs - raise.sinceMs) / 1000);
      const name = this.nameOf(meter.id);
      out.push({
        type: 'raise',
        subject: meter.id,
        atMs: raise.atMs,
        value: soc,
        detail: alertText(isLow ? 'storage_soc.low' : 'storage_soc.high', { socPct: soc, limitPct: isLow ? this.rule.min_pct : this.rule.max_pct, heldS }),
        recommendation: isLow
          ? { ...alertSummaryOf(alertText('storage_soc.stop_discharging', { name, meter: meter.id, untilPct: this.rule.min_pct + this.rule.hysteresis })), actions: [{ action: 'stop_discharging', target: meter.id }] }
          : { ...alertSummaryOf(alertText('storage_soc.stop_charging', { name, meter: meter.id })), actions: [{ action: 'stop_charging', target: meter.id }] },
      });
    } else if (wasActive && !this.low.isActive(meter.id) && !this.high.isActive(meter.id)) {
      out.push({ type: 'clear', subject: meter.id, atMs: reading.ts, value: soc });
    }
  }

  restore(alert: Alert): void {
    // Which side was out is in the value; an unknown value counts as low (the common case).
    const tracker = alert.value !== undefined && alert.value > this.rule.max_pct ? this.high : this.low;
    tracker.markActive(alert.meter, alert.lastSeenMs);
  }
}
