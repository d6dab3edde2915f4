import { periodOf } from '@lingtan/domain';
import type { Period } from '@lingtan/domain';
import type { Alert, GreenShareRule, Meter, NormalizedReading } from '@lingtan/schema';
import type { Evaluator, Signal } from './evaluator.js';
import { alertSummaryOf, alertText } from '@lingtan/schema';
import { pctValue } from './evaluator.js';

/**
 * Green electricity share of the park over the current day or month (park time): on-site
 * generation (`energy_generated_kwh` deltas of the subject's pv meters) over generation plus
 * grid import (`energy_import_kwh` deltas of `grid_meters`). Judged on the evaluation tick once
 * `min_kwh` have been used in the period; raised below `min_share`, cleared at `min_share +
 * hysteresis` or when the period ends. The recommendation names the grid meter drawing most.
 * (Contracted green power and certificates are annual instruments: see `greenShares` in
 * @lingtan/domain for the reported figure; this rule watches the physical on-site share.)
 */
export class GreenShareEvaluator implements Evaluator {
  readonly meters: ReadonlySet<string>;
  private readonly pv: ReadonlySet<string>;
  private readonly grid: ReadonlySet<string>;
  private period: Period | undefined;
  private greenKwh = 0;
  private readonly gridKwh = new Map<string, number>();
  private active = false;
  /** The period ended (seen on a reading) while raised: the next tick clears. */
  private clearPending = false;

  constructor(
    private readonly rule: GreenShareRule,
    subjects: readonly Meter[],
    private readonly parkId: string,
    private readonly timeZone: string,
    private readonly nameOf: (id: string) => string,
  ) {
    this.pv = new Set(subjects.filter((m) => m.carrier === 'pv').map((m) => m.id));
    this.grid = new Set(rule.grid_meters);
    this.meters = new Set([...this.pv, ...this.grid]);
  }

  onReading(meter: Meter, reading: NormalizedReading): void {
    const isPv = this.pv.has(meter.id);
    const delta = isPv ? reading.d?.energy_generated_kwh : reading.d?.energy_import_kwh;
    if (delta === undefined || !(isPv || this.grid.has(meter.id))) return;
    if (this.period === undefined || reading.ts >= this.period.endMs) this.start(reading.ts);
    if (reading.ts < this.period!.startMs) return;
    if (isPv) this.greenKwh += delta;
    else this.gridKwh.set(meter.id, (this.gridKwh.get(meter.id) ?? 0) + delta);
  }

  onTick(nowMs: number, out: Signal[]): void {
    if (this.period === undefined) return;
    const subject = { subject: this.parkId, subjectScope: 'park' as const };
    if (nowMs >= this.period.endMs) this.start(nowMs);
    if (this.clearPending) {
      this.clearPending = false;
      out.push({ type: 'clear', ...subject, atMs: nowMs });
      return;
    }
    const gridKwh = [...this.gridKwh.values()].reduce((a, b) => a + b, 0);
    const total = this.greenKwh + gridKwh;
    if (total < this.rule.min_kwh) return;
    const share = this.greenKwh / total;
    const value = Math.round(share * 1000) / 1000;
    if (!this.active && share < this.rule.min_share) {
      this.active = true;
      const [top] = [...this.gridKwh.entries()].sort((a, b) => b[1] - a[1]);
      out.push({
        type: 'raise',
        ...subject,
        atMs: nowMs,
        value,
        detail: alertText('green_share.low', { sharePct: pctValue(share), totalKwh: Math.round(total), period: this.rule.period, label: this.period.label, minPct: pctValue(this.rule.min_share) }),
        recommendation: {
          ...alertSummaryOf(alertText('green_share.shift_load', top === undefined ? {} : { topName: this.nameOf(top[0]), top: top[0], topPct: pctValue(top[1] / total) })),
          actions: top === undefined ? [] : [{ action: 'review_consumption', target: top[0], share: Math.round((top[1] / total) * 1000) / 1000 }],
        },
      });
    } else if (this.active && share >= this.rule.min_share + this.rule.hysteresis) {
      this.active = false;
      out.push({ type: 'clear', ...subject, atMs: nowMs, value });
    }
  }

  restore(_alert: Alert): void {
    this.active = true;
  }

  /** A new period; one that ends while raised clears the alert (the new one is judged afresh). */
  private start(ms: number): void {
    if (this.period !== undefined && this.active) {
      this.active = false;
      this.clearPending = true;
    }
    this.period = periodOf(this.rule.period, ms, this.timeZone);
    this.greenKwh = 0;
    this.gridKwh.clear();
  }
}
