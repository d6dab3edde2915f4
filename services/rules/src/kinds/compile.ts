import type { RegistryIndex } from '@lingtan/domain';
import type { Meter, Rule } from '@lingtan/schema';
import type { Evaluator } from './evaluator.js';
import { AnomalyEvaluator } from './anomaly.js';
import { BudgetEvaluator } from './budget.js';
import { CompletenessEvaluator } from './completeness.js';
import { GreenShareEvaluator } from './green-share.js';
import { MaxDemandEvaluator } from './max-demand.js';
import { StorageSocEvaluator } from './storage-soc.js';
import { StuckEvaluator } from './stuck.js';
import { ZeroCarbonEvaluator } from './zero-carbon.js';

/** The rule kinds built on `Evaluator` (the first slice's kinds are compiled in the engine). */
export type EvaluatorRule = Exclude<Rule, { kind: 'threshold' | 'offline' | 'counter_mark' }>;

/** True for a rule of a kind built on `Evaluator`. */
export function isEvaluatorRule(rule: Rule): rule is EvaluatorRule {
  return rule.kind !== 'threshold' && rule.kind !== 'offline' && rule.kind !== 'counter_mark';
}

/** Compile one rule of the newer kinds over its (owned) subject meters, starting at `nowMs`. */
export function compileEvaluator(rule: EvaluatorRule, subjects: readonly Meter[], registry: RegistryIndex, nowMs: number): Evaluator {
  const nameOf = (id: string) => registry.meter(id)?.name ?? id;
  const { parkId } = registry;
  const timeZone = registry.registry.park.timezone;
  switch (rule.kind) {
    case 'max_demand':
      return new MaxDemandEvaluator(rule, subjects, nameOf);
    case 'budget': {
      const names = { meter: nameOf, enterprise: (id: string) => registry.enterprise(id)?.name ?? id, enterpriseOfMeter: (id: string) => registry.meter(id)?.enterprise ?? parkId };
      return new BudgetEvaluator(rule, subjects, parkId, timeZone, names, rule.subject.meters !== undefined, registry);
    }
    case 'anomaly':
      return new AnomalyEvaluator(rule, subjects, timeZone);
    case 'stuck':
      return new StuckEvaluator(rule, subjects);
    case 'completeness':
      return new CompletenessEvaluator(rule, subjects, nowMs);
    case 'green_share':
      return new GreenShareEvaluator(rule, subjects, parkId, timeZone, nameOf);
    case 'storage_soc':
      return new StorageSocEvaluator(rule, subjects, nameOf);
    case 'zero_carbon':
      return new ZeroCarbonEvaluator(rule, parkId, timeZone, nameOf);
  }
}
