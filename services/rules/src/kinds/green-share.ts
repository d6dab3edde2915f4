import { periodOf } from '@lingtan/domain';
import type { Period } from '@lingtan/domain';
import type { Alert, GreenShareRule, Meter, NormalizedReading } from '@lingtan/schema';
import type { Evaluator, PeriodSeed, Signal } from './evaluator.js';
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
 *
 * After a restart the period's generation and import so far are seeded from the store
 * (`seed`, persist/seed.ts), so a mid-day restart does not judge only the readings since.
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
  /** Readings before this were counted by the seed from the store. */
  private seededUntilMs = Number.NEGATIVE_INFINITY;
  readonly seed: PeriodSeed;

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
    this.seed = {
      quantitiesOf: (meter) => {
        const quantity = this.quantityOf(meter);
        return quantity === undefined ? [] : [quantity];
      },
      from: (nowMs) => periodOf(rule.period, nowMs, timeZone).startMs,
      apply: (sums, untilMs) => {
        if (this.period === undefined || untilMs >= this.period.endMs) this.start(untilMs);
        for (const [meter, byQuantity] of sums) {
          const quantity = this.quantityOf(meter);
          const sum = quantity === undefined ? undefined : byQuantity.get(quantity);
          if (sum !== undefined) this.add(meter, sum);
        }
        this.seededUntilMs = untilMs;
      },
    };
  }

  onReading(meter: Meter, reading: NormalizedReading): void {
    const quantity = this.quantityOf(meter.id);
    const delta = quantity === undefined ? undefined : reading.d?.[quantity];
    if (delta === undefined || reading.ts < this.seededUntilMs) return;
    if (this.period === undefined || reading.ts >= this.period.endMs) this.start(reading.ts);
    if (reading.ts < this.period!.startMs) return;
    this.add(meter.id, delta);
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

  /** The register a meter counts with: generation for the pv subjects, import for the grid meters. */
  private quantityOf(meter: string): 'energy_generated_kwh' | 'energy_import_kwh' | undefined {
    if (this.pv.has(meter)) return 'energy_generated_kwh';
    return this.grid.has(meter) ? 'energy_import_kwh' : undefined;
  }

  private add(meter: string, kwh: number): void {
    if (this.pv.has(meter)) this.greenKwh += kwh;
    else this.gridKwh.set(meter, (this.gridKwh.get(meter) ?? 0) + kwh);
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
