import { localDateTime } from '@lingtan/domain';
import type { Alert, AnomalyRule, Meter, NormalizedReading } from '@lingtan/schema';
import { alertSummaryOf, alertText } from '@lingtan/schema';
import type { Evaluator, Signal } from './evaluator.js';
import { MAD_TO_SIGMA, mad } from './robust.js';

const QUARTER_MS = 15 * 60_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

interface MeterBaseline {
  quarterStartMs: number;
  sum: number;
  n: number;
  lastTsMs: number;
  active: boolean;
  /** weekday x 24 + hour (park time) -> past quarter-hour means, newest last. */
  readonly slots: Map<number, number[]>;
}

/** The weekday x hour slot of a time in the park's zone (0 = Sunday 00:00-01:00). */
export function weekHourSlot(ms: number, timeZone: string): number {
  const t = localDateTime(ms, timeZone);
  const weekday = new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay();
  return weekday * 24 + t.hour;
}

/** Whether `mean` lies outside the slot's baseline, and by how much (robust z-limit or the absolute floor). */
export function judge(samples: readonly number[], mean: number, rule: Pick<AnomalyRule, 'k' | 'min_deviation' | 'direction'>): { anomalous: boolean; median: number; limit: number } {
  const { median, mad: spread } = mad(samples);
  const limit = Math.max(rule.k * MAD_TO_SIGMA * spread, rule.min_deviation);
  const dev = mean - median;
  const anomalous = rule.direction === 'above' ? dev > limit : rule.direction === 'below' ? -dev > limit : Math.abs(dev) > limit;
  return { anomalous, median, limit };
}

/**
 * Consumption against the meter's own baseline for that weekday and hour. Each closed quarter
 * hour's mean of `quantity` is judged against the median of the same weekday-hour's past
 * quarter hours, with the spread from the MAD (robust: one odd week cannot move the median or
 * the spread much), then added to the baseline. A slot says nothing until it has
 * `learning_samples` quarter hours (the learning period, 3 weeks by default). E.g. load at
 * night when the plant should be idle. Judged when the next quarter's first reading arrives.
 */
export class AnomalyEvaluator implements Evaluator {
  readonly meters: ReadonlySet<string>;
  private readonly state = new Map<string, MeterBaseline>();

  constructor(
    private readonly rule: AnomalyRule,
    subjects: readonly Meter[],
    private readonly timeZone: string,
  ) {
    this.meters = new Set(subjects.map((m) => m.id));
  }

  onReading(meter: Meter, reading: NormalizedReading, out: Signal[]): void {
    const value = reading.v[this.rule.quantity];
    if (value === undefined) return;
    let s = this.state.get(meter.id);
    const quarter = Math.floor(reading.ts / QUARTER_MS) * QUARTER_MS;
    if (s === undefined) {
      s = { quarterStartMs: quarter, sum: 0, n: 0, lastTsMs: Number.NEGATIVE_INFINITY, active: false, slots: new Map() };
      this.state.set(meter.id, s);
    }
    if (reading.ts <= s.lastTsMs) return;
    s.lastTsMs = reading.ts;
    if (quarter !== s.quarterStartMs) {
      if (s.n > 0) this.closeQuarter(meter.id, s, reading.ts, out);
      s.quarterStartMs = quarter;
      s.sum = 0;
      s.n = 0;
    }
    s.sum += value;
    s.n += 1;
  }

  restore(alert: Alert): void {
    const s = this.state.get(alert.meter);
    if (s !== undefined) s.active = true;
    else this.state.set(alert.meter, { quarterStartMs: Number.NaN, sum: 0, n: 0, lastTsMs: alert.lastSeenMs, active: true, slots: new Map() });
  }

  private closeQuarter(meter: string, s: MeterBaseline, atMs: number, out: Signal[]): void {
    const mean = s.sum / s.n;
    const slot = weekHourSlot(s.quarterStartMs, this.timeZone);
    const samples = s.slots.get(slot) ?? [];
    if (samples.length >= this.rule.learning_samples) {
      const verdict = judge(samples, mean, this.rule);
      const rounded = Math.round(mean * 10) / 10;
      if (verdict.anomalous && !s.active) {
        s.active = true;
        out.push({
          type: 'raise',
          subject: meter,
          atMs,
          value: rounded,
          detail: alertText('anomaly.deviation', {
            quantity: this.rule.quantity,
            value: rounded,
            median: Math.round(verdict.median * 10) / 10,
            weekday: WEEKDAYS[Math.floor(slot / 24)],
            hour: `${String(slot % 24).padStart(2, '0')}:00`,
            limit: Math.round(verdict.limit * 10) / 10,
            samples: samples.length,
          }),
          recommendation: { ...alertSummaryOf(alertText('anomaly.review', {})), actions: [{ action: 'review_consumption', target: meter }] },
        });
      } else if (!verdict.anomalous && s.active) {
        s.active = false;
        out.push({ type: 'clear', subject: meter, atMs, value: rounded });
      }
    }
    samples.push(mean);
    if (samples.length > this.rule.max_samples) samples.shift();
    s.slots.set(slot, samples);
  }
}
