// Rule state lives per meter, so instances scale out by owning whole enterprises. Two
// instances over disjoint shares must report exactly the alerts one instance reports.
import { enterprisesOf, indexRegistry } from '@lingtan/domain';
import { registrySchema, rulesFileSchema } from '@lingtan/schema';
import type { AlertEvent, NormalizedBatch } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { RuleEngine } from './engine.js';

const enterprises = Array.from({ length: 8 }, (_, i) => `ent-${i}`);
const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'p', name: 'Park' },
    enterprises: enterprises.map((id) => ({ id, name: id })),
    meters: enterprises.map((id) => ({ id: `${id}-main`, enterprise: id, carrier: 'electricity', interval_s: 10 })),
  }),
);
const rules = rulesFileSchema.parse({
  version: 1,
  rules: [
    { id: 'peak', kind: 'threshold', severity: 'major', subject: { carrier: 'electricity' }, quantity: 'power_kw', op: 'above', value: 500, min_duration_ms: 20_000, hysteresis: 50 },
    { id: 'offline', kind: 'offline', severity: 'minor', intervals: 3 },
    { id: 'marks', kind: 'counter_mark', severity: 'warning', marks: ['reset'] },
  ],
});

/** Ten minutes of readings: even enterprises peak at minute 3, odd ones reset at minute 5, ent-3 falls silent at minute 6. */
function batches(): NormalizedBatch[] {
  const out: NormalizedBatch[] = [];
  for (let t = 0; t < 600_000; t += 10_000) {
    for (const [i, id] of enterprises.entries()) {
      if (id === 'ent-3' && t >= 360_000) continue;
      const peak = i % 2 === 0 && t >= 180_000 && t < 240_000;
      const reset = i % 2 === 1 && t === 300_000;
      out.push({ v: 1, park: 'p', enterprise: id, readings: [{ m: `${id}-main`, c: 'electricity', ts: t, rx: t, v: { power_kw: peak ? 800 : 300 }, ...(reset ? { k: { energy_import_kwh: 'reset' as const } } : {}) }] });
    }
  }
  return out;
}

/** Run engines over the same traffic, each seeing only its enterprises' batches; events as (type, key, at). */
function run(engines: { engine: RuleEngine; owns: Set<string> }[]): string[] {
  const events: AlertEvent[] = [];
  for (const b of batches()) {
    for (const { engine, owns } of engines) if (owns.has(b.enterprise)) events.push(...engine.onBatch(b).events);
    const t = b.readings[0]!.ts;
    if (b.enterprise === 'ent-7') for (const { engine } of engines) events.push(...engine.tick(t + 9_999));
  }
  return events.map((e) => `${e.type} ${e.key} ${e.atMs}`).sort();
}

function instance(index: number, count: number): { engine: RuleEngine; owns: Set<string> } {
  const owns = new Set(enterprisesOf(registry, { index, count }));
  let n = 0;
  const engine = new RuleEngine(registry, () => `${index}-${++n}`, (meter) => owns.has(meter.enterprise));
  engine.setRules(rules, 0);
  return { engine, owns };
}

describe('partitioned rule engines', () => {
  it('two instances over disjoint shares report the same alerts as one instance', () => {
    const single = run([instance(0, 1)]);
    const split = run([instance(0, 2), instance(1, 2)]);
    expect(single.length).toBeGreaterThan(8);
    expect(single.some((e) => e.startsWith('raised offline/ent-3-main'))).toBe(true);
    expect(single.filter((e) => e.startsWith('raised peak/')).length).toBe(4);
    expect(split).toEqual(single);
  });

  it('an instance does not report meters it does not own as offline', () => {
    const { engine, owns } = instance(0, 2);
    const events = engine.tick(3_600_000);
    expect(events.length).toBe(owns.size); // every owned meter silent for an hour, no other
    expect(events.every((e) => owns.has(registry.meter(e.meter)!.enterprise))).toBe(true);
  });
});
