import { periodOf, thresholdOfClass } from '@lingtan/domain';
import type { Period } from '@lingtan/domain';
import type { Alert, Meter, NormalizedReading, ZeroCarbonRule } from '@lingtan/schema';
import type { Evaluator, PeriodSeed, Signal } from './evaluator.js';
import { alertSummaryOf, alertText } from '@lingtan/schema';
import { pct, pctValue } from './evaluator.js';

type Source = ZeroCarbonRule['sources'][number];

/** The tCO2/tce threshold of the rule: explicit, or the size class's from the versioned table. */
export function zeroCarbonThreshold(rule: Pick<ZeroCarbonRule, 'max_tco2_per_tce' | 'size_class'>): number {
  if (rule.max_tco2_per_tce !== undefined) return rule.max_tco2_per_tce;
  const row = rule.size_class === undefined ? undefined : thresholdOfClass(rule.size_class);
  if (row?.maxTco2PerTce == null) throw new RangeError(`no tCO2/tce threshold for size class ${rule.size_class ?? '(none)'}`);
  return row.maxTco2PerTce;
}

/**
 * The park's carbon per energy (tCO2/tce) over the year or month so far, from the sources'
 * interval deltas, judged on the evaluation tick once `min_tce` are counted: raised at
 * `warn_ratio` of the threshold (drifting towards it) and cleared `hysteresis` below that,
 * or when the period ends. The recommendation names the largest emitting meters.
 *
 * After a restart the period's tce and tCO2 so far are seeded from the store (`seed`,
 * persist/seed.ts): each source meter's quantities summed from the daily aggregates.
 */
export class ZeroCarbonEvaluator implements Evaluator {
  readonly meters: ReadonlySet<string>;
  private readonly sourcesOf = new Map<string, Source[]>();
  private readonly threshold: number;
  private period: Period | undefined;
  private tce = 0;
  private readonly co2ByMeter = new Map<string, number>();
  private active = false;
  private clearPending = false;
  /** Readings before this were counted by the seed from the store. */
  private seededUntilMs = Number.NEGATIVE_INFINITY;
  readonly seed: PeriodSeed;

  constructor(
    private readonly rule: ZeroCarbonRule,
    private readonly parkId: string,
    private readonly timeZone: string,
    private readonly nameOf: (id: string) => string,
  ) {
    this.threshold = zeroCarbonThreshold(rule);
    for (const source of rule.sources) for (const m of source.meters) this.sourcesOf.set(m, [...(this.sourcesOf.get(m) ?? []), source]);
    this.meters = new Set(this.sourcesOf.keys());
    this.seed = {
      quantitiesOf: (meter) => [...new Set((this.sourcesOf.get(meter) ?? []).map((s) => s.quantity))],
      from: (nowMs) => periodOf(rule.period, nowMs, timeZone).startMs,
      apply: (sums, untilMs) => {
        if (this.period === undefined || untilMs >= this.period.endMs) this.start(untilMs);
        for (const [meter, byQuantity] of sums) {
          for (const source of this.sourcesOf.get(meter) ?? []) {
            const sum = byQuantity.get(source.quantity);
            if (sum !== undefined) this.add(meter, source, sum);
          }
        }
        this.seededUntilMs = untilMs;
      },
    };
  }

  onReading(meter: Meter, reading: NormalizedReading): void {
    for (const source of this.sourcesOf.get(meter.id) ?? []) {
      const delta = reading.d?.[source.quantity];
      if (delta === undefined || reading.ts < this.seededUntilMs) continue;
      if (this.period === undefined || reading.ts >= this.period.endMs) this.start(reading.ts);
      if (reading.ts < this.period!.startMs) continue;
      this.add(meter.id, source, delta);
    }
  }

  private add(meter: string, source: Source, delta: number): void {
    this.tce += delta * source.tce_per_unit;
    this.co2ByMeter.set(meter, (this.co2ByMeter.get(meter) ?? 0) + delta * source.tco2_per_unit);
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
    if (this.tce < this.rule.min_tce) return;
    const co2 = [...this.co2ByMeter.values()].reduce((a, b) => a + b, 0);
    const intensity = co2 / this.tce;
    const value = Math.round(intensity * 10_000) / 10_000;
    const ratio = intensity / this.threshold;
    if (!this.active && ratio >= this.rule.warn_ratio) {
      this.active = true;
      const top = [...this.co2ByMeter.entries()].filter(([, t]) => t > 0).sort((a, b) => b[1] - a[1]).slice(0, 3);
      const total = co2 > 0 ? co2 : 1;
      out.push({
        type: 'raise',
        ...subject,
        atMs: nowMs,
        value,
        detail: alertText(ratio >= 1 ? 'zero_carbon.past' : 'zero_carbon.near', { value, period: this.rule.period, label: this.period.label, ratioPct: pctValue(ratio), threshold: this.threshold }),
        recommendation: {
          ...alertSummaryOf(alertText('zero_carbon.largest_emitters', { emitters: top.map(([id, t]) => `${this.nameOf(id)} (${id}) ${pct(t / total)}`).join(', ') })),
          actions: top.map(([id, t]) => ({ action: 'review_consumption' as const, target: id, share: Math.round((t / total) * 1000) / 1000 })),
        },
      });
    } else if (this.active && ratio < this.rule.warn_ratio - this.rule.hysteresis) {
      this.active = false;
      out.push({ type: 'clear', ...subject, atMs: nowMs, value });
    }
  }

  restore(_alert: Alert): void {
    this.active = true;
  }

  private start(ms: number): void {
    if (this.period !== undefined && this.active) {
      this.active = false;
      this.clearPending = true;
    }
    this.period = periodOf(this.rule.period, ms, this.timeZone);
    this.tce = 0;
    this.co2ByMeter.clear();
  }
}
