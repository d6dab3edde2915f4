// Rule evaluator benchmark (not a test): readings per second through RuleEngine with 1,000
// rules over 5,000 meters, and heap per meter of rule state.
//   npx tsx services/rules/bench/evaluator.ts [ticks=60] [mixed]
// "mixed" swaps 8 of the thresholds for one rule of each newer kind over every meter (stuck,
// completeness, anomaly, enterprise budgets, max demand) or a share of them.
import { indexRegistry } from '@lingtan/domain';
import { registrySchema, rulesFileSchema } from '@lingtan/schema';
import type { NormalizedBatch } from '@lingtan/schema';
import { RuleEngine } from '../src/engine.js';

const METERS = 5000;
const ENTERPRISES = 50;
const RULES = 1000;
const TICKS = Number(process.argv[2] ?? 60);
const MIXED = process.argv[3] === 'mixed';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'bench', name: 'Bench' },
    enterprises: Array.from({ length: ENTERPRISES }, (_, i) => ({ id: `ent-${i}`, name: `E${i}` })),
    meters: Array.from({ length: METERS }, (_, i) => ({ id: `m-${i}`, enterprise: `ent-${i % ENTERPRISES}`, carrier: 'electricity', interval_s: 15 })),
  }),
);
// 998 threshold rules, each on 5 meters (every meter is watched by one), plus offline and
// reset rules on every meter: 3 rules a meter.
const NEWER = [
  { id: 'stuck', kind: 'stuck', severity: 'minor', quantity: 'power_kw', intervals: 40 },
  { id: 'complete', kind: 'completeness', severity: 'info', window_ms: 600_000 },
  { id: 'anomaly', kind: 'anomaly', severity: 'minor', quantity: 'power_kw', min_deviation: 100 },
  { id: 'budget', kind: 'budget', severity: 'major', period: 'month', budget: 1_000_000 },
  { id: 'park-budget', kind: 'budget', severity: 'major', scope: 'park', owner: 'park', period: 'day', budget: 10_000_000 },
  { id: 'demand-a', kind: 'max_demand', severity: 'major', subject: { enterprise: 'ent-0' }, limit_kw: 1000, flexible_loads: ['m-50', 'm-100'] },
  { id: 'demand-b', kind: 'max_demand', severity: 'major', subject: { enterprise: 'ent-1' }, limit_kw: 1000 },
  { id: 'demand-c', kind: 'max_demand', severity: 'major', subject: { enterprise: 'ent-2' }, limit_kw: 1000 },
];
const rules = rulesFileSchema.parse({
  version: 1,
  rules: [
    ...(MIXED ? NEWER : []),
    ...Array.from({ length: RULES - 2 - (MIXED ? NEWER.length : 0) }, (_, r) => ({
      id: `peak-${r}`,
      kind: 'threshold',
      severity: 'major',
      subject: { meters: Array.from({ length: 5 }, (_, k) => `m-${(r * 5 + k) % METERS}`) },
      quantity: 'power_kw',
      op: 'above',
      value: 900,
      min_duration_ms: 30_000,
      hysteresis: 50,
    })),
    { id: 'offline', kind: 'offline', severity: 'minor', intervals: 3 },
    { id: 'resets', kind: 'counter_mark', severity: 'warning', marks: ['reset'] },
  ],
});

// Batches per enterprise per tick, as the ingestor publishes them. Every 50th meter runs at
// 950 kW from tick 10 to 19: its rule raises after 30 s and clears when it drops back.
const batches: NormalizedBatch[] = [];
for (let t = 0; t < TICKS; t++) {
  for (let e = 0; e < ENTERPRISES; e++) {
    const readings = [];
    for (let m = e; m < METERS; m += ENTERPRISES) {
      const ts = t * 15_000;
      readings.push({ m: `m-${m}`, c: 'electricity' as const, ts, rx: ts + 50, v: { power_kw: m % 50 === 0 && t >= 10 && t < 20 ? 950 : 400 + (t % 3), energy_import_kwh: 1000 + t }, d: { energy_import_kwh: 1 } });
    }
    batches.push({ v: 1, park: 'bench', enterprise: `ent-${e}`, readings });
  }
}
const readings = batches.reduce((sum, b) => sum + b.readings.length, 0);

let n = 0;
let engine: RuleEngine | undefined = new RuleEngine(registry, () => `a${++n}`);
engine.setRules(rules, 0);

let events = 0;
const started = performance.now();
let lastTick = 0;
for (const batch of batches) {
  events += engine.onBatch(batch).events.length;
  // The service ticks every 5 s; here once per tick of readings.
  const ts = batch.readings[0]?.ts ?? 0;
  if (ts > lastTick) events += engine.tick((lastTick = ts)).length;
}
events += engine.tick(TICKS * 15_000).length;
const elapsedS = (performance.now() - started) / 1000;
// The engine's heap: measured with it and again once it is released.
const heapWith = (globalThis.gc?.(), process.memoryUsage().heapUsed);
engine = undefined;
const heapWithout = (globalThis.gc?.(), process.memoryUsage().heapUsed);

process.stdout.write(
  `${MIXED ? 'mixed kinds: ' : ''}${readings} readings, ${RULES} rules over ${METERS} meters: ${Math.round(readings / elapsedS)} readings/s (${elapsedS.toFixed(2)} s), ${events} alert events\n` +
    `heap for rules, state and alerts: ${((heapWith - heapWithout) / 1024 / 1024).toFixed(1)} MiB, ${Math.round((heapWith - heapWithout) / METERS)} bytes per meter` +
    (globalThis.gc === undefined ? ' (run with node --expose-gc for a settled figure)' : '') +
    '\n',
);
