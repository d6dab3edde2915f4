import type { RegistryIndex } from '@lingtan/domain';
import type { Alert, CounterMarkRule, Meter, OfflineRule, Rule, ThresholdRule } from '@lingtan/schema';
import { CounterMarkTracker } from './counter-marks.js';
import { compileEvaluator, isEvaluatorRule } from './kinds/compile.js';
import type { EvaluatorRule } from './kinds/compile.js';
import type { Evaluator } from './kinds/evaluator.js';
import { OfflineTracker } from './offline.js';
import { subjectMeters } from './subjects.js';
import { ThresholdTracker } from './threshold.js';

/**
 * One rule compiled against the registry: the meters it watches and its state. `basis` is
 * what the compilation read from the registry (its subject meters' entries and those of the
 * meters it observes), so a registry change that leaves it alone leaves the rule alone.
 */
export type Compiled = (
  | { readonly kind: 'threshold'; readonly rule: ThresholdRule; readonly meters: ReadonlySet<string>; readonly tracker: ThresholdTracker }
  | { readonly kind: 'offline'; readonly rule: OfflineRule; readonly meters: ReadonlySet<string>; readonly tracker: OfflineTracker; readonly suppressed: Map<string, string> }
  | { readonly kind: 'counter_mark'; readonly rule: CounterMarkRule; readonly meters: ReadonlySet<string>; readonly tracker: CounterMarkTracker }
  | { readonly kind: 'evaluator'; readonly rule: EvaluatorRule; readonly meters: ReadonlySet<string>; readonly evaluator: Evaluator }
) & { readonly basis: string };

/** How a compilation sees the registry: the index, and which meters this instance owns. */
export interface CompileContext {
  readonly registry: RegistryIndex;
  readonly owns: (meter: Meter) => boolean;
  readonly nowMs: number;
}

function basisOf(subjects: readonly Meter[], watched: Iterable<string>, registry: RegistryIndex): string {
  return JSON.stringify({ subjects, watched: [...watched].map((id) => registry.meter(id) ?? id) });
}

/** Compile `rule` afresh over its owned subject meters. */
export function compileRule(rule: Rule, ctx: CompileContext): Compiled {
  const meters = subjectMeters(rule, ctx.registry).filter(ctx.owns);
  if (isEvaluatorRule(rule)) {
    const evaluator = compileEvaluator(rule, meters, ctx.registry, ctx.nowMs);
    return { kind: 'evaluator', rule, meters: evaluator.meters, evaluator, basis: basisOf(meters, evaluator.meters, ctx.registry) };
  }
  const ids = new Set(meters.map((m) => m.id));
  const basis = basisOf(meters, [], ctx.registry);
  switch (rule.kind) {
    case 'threshold':
      return { kind: rule.kind, rule, meters: ids, tracker: newThresholdTracker(rule), basis };
    case 'offline':
      return { kind: rule.kind, rule, meters: ids, tracker: new OfflineTracker(new Map(meters.map((m) => [m.id, rule.intervals * m.interval_s * 1000])), ctx.nowMs), suppressed: new Map(), basis };
    case 'counter_mark':
      return { kind: rule.kind, rule, meters: ids, tracker: new CounterMarkTracker(new Set(rule.marks), rule.auto_clear_ms), basis };
  }
}

const newThresholdTracker = (rule: ThresholdRule) => new ThresholdTracker({ op: rule.op, value: rule.value, minDurationMs: rule.min_duration_ms, hysteresis: rule.hysteresis });

/**
 * The same rule over the registry as it is now, keeping the state of the subjects it still
 * has, so an open alert on an unchanged meter stays open and is not raised again:
 * - nothing it read changed: `c` itself;
 * - threshold and counter-mark rules keep their tracker (its state is per meter and
 *   independent of the meter's entry) and forget the meters they lost;
 * - offline rules keep their tracker: an added meter is watched from the change on (like
 *   one never heard from at start), a removed one no longer, a changed interval changes
 *   the timeout; the others keep their last reading and offline state;
 * - other kinds are compiled again and their open alerts restored (period totals are
 *   seeded again from the store: `RuleEngine.seedable`).
 * `openAlerts` are this rule's open alerts.
 */
export function rebindRule(c: Compiled, ctx: CompileContext, openAlerts: readonly Alert[]): Compiled {
  const meters = subjectMeters(c.rule, ctx.registry).filter(ctx.owns);
  // An evaluator's watched meters are its subjects and the meters it observes; the latter are named by the rule.
  const basis = basisOf(meters, c.kind === 'evaluator' ? c.meters : [], ctx.registry);
  if (basis === c.basis) return c;
  const ids = new Set(meters.map((m) => m.id));
  const open = openAlerts.filter((a) => a.subjectScope !== undefined || ids.has(a.meter));
  switch (c.kind) {
    case 'threshold':
    case 'counter_mark':
      for (const id of c.meters) if (!ids.has(id)) c.tracker.forget(id);
      return { ...c, meters: ids, basis };
    case 'offline': {
      // The same tracker, told which meters came, went or changed interval: the others keep their last reading.
      for (const id of c.meters) if (!ids.has(id)) c.tracker.rewatch(id, undefined, ctx.nowMs);
      for (const m of meters) c.tracker.rewatch(m.id, c.rule.intervals * m.interval_s * 1000, ctx.nowMs);
      const suppressed = new Map([...c.suppressed].filter(([child]) => ids.has(child)));
      return { ...c, meters: ids, suppressed, basis };
    }
    case 'evaluator': {
      const fresh = compileRule(c.rule, ctx);
      if (fresh.kind !== 'evaluator') return fresh;
      for (const a of open) fresh.evaluator.restore?.(a);
      return fresh;
    }
  }
}
