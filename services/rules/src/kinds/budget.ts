import { budgetStatus, periodOf } from '@lingtan/domain';
import type { Period, WarningLevel } from '@lingtan/domain';
import type { Alert, BudgetRule, Meter, NormalizedReading, Recommendation } from '@lingtan/schema';
import type { Evaluator, Signal } from './evaluator.js';
import { alertSummaryOf, alertText } from '@lingtan/schema';
import { pct, pctValue } from './evaluator.js';

const RANK: Record<WarningLevel, number> = { grey: 0, green: 0, yellow: 1, orange: 2, red: 3 };

interface Group {
  readonly budget: number;
  period: Period | undefined;
  actual: number;
  /** Use per meter this period (budget units), for naming what drives it. */
  readonly byMeter: Map<string, number>;
  level: WarningLevel | undefined;
  active: boolean;
  /** The period ended (seen on a reading) while raised: the next tick clears. */
  clearPending: boolean;
}

/**
 * Energy or carbon budget progress (用能预算 / 碳预算, 双控 warning bands) per enterprise or for
 * the park over the current day, month or year in the park's zone. Use is the sum of the
 * `quantity` interval deltas times `unit_factor`, from main meters only (sub-meters are
 * inside their main meter; an explicit meter list is taken as given); `budgetStatus` judges
 * it with the plan spread evenly over the period. Judged on the evaluation tick; raised at
 * `raise_level` or worse, updated when the level changes, cleared when it drops back or the
 * period ends. The recommendation names the meters (and, for the park, enterprises) driving it.
 *
 * After a restart the period's use so far is seeded from the store (`seed`, persist/seed.ts).
 */
export class BudgetEvaluator implements Evaluator {
  readonly meters: ReadonlySet<string>;
  private readonly groups = new Map<string, Group>();
  private readonly groupOf = new Map<string, string>();
  /** Readings before this were counted by the seed from the store. */
  private seededUntilMs = Number.NEGATIVE_INFINITY;
  readonly seed: NonNullable<Evaluator['seed']>;

  constructor(
    private readonly rule: BudgetRule,
    subjects: readonly Meter[],
    parkId: string,
    private readonly timeZone: string,
    private readonly names: { meter: (id: string) => string; enterprise: (id: string) => string; enterpriseOfMeter: (id: string) => string },
    explicitMeters: boolean,
  ) {
    const counted = explicitMeters ? subjects : subjects.filter((m) => m.role === 'main');
    for (const m of counted) {
      const group = rule.scope === 'park' ? parkId : m.enterprise;
      const budget = rule.budgets[group] ?? rule.budget;
      if (budget === undefined) continue; // an enterprise without a budget is not judged
      this.groupOf.set(m.id, group);
      if (!this.groups.has(group)) this.groups.set(group, { budget, period: undefined, actual: 0, byMeter: new Map(), level: undefined, active: false, clearPending: false });
    }
    this.meters = new Set(this.groupOf.keys());
    this.seed = {
      quantity: rule.quantity,
      from: (nowMs) => periodOf(rule.period, nowMs, timeZone).startMs,
      apply: (sums, untilMs) => {
        for (const [meter, sum] of sums) {
          const group = this.groups.get(this.groupOf.get(meter) ?? '');
          if (group === undefined) continue;
          if (group.period === undefined) this.startPeriod(group, untilMs);
          const used = sum * rule.unit_factor;
          group.actual += used;
          group.byMeter.set(meter, (group.byMeter.get(meter) ?? 0) + used);
        }
        for (const g of this.groups.values()) if (g.period === undefined) this.startPeriod(g, untilMs);
        this.seededUntilMs = untilMs;
      },
    };
  }

  onReading(meter: Meter, reading: NormalizedReading): void {
    const delta = reading.d?.[this.rule.quantity];
    const group = this.groups.get(this.groupOf.get(meter.id) ?? '');
    if (delta === undefined || group === undefined || reading.ts < this.seededUntilMs) return;
    // The delta belongs to the period its reading closes in (the ingestor's deltas never count twice).
    if (group.period === undefined || reading.ts >= group.period.endMs) this.startPeriod(group, reading.ts);
    if (reading.ts < group.period!.startMs) return; // a late reading of the previous period
    const used = delta * this.rule.unit_factor;
    group.actual += used;
    group.byMeter.set(meter.id, (group.byMeter.get(meter.id) ?? 0) + used);
  }

  onTick(nowMs: number, out: Signal[]): void {
    const scope = this.rule.scope;
    for (const [id, g] of this.groups) {
      if (g.period === undefined) continue;
      if (nowMs >= g.period.endMs) this.startPeriod(g, nowMs);
      if (g.clearPending) {
        g.clearPending = false;
        out.push({ type: 'clear', subject: id, subjectScope: scope, atMs: nowMs });
        continue;
      }
      const share = (nowMs - g.period.startMs) / (g.period.endMs - g.period.startMs);
      if (share < this.rule.min_elapsed_share) continue;
      const status = budgetStatus({ budget: g.budget, actual: g.actual, planShareAtNow: Math.min(1, share), completeness: 1 }, { bands: this.rule.bands, minCompleteness: 0 });
      const over = RANK[status.level] >= RANK[this.rule.raise_level];
      if (over && status.level !== g.level) {
        g.active = true;
        g.level = status.level;
        const unit = this.rule.unit;
        out.push({
          type: 'raise',
          subject: id,
          subjectScope: scope,
          atMs: nowMs,
          value: round(g.actual),
          detail: alertText('budget.level', {
            level: status.level,
            period: this.rule.period,
            label: g.period.label,
            actual: round(g.actual),
            budget: g.budget,
            unit,
            progressPct: pctValue(status.progress),
            elapsedPct: pctValue(share),
            forecast: round(status.forecast),
            forecastPct: pctValue(status.forecastRatio),
          }),
          recommendation: this.recommend(g),
        });
      } else if (!over && g.active) {
        g.active = false;
        g.level = status.level;
        out.push({ type: 'clear', subject: id, subjectScope: scope, atMs: nowMs, value: round(g.actual) });
      }
    }
  }

  restore(alert: Alert): void {
    const g = this.groups.get(alert.meter);
    if (g !== undefined) g.active = true;
  }

  /** A new period; one that ends while raised clears the alert (the new period is judged afresh). */
  private startPeriod(g: Group, ms: number): void {
    if (g.period !== undefined && g.active) {
      g.active = false;
      g.clearPending = true;
    }
    g.period = periodOf(this.rule.period, ms, this.timeZone);
    g.actual = 0;
    g.byMeter.clear();
    g.level = undefined;
  }

  /** The three largest users this period (meters; for the park also enterprises), with their shares. */
  private recommend(g: Group): Recommendation {
    const top = (entries: Iterable<[string, number]>) => [...entries].sort((a, b) => b[1] - a[1]).slice(0, 3);
    const total = g.actual > 0 ? g.actual : 1;
    const meters = top(g.byMeter);
    const actions: Recommendation['actions'][number][] = meters.map(([id, used]) => ({ action: 'review_consumption', target: id, share: round(used / total, 3) }));
    const words = meters.map(([id, used]) => `${this.names.meter(id)} (${id}) ${pct(used / total)}`);
    if (this.rule.scope === 'park') {
      const byEnterprise = new Map<string, number>();
      for (const [meter, used] of g.byMeter) {
        const e = this.names.enterpriseOfMeter(meter);
        byEnterprise.set(e, (byEnterprise.get(e) ?? 0) + used);
      }
      const enterprises = top(byEnterprise);
      actions.unshift(...enterprises.map(([id, used]) => ({ action: 'review_consumption' as const, target: id, share: round(used / total, 3) })));
      words.unshift(...enterprises.map(([id, used]) => `${this.names.enterprise(id)} ${pct(used / total)}`));
    }
    return { ...alertSummaryOf(alertText('budget.largest_users', { period: this.rule.period, users: words.join(', ') })), actions };
  }

}

function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
