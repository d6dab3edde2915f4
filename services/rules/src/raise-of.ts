import type { RegistryIndex } from '@lingtan/domain';
import { alertMessageOf } from '@lingtan/schema';
import type { AlertOwner, AlertText, Meter, Rule } from '@lingtan/schema';
import { dedupKey } from './lifecycle.js';
import type { Raise } from './lifecycle.js';

/** Who an alert is about: a meter, or an enterprise or the park (budgets, green share). */
export interface Subject {
  readonly id: string;
  readonly name: string;
  readonly enterprise: string | undefined;
  readonly scope?: 'enterprise' | 'park';
}

/** The subject `id` names: the park, an enterprise, or (no scope) a meter; undefined when the registry lacks it. */
export function subjectOf(registry: RegistryIndex, id: string, scope: 'enterprise' | 'park' | undefined): Subject | undefined {
  if (scope === 'park') return { id, name: registry.registry.park.name, enterprise: undefined, scope };
  if (scope === 'enterprise') {
    const e = registry.enterprise(id);
    return e === undefined ? undefined : { id, name: e.name, enterprise: e.id, scope };
  }
  const meter = registry.meter(id);
  return meter === undefined ? undefined : { id, name: meter.name ?? meter.id, enterprise: meter.enterprise };
}

/**
 * What raising `rule` on a meter or subject hands the alert lifecycle: the dedup key, the
 * owner (the subject's enterprise, or the park for park rules and park subjects), the message
 * composed from the rule's and the subject's names, and the flap window (the rule's, else
 * the file's `defaultFlapWindowMs`).
 */
export function raiseOf(registry: RegistryIndex, rule: Rule, on: Meter | Subject, atMs: number, detail: AlertText, value: number | undefined, defaultFlapWindowMs: number): Raise {
  const subject: Subject = 'carrier' in on ? { id: on.id, name: on.name ?? on.id, enterprise: on.enterprise } : on;
  const owner: AlertOwner = rule.owner === 'park' || subject.enterprise === undefined ? { scope: 'park', id: registry.parkId } : { scope: 'enterprise', id: subject.enterprise };
  return {
    key: dedupKey(rule.id, subject.id),
    ruleId: rule.id,
    kind: rule.kind,
    severity: rule.severity,
    park: registry.parkId,
    owner,
    meter: subject.id,
    atMs,
    ...alertMessageOf(rule.name ?? rule.id, subject.name, detail),
    value,
    flapWindowMs: rule.flap_window_ms ?? defaultFlapWindowMs,
  };
}
