import type { RegistryChange, RegistryIndex } from '@lingtan/domain';
import type { Alert, AlertEvent, AlertText, Meter, NormalizedBatch, NormalizedReading, Rule, RulesFile } from '@lingtan/schema';
import { compileRule, rebindRule } from './compiled.js';
import type { Compiled } from './compiled.js';
import { counterMarkText } from './counter-marks.js';
import type { Evaluator, Signal } from './kinds/evaluator.js';
import { AlertStore, dedupKey } from './lifecycle.js';
import type { LifecycleResult, Raise } from './lifecycle.js';
import { offlineText, stillSilentText } from './offline.js';
import type { RestoredAlert } from './persist/rebuild.js';
import { raiseOf, subjectOf } from './raise-of.js';
import type { Subject } from './raise-of.js';
import { thresholdText } from './threshold.js';

/** What one normalized batch did: events, and readings skipped because the registry disowns them. */
export interface BatchOutcome {
  readonly events: AlertEvent[];
  readonly skipped: number;
}

/**
 * The rule evaluator: rules compiled against the registry, per-rule state, and the alert
 * store. Pure (no I/O, no clock): the caller feeds batches and the time of each tick.
 */
export class RuleEngine {
  private compiled: Compiled[] = [];
  private byMeter = new Map<string, Compiled[]>();
  private flapWindowMs = 0;
  /** Evaluators whose period totals came from the store already (or need none). */
  private readonly seeded = new WeakSet<Evaluator>();
  /** The alert lifecycle; acknowledgements and clears by hand go through it. */
  readonly alerts: AlertStore;

  /**
   * `owns` limits the engine to some meters (a partition's enterprises): rules select only
   * those, so an instance never reports another instance's meters as offline.
   */
  constructor(
    private readonly registry: RegistryIndex,
    newAlertId: () => string,
    private readonly owns: (meter: Meter) => boolean = () => true,
  ) {
    this.alerts = new AlertStore(newAlertId);
  }

  /**
   * Replace the rules. A rule whose definition is unchanged keeps its state (a pending
   * threshold, a meter's silence); a new or changed rule starts afresh at `nowMs`. The file
   * must already have passed `checkAgainstRegistry`.
   */
  setRules(file: RulesFile, nowMs: number): void {
    this.install(file, nowMs, (kept) => kept);
  }

  /**
   * Follow a registry change (`LiveRegistry.onChange`; the registry this engine reads is
   * already the new one). `file` is the rules that can run against it (`rulesForRegistry`).
   * Open alerts of a meter or enterprise that left the registry are cleared by "system"
   * with reason `subject_removed`; those of a rule dropped because it names something gone,
   * with `rule_dropped` (nothing would clear them otherwise). Every rule is rebound to its
   * subjects as they are now, keeping the state of the subjects it still has
   * (`rebindRule`). Returns the lifecycle events.
   */
  registryChanged(change: RegistryChange, file: RulesFile, nowMs: number): AlertEvent[] {
    const events: AlertEvent[] = [];
    const meters = new Set(change.meters.removed);
    const enterprises = new Set(change.enterprises.removed);
    for (const a of this.alerts.openAlerts()) {
      const gone = a.subjectScope === undefined ? meters.has(a.meter) : a.subjectScope === 'enterprise' && enterprises.has(a.meter);
      if (gone) push(events, this.alerts.clearBySystem(a.key, nowMs, 'subject_removed'));
    }
    const before = new Set(this.compiled.map((c) => c.rule.id));
    const open = new Map<string, Alert[]>();
    for (const a of this.alerts.openAlerts()) open.set(a.ruleId, [...(open.get(a.ruleId) ?? []), a]);
    const ctx = { registry: this.registry, owns: this.owns, nowMs };
    this.install(file, nowMs, (kept) => rebindRule(kept, ctx, open.get(kept.rule.id) ?? []));
    const after = new Set(this.compiled.map((c) => c.rule.id));
    for (const a of this.alerts.openAlerts()) {
      if (before.has(a.ruleId) && !after.has(a.ruleId)) push(events, this.alerts.clearBySystem(a.key, nowMs, 'rule_dropped'));
    }
    return events;
  }

  /** Install the rules of `file`: an unchanged rule goes through `keep`, a new or changed one is compiled afresh. */
  private install(file: RulesFile, nowMs: number, keep: (kept: Compiled) => Compiled): void {
    const old = new Map(this.compiled.map((c) => [c.rule.id, c]));
    this.flapWindowMs = file.flap_window_ms;
    this.compiled = file.rules
      .filter((rule) => rule.enabled)
      .map((rule) => {
        const kept = old.get(rule.id);
        return kept !== undefined && JSON.stringify(kept.rule) === JSON.stringify(rule) ? keep(kept) : this.compile(rule, nowMs);
      });
    this.byMeter = new Map();
    for (const c of this.compiled) {
      for (const meter of c.meters) this.byMeter.set(meter, [...(this.byMeter.get(meter) ?? []), c]);
    }
  }

  /** How many rules run now (enabled, and runnable against the registry). */
  get ruleCount(): number {
    return this.compiled.length;
  }

  /** Evaluate every reading of a batch against the rules on its meter. */
  onBatch(batch: NormalizedBatch): BatchOutcome {
    const events: AlertEvent[] = [];
    let skipped = 0;
    for (const reading of batch.readings) {
      const meter = this.registry.meter(reading.m);
      // Only readings the registry places where the batch says count: another park's or a
      // stale registry's readings must not raise alerts on the wrong owner.
      if (batch.park !== this.registry.parkId || meter?.enterprise !== batch.enterprise) {
        skipped += 1;
        continue;
      }
      for (const c of this.byMeter.get(reading.m) ?? []) this.evaluate(c, meter, reading, events);
    }
    return { events, skipped };
  }

  /** Time-driven rules: meters gone offline, counter-mark alerts quiet long enough to clear. */
  tick(nowMs: number): AlertEvent[] {
    const events: AlertEvent[] = [];
    for (const c of this.compiled) {
      if (c.kind === 'offline') {
        // Evaluate first, so a parent that went silent in the same tick is already known.
        for (const o of c.tracker.evaluate(nowMs)) {
          const meter = this.registry.meter(o.meter);
          if (meter === undefined) continue;
          // Topology: when an upstream meter (or gateway) is silent too, its children's
          // silence is its fault; they are held back and raised only if they stay silent
          // after it comes back.
          const parent = this.registry.ancestors(meter.id).find((a) => c.tracker.isOffline(a.id));
          if (parent !== undefined) {
            c.suppressed.set(meter.id, parent.id);
            continue;
          }
          const silentS = Math.round(o.silentMs / 1000);
          push(events, this.alerts.raise(this.raiseOf(c.rule, meter, nowMs, offlineText(o), silentS)));
        }
      } else if (c.kind === 'counter_mark') {
        for (const meter of c.tracker.quiet(nowMs)) push(events, this.alerts.clearByCondition(dedupKey(c.rule.id, meter), nowMs));
      } else if (c.kind === 'evaluator' && c.evaluator.onTick !== undefined) {
        const signals: Signal[] = [];
        c.evaluator.onTick(nowMs, signals);
        this.apply(c, signals, events);
      }
    }
    return events;
  }

  /**
   * Put back the alerts rebuilt from the store (before the first batch): those of meters
   * this engine owns go into the lifecycle, and each open one marks its rule's state as
   * raised, so a condition still present updates it instead of raising anew, and one that
   * has gone clears it. Returns how many open alerts were restored.
   */
  restore(restored: readonly RestoredAlert[]): number {
    const mine = restored.filter((r) => {
      if (this.subjectGone(r.alert)) return false; // see clearOrphans
      // An enterprise or park subject belongs to whichever instance runs its rule.
      if (r.alert.subjectScope !== undefined) return this.compiled.some((c) => c.rule.id === r.alert.ruleId);
      const meter = this.registry.meter(r.alert.meter);
      return meter !== undefined && this.owns(meter);
    });
    this.alerts.restore(mine);
    let open = 0;
    for (const { alert } of mine) {
      if (alert.state === 'cleared') continue;
      open += 1;
      const c = this.compiled.find((x) => x.rule.id === alert.ruleId && (x.kind === 'evaluator' || x.meters.has(alert.meter)));
      if (c?.kind === 'threshold') c.tracker.markActive(alert.meter, alert.lastSeenMs);
      else if (c?.kind === 'offline') c.tracker.markOffline(alert.meter);
      else if (c?.kind === 'counter_mark') c.tracker.markRaised(alert.meter, alert.lastSeenMs);
      else if (c?.kind === 'evaluator') c.evaluator.restore?.(alert);
    }
    return open;
  }

  /**
   * Clear the open alerts rebuilt from the store whose meter or enterprise left the registry
   * while the service was down (`subject_removed`, as a change seen while running would):
   * nothing would clear them otherwise. One instance of a partitioned deployment does this.
   */
  clearOrphans(restored: readonly RestoredAlert[], nowMs: number): AlertEvent[] {
    const orphans = restored.filter((r) => r.alert.state !== 'cleared' && this.subjectGone(r.alert));
    this.alerts.restore(orphans);
    const events: AlertEvent[] = [];
    for (const { alert } of orphans) push(events, this.alerts.clearBySystem(alert.key, nowMs, 'subject_removed'));
    return events;
  }

  private subjectGone(alert: Alert): boolean {
    if (alert.subjectScope === undefined) return this.registry.meter(alert.meter) === undefined;
    return alert.subjectScope === 'enterprise' && this.registry.enterprise(alert.meter) === undefined;
  }

  /**
   * The evaluators whose period totals are still to be seeded from the store: at start
   * (after `restore`) all of them; later, those compiled since (a registry change, a rules
   * reload). A seed counts as done once it has been applied.
   */
  seedable(): { readonly ruleId: string; readonly meters: ReadonlySet<string>; readonly seed: NonNullable<Evaluator['seed']> }[] {
    return this.compiled.flatMap((c) => {
      if (c.kind !== 'evaluator' || c.evaluator.seed === undefined || this.seeded.has(c.evaluator)) return [];
      const { evaluator } = c;
      const seed = c.evaluator.seed;
      const apply: typeof seed.apply = (sums, untilMs) => {
        seed.apply(sums, untilMs);
        this.seeded.add(evaluator);
      };
      return [{ ruleId: c.rule.id, meters: c.meters, seed: { ...seed, apply } }];
    });
  }

  /** A person acknowledges an alert. */
  acknowledge(alertId: string, by: string, atMs: number, comment?: string): LifecycleResult {
    return this.alerts.acknowledge(alertId, by, atMs, comment);
  }

  /** A person clears an alert. */
  clearByHand(alertId: string, by: string, atMs: number, comment?: string): LifecycleResult {
    return this.alerts.clearByHand(alertId, by, atMs, comment);
  }

  private compile(rule: Rule, nowMs: number): Compiled {
    return compileRule(rule, { registry: this.registry, owns: this.owns, nowMs });
  }

  private evaluate(c: Compiled, meter: Meter, reading: NormalizedReading, events: AlertEvent[]): void {
    if (c.kind === 'evaluator') {
      if (c.evaluator.onReading === undefined) return;
      const signals: Signal[] = [];
      c.evaluator.onReading(meter, reading, signals);
      this.apply(c, signals, events);
      return;
    }
    const key = dedupKey(c.rule.id, meter.id);
    if (c.kind === 'threshold') {
      const value = reading.v[c.rule.quantity];
      if (value === undefined) return;
      const change = c.tracker.observe(meter.id, reading.ts, value);
      if (change?.type === 'raise') {
        push(events, this.alerts.raise(this.raiseOf(c.rule, meter, change.atMs, thresholdText(c.rule.quantity, value, c.rule.op, c.rule.value, change.atMs - change.sinceMs), value)));
      } else if (change?.type === 'clear') {
        push(events, this.alerts.clearByCondition(key, change.atMs, value));
      }
    } else if (c.kind === 'offline') {
      if (!c.tracker.seen(meter.id, reading.rx)) return;
      if (c.suppressed.delete(meter.id)) return; // it was held back: no alert to clear
      push(events, this.alerts.clearByCondition(key, reading.rx));
      this.releaseChildren(c, meter.id, reading.rx, events);
    } else {
      const hits = c.tracker.observe(meter.id, reading.ts, reading.rx, reading.k);
      if (hits.length === 0) return;
      const message = counterMarkText(hits);
      push(events, this.alerts.raise(this.raiseOf(c.rule, meter, reading.rx, message, undefined)));
    }
  }

  /** The upstream meter is back: children still silent were not its fault after all. */
  private releaseChildren(c: Extract<Compiled, { kind: 'offline' }>, parentId: string, atMs: number, events: AlertEvent[]): void {
    for (const [childId, heldBy] of c.suppressed) {
      if (heldBy !== parentId) continue;
      c.suppressed.delete(childId);
      const child = this.registry.meter(childId);
      if (child === undefined || !c.tracker.isOffline(childId)) continue;
      push(events, this.alerts.raise(this.raiseOf(c.rule, child, atMs, stillSilentText(parentId), undefined)));
    }
  }

  /** Turn an evaluator's signals into lifecycle events. */
  private apply(c: Extract<Compiled, { kind: 'evaluator' }>, signals: readonly Signal[], events: AlertEvent[]): void {
    for (const signal of signals) {
      if (signal.type === 'clear') {
        push(events, this.alerts.clearByCondition(dedupKey(c.rule.id, signal.subject), signal.atMs, signal.value));
        continue;
      }
      const subject = this.subjectOf(signal.subject, signal.subjectScope);
      if (subject === undefined) continue;
      const raise = this.raiseOf(c.rule, subject, signal.atMs, signal.detail, signal.value);
      push(events, this.alerts.raise({ ...raise, ...(signal.severity === undefined ? {} : { severity: signal.severity }), recommendation: signal.recommendation, subjectScope: signal.subjectScope }));
    }
  }

  private subjectOf(id: string, scope: 'enterprise' | 'park' | undefined): Subject | undefined {
    return subjectOf(this.registry, id, scope);
  }

  private raiseOf(rule: Rule, on: Meter | Subject, atMs: number, detail: AlertText, value: number | undefined): Raise {
    return raiseOf(this.registry, rule, on, atMs, detail, value, this.flapWindowMs);
  }
}

function push(events: AlertEvent[], event: AlertEvent | undefined): void {
  if (event !== undefined) events.push(event);
}
