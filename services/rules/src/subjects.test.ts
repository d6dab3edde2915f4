import { indexRegistry } from '@lingtan/domain';
import { registrySchema, rulesFileSchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { checkAgainstRegistry, rulesForRegistry, subjectMeters } from './subjects.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'p', name: 'Park' },
    enterprises: [{ id: 'ops', name: 'Ops' }, { id: 'ent-a', name: 'A' }],
    meters: [
      { id: 'tx1', enterprise: 'ops', carrier: 'distribution' },
      { id: 'a-main', enterprise: 'ent-a', carrier: 'electricity' },
      { id: 'a-gas', enterprise: 'ent-a', carrier: 'gas' },
    ],
  }),
);
const file = (rules: unknown[]) => rulesFileSchema.parse({ version: 1, rules });
const off = (subject: object) => ({ id: 'off', kind: 'offline', severity: 'minor', subject });

describe('rule subjects', () => {
  it('selects by meters, carrier and enterprise together; an empty subject is every meter', () => {
    const [all, entA, entAElectric] = file([off({}), { ...off({ enterprise: 'ent-a' }), id: 'b' }, { ...off({ enterprise: 'ent-a', carrier: 'electricity' }), id: 'c' }]).rules;
    expect(subjectMeters(all!, registry).map((m) => m.id)).toEqual(['tx1', 'a-main', 'a-gas']);
    expect(subjectMeters(entA!, registry).map((m) => m.id)).toEqual(['a-main', 'a-gas']);
    expect(subjectMeters(entAElectric!, registry).map((m) => m.id)).toEqual(['a-main']);
  });

  it('reports unknown meters and enterprises, empty subjects and thresholds that can never fire', () => {
    const problems = checkAgainstRegistry(
      file([
        off({ meters: ['ghost'] }),
        { ...off({ enterprise: 'ent-x' }), id: 'b' },
        { ...off({ enterprise: 'ops', carrier: 'gas' }), id: 'c' },
        { id: 'd', kind: 'threshold', severity: 'info', subject: { meters: ['a-gas'] }, quantity: 'load_rate_pct', op: 'above', value: 90 },
        { id: 'e', kind: 'threshold', severity: 'info', subject: { meters: ['tx1'] }, quantity: 'load_rate_pct', op: 'above', value: 90 },
      ]),
      registry,
    );
    expect(problems).toEqual([
      'rules.0 (off): meter "ghost" is not in the registry',
      'rules.1 (b): enterprise "ent-x" is not in the registry',
      'rules.2 (c): the subject selects no meter',
      'rules.3 (d): none of the selected meters reports load_rate_pct',
    ]);
  });
});

describe('subjectMeters with named meters', () => {
  it('returns them in registry order, once each, matching the other criteria too', () => {
    const [named, namedGas] = file([off({ meters: ['a-gas', 'tx1', 'a-gas', 'gone'] }), { ...off({ meters: ['a-gas', 'a-main'], carrier: 'gas' }), id: 'g' }]).rules;
    expect(subjectMeters(named!, registry).map((m) => m.id)).toEqual(['tx1', 'a-gas']);
    expect(subjectMeters(namedGas!, registry).map((m) => m.id)).toEqual(['a-gas']);
  });
});

describe('rulesForRegistry', () => {
  it('drops the rules that cannot run against the registry (with why) and keeps the rest in order', () => {
    const rules = file([off({ meters: ['a-main'] }), { ...off({ meters: ['gone'] }), id: 'names-gone' }, { ...off({ enterprise: 'ent-gone' }), id: 'ent-gone' }, { ...off({}), id: 'all' }]);
    const out = rulesForRegistry(rules, registry);
    expect(out.rules.rules.map((r) => r.id)).toEqual(['off', 'all']);
    expect(out.dropped).toEqual([
      { ruleId: 'names-gone', problems: ['rules.1 (names-gone): meter "gone" is not in the registry'] },
      { ruleId: 'ent-gone', problems: ['rules.2 (ent-gone): enterprise "ent-gone" is not in the registry'] },
    ]);
    expect(out.rules.flap_window_ms).toBe(rules.flap_window_ms);
  });
});
