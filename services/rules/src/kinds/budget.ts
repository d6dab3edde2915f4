import { accountingMeters, budgetStatus, factorChoiceOf, meterAccountingFactor, periodOf } from '@lingtan/domain';
import type { Period, RegistryIndex, WarningLevel } from '@lingtan/domain';
import type { Alert, BudgetRule, Meter, NormalizedReading, Recommendation } from '@lingtan/schema';
import type { Evaluator, Signal } from './evaluator.js';
import { alertSummaryOf, alertText } from '@lingtan/schema';
import { pct, pctValue } from './evaluator.js';

const RANK: Record<WarningLevel, number> = { grey: 0, green: 0, yellow: 1, orange: 2, red: 3 };

/** How one counted meter's deltas become budget units: which register, times what. */
interface Weight {
  readonly quantity: string;
  readonly factor: number;
}

interface Group {
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
  private readonly weightOf = new Map<string, Weight>();
  private readonly unit: string;

  constructor(
    private readonly rule: BudgetRule,
    subjects: readonly Meter[],
    parkId: string,
    private readonly timeZone: string,
    private readonly names: { meter: (id: string) => string; enterprise: (id: string) => string; enterpriseOfMeter: (id: string) => string },
    explicitMeters: boolean,
    /** The registry, for `from_registry` rules: which meters count, their factors, the budgets (read live, so an admin's change applies). */
    private readonly registry: RegistryIndex,
  ) {
    this.unit = rule.from_registry === undefined ? rule.unit : rule.from_registry === 'year_tce' ? 'tce' : 'tCO2';
    for (const [m, weight] of this.weights(subjects, explicitMeters)) {
      const group = rule.scope === 'park' ? parkId : m.enterprise;
      // A rule-file budget is fixed: an enterprise without one is not judged. A registry budget
      // is read on each tick, so every subject gets a group and is judged once it has one.
      if (rule.from_registry === undefined && (rule.budgets[group] ?? rule.budget) === undefined) continue;
      this.groupOf.set(m.id, group);
      this.weightOf.set(m.id, weight);
      if (!this.groups.has(group)) this.groups.set(group, { period: undefined, actual: 0, byMeter: new Map(), level: undefined, active: false, clearPending: false });
    }
    this.meters = new Set(this.groupOf.keys());
    this.seed = {
      quantitiesOf: (meter) => {
        const w = this.weightOf.get(meter);
        return w === undefined ? [] : [w.quantity];
      },
      from: (nowMs) => periodOf(rule.period, nowMs, timeZone).startMs,
      apply: (sums, untilMs) => {
        for (const [meter, byQuantity] of sums) {
          const group = this.groups.get(this.groupOf.get(meter) ?? '');
          const sum = byQuantity.get(this.weightOf.get(meter)?.quantity ?? '');
          if (group === undefined || sum === undefined) continue;
          if (group.period === undefined) this.startPeriod(group, untilMs);
          const used = sum * (this.weightOf.get(meter)?.factor ?? 0);
          group.actual += used;
          group.byMeter.set(meter, (group.byMeter.get(meter) ?? 0) + used);
        }
        for (const g of this.groups.values()) if (g.period === undefined) this.startPeriod(g, untilMs);
        this.seededUntilMs = untilMs;
      },
    };
  }

  onReading(meter: Meter, reading: NormalizedReading): void {
    const weight = this.weightOf.get(meter.id);
    const delta = weight === undefined ? undefined : reading.d?.[weight.quantity];
    const group = this.groups.get(this.groupOf.get(meter.id) ?? '');
    if (delta === undefined || group === undefined || reading.ts < this.seededUntilMs) return;
    // The delta belongs to the period its reading closes in (the ingestor's deltas never count twice).
    if (group.period === undefined || reading.ts >= group.period.endMs) this.startPeriod(group, reading.ts);
    if (reading.ts < group.period!.startMs) return; // a late reading of the previous period
    const used = delta * weight!.factor;
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
      const budget = this.budgetOf(id, g.period);
      if (budget === undefined) {
        // A registry budget taken away while raised: nothing to judge against any more.
        if (g.active) {
          g.active = false;
          g.level = undefined;
          out.push({ type: 'clear', subject: id, subjectScope: scope, atMs: nowMs, value: round(g.actual) });
        }
        continue;
      }
      const status = budgetStatus({ budget, actual: g.actual, planShareAtNow: Math.min(1, share), completeness: 1 }, { bands: this.rule.bands, minCompleteness: 0 });
      const over = RANK[status.level] >= RANK[this.rule.raise_level];
      if (over && status.level !== g.level) {
        g.active = true;
        g.level = status.level;
        const unit = this.unit;
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
            budget: round(budget),
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

  /**
   * Which meters count and how: for a rule-file budget, the subjects' main meters (or the
   * listed meters) with `quantity` x `unit_factor`; for a registry budget, the subjects that
   * are the park's accounting meters, each with its own register and tce or tCO2 per unit.
   */
  private weights(subjects: readonly Meter[], explicitMeters: boolean): [Meter, Weight][] {
    const rule = this.rule;
    if (rule.from_registry === undefined) {
      const counted = explicitMeters ? subjects : subjects.filter((m) => m.role === 'main');
      return counted.map((m) => [m, { quantity: rule.quantity, factor: rule.unit_factor }]);
    }
    const registry = this.registry;
    const counted = accountingMeters(registry);
    const choice = factorChoiceOf(registry.registry.park);
    return subjects.flatMap((m): [Meter, Weight][] => {
      const f = counted.has(m.id) ? meterAccountingFactor(m, choice) : undefined;
      return f === undefined ? [] : [[m, { quantity: f.quantity, factor: rule.from_registry === 'year_tce' ? f.tcePerUnit : f.tco2PerUnit }]];
    });
  }

  /**
   * The budget of a group for a period: the rule file's, or the registry's annual budget
   * pro rata by time (a 31-day month of a 365-day year: 31/365 of it). Undefined: not set.
   */
  private budgetOf(group: string, period: Period): number | undefined {
    const rule = this.rule;
    if (rule.from_registry === undefined) return rule.budgets[group] ?? rule.budget;
    const registry = this.registry;
    const budgets = rule.scope === 'park' ? registry.registry.park.budgets : registry.enterprise(group)?.budgets;
    const year = budgets?.[rule.from_registry];
    if (year === undefined) return undefined;
    if (rule.period === 'year') return year;
    const y = periodOf('year', period.startMs, this.timeZone);
    return (year * (period.endMs - period.startMs)) / (y.endMs - y.startMs);
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
