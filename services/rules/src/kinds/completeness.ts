import type { Alert, CompletenessRule, Meter, NormalizedReading } from '@lingtan/schema';
import type { Evaluator, Signal } from './evaluator.js';
import { alertSummaryOf, alertText } from '@lingtan/schema';
import { pctValue } from './evaluator.js';

const BUCKETS = 12;
// One slot more than the window holds, so the bucket filling now never overwrites the oldest judged one.
const SLOTS = BUCKETS + 1;

interface Counts {
  readonly expected: number;
  lastTsMs: number;
  /** Readings per bucket of window / 12, by device time; `starts` says which bucket each slot holds. */
  readonly counts: Int32Array;
  readonly starts: Float64Array;
  active: boolean;
}

/**
 * Data completeness per meter: readings received (by device time, a redelivery counted once)
 * over the last `window_ms`, against the window / `interval_s` the registry promises. Judged
 * on the evaluation tick once per twelfth of the window, over the last twelve whole twelfths,
 * and not before the watch has run a whole window (a restart is not a gap).
 * Raised below `min_ratio`; cleared at `min_ratio + hysteresis`.
 */
export class CompletenessEvaluator implements Evaluator {
  readonly meters: ReadonlySet<string>;
  private readonly state = new Map<string, Counts>();
  private readonly bucketMs: number;
  private lastJudgedBucket = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly rule: CompletenessRule,
    subjects: readonly Meter[],
    private readonly startMs: number,
  ) {
    this.meters = new Set(subjects.map((m) => m.id));
    this.bucketMs = rule.window_ms / BUCKETS;
    for (const m of subjects) {
      this.state.set(m.id, { expected: rule.window_ms / (m.interval_s * 1000), lastTsMs: Number.NEGATIVE_INFINITY, counts: new Int32Array(SLOTS), starts: new Float64Array(SLOTS).fill(-1), active: false });
    }
  }

  onReading(meter: Meter, reading: NormalizedReading): void {
    const s = this.state.get(meter.id);
    if (s === undefined || reading.ts <= s.lastTsMs) return;
    s.lastTsMs = reading.ts;
    const bucket = Math.floor(reading.ts / this.bucketMs);
    const slot = bucket % SLOTS;
    if (bucket < s.starts[slot]!) return; // older than the slot's bucket: outside any window still judged
    if (s.starts[slot] !== bucket) {
      s.starts[slot] = bucket;
      s.counts[slot] = 0;
    }
    s.counts[slot]! += 1;
  }

  onTick(nowMs: number, out: Signal[]): void {
    const current = Math.floor(nowMs / this.bucketMs);
    if (current === this.lastJudgedBucket || nowMs - this.startMs < this.rule.window_ms + this.bucketMs) return;
    this.lastJudgedBucket = current;
    for (const [meter, s] of this.state) {
      let received = 0;
      for (let i = 0; i < SLOTS; i++) {
        const start = s.starts[i]!;
        if (start >= current - BUCKETS && start < current) received += s.counts[i]!;
      }
      const ratio = Math.min(1, received / s.expected);
      if (!s.active && ratio < this.rule.min_ratio) {
        s.active = true;
        out.push({
          type: 'raise',
          subject: meter,
          atMs: nowMs,
          value: Math.round(ratio * 1000) / 1000,
          detail: alertText('completeness.low', { received, expected: Math.round(s.expected), ratioPct: pctValue(ratio), windowMin: Math.round(this.rule.window_ms / 60_000), minPct: pctValue(this.rule.min_ratio) }),
          recommendation: { ...alertSummaryOf(alertText('completeness.check_link', {})), actions: [{ action: 'check_meter', target: meter }] },
        });
      } else if (s.active && ratio >= this.rule.min_ratio + this.rule.hysteresis) {
        s.active = false;
        out.push({ type: 'clear', subject: meter, atMs: nowMs, value: Math.round(ratio * 1000) / 1000 });
      }
    }
  }

  restore(alert: Alert): void {
    const s = this.state.get(alert.meter);
    if (s !== undefined) s.active = true;
  }
}
