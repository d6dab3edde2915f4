import { indexRegistry } from '@lingtan/domain';
import type { RegistryIndex } from '@lingtan/domain';
import { ALERT_TEXT_TEMPLATES_EN, alertTextParamsSchema, composeAlertMessage, formatAlertTemplate, registrySchema, rulesFileSchema } from '@lingtan/schema';
import type { AlertEvent, AlertTextCode, NormalizedReading } from '@lingtan/schema';
import { expect } from 'vitest';
import { RuleEngine } from '../engine.js';
import type { SeedSums } from './evaluator.js';

/** A small park for the kinds' tests: a main meter, storage, PV, two flexible loads, an office. */
export const registry: RegistryIndex = indexRegistry(
  registrySchema.parse({
    park: { id: 'p', name: 'Park', timezone: 'Asia/Shanghai' },
    enterprises: [{ id: 'ops', name: 'Ops' }, { id: 'steel', name: 'Steel' }, { id: 'office', name: 'Office' }],
    meters: [
      { id: 'tx1', name: 'Main', enterprise: 'ops', carrier: 'electricity', interval_s: 60 },
      { id: 'ess', name: 'Storage', enterprise: 'ops', carrier: 'storage', interval_s: 60 },
      { id: 'pv', name: 'PV', enterprise: 'ops', carrier: 'pv', interval_s: 60 },
      { id: 'eaf', name: 'EAF', enterprise: 'steel', carrier: 'electricity', interval_s: 60 },
      { id: 'mill', name: 'Mill', enterprise: 'steel', carrier: 'electricity', interval_s: 60 },
      { id: 'off1', name: 'Office main', enterprise: 'office', carrier: 'electricity', interval_s: 60 },
    ],
  }),
);

/** An engine with one rule (raw, parsed through the rules file schema). */
export function engineWith(rule: Record<string, unknown>, startMs = 0): RuleEngine {
  let n = 0;
  const e = new RuleEngine(registry, () => `a${++n}`);
  e.setRules(rulesFileSchema.parse({ version: 1, flap_window_ms: 0, rules: [rule] }), startMs);
  return e;
}

/** Feed one reading of `meter` (its enterprise from the registry) and return the events. */
export function feed(e: RuleEngine, meter: string, ts: number, v: Record<string, number>, d?: Record<string, number>): AlertEvent[] {
  const m = registry.meter(meter);
  if (m === undefined) throw new Error(`no meter ${meter}`);
  const reading: NormalizedReading = { m: meter, c: m.carrier, ts, rx: ts, v, ...(d === undefined ? {} : { d }) };
  return e.onBatch({ v: 1, park: 'p', enterprise: m.enterprise, readings: [reading] }).events;
}

/**
 * Asserts that an alert carries `code` and that its English `message` (and recommendation
 * `summary`, when `summaryCode` is given) is exactly what the code's template renders from
 * its parameters: what a zh-CN view renders from the same parameters says the same thing.
 */
export function expectCoded(alert: AlertEvent | undefined, code: AlertTextCode, summaryCode?: AlertTextCode): void {
  expect(alert?.messageCode).toBe(code);
  const params = alert?.messageParams ?? {};
  expect(typeof params.rule).toBe('string');
  expect(typeof params.subject).toBe('string');
  expect(alertTextParamsSchema.safeParse(params).success).toBe(true);
  expect(alert?.message).toBe(composeAlertMessage(params, formatAlertTemplate(ALERT_TEXT_TEMPLATES_EN[code], params, 'en-US') ?? 'missing parameter'));
  if (summaryCode === undefined) return;
  const r = alert?.recommendation;
  expect(r?.summaryCode).toBe(summaryCode);
  expect(r?.summary).toBe(formatAlertTemplate(ALERT_TEXT_TEMPLATES_EN[summaryCode], r?.summaryParams ?? {}, 'en-US'));
}

/** Sums from the store, as persist/seed.ts hands them: meter -> quantity -> sum. */
export const sums = (entries: [string, string, number][]): SeedSums => {
  const out = new Map<string, Map<string, number>>();
  for (const [m, q, v] of entries) out.set(m, new Map([...(out.get(m) ?? []), [q, v]]));
  return out;
};

/** The one seed an engine of one seeded rule offers; `kind` names it in the failure. */
export const seedOf = (e: RuleEngine, kind: string) => {
  const [s] = e.seedable();
  if (s === undefined) throw new Error(`${kind} offers no seed`);
  return s.seed;
};
