import { indexRegistry } from '@lingtan/domain';
import { registrySchema, rulesFileSchema } from '@lingtan/schema';
import type { NormalizedBatch, NormalizedReading } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { RuleEngine } from './engine.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'p', name: 'Park' },
    enterprises: [{ id: 'ops', name: 'Ops' }, { id: 'ent-a', name: 'A' }],
    meters: [
      { id: 'tx1', enterprise: 'ops', carrier: 'distribution', interval_s: 15 },
      { id: 'a-main', enterprise: 'ent-a', carrier: 'electricity', interval_s: 10 },
    ],
  }),
);

const rules = rulesFileSchema.parse({
  version: 1,
  flap_window_ms: 60_000,
  rules: [
    { id: 'tx-load', kind: 'threshold', severity: 'major', owner: 'park', subject: { meters: ['tx1'] }, quantity: 'load_rate_pct', op: 'above', value: 90, min_duration_ms: 30_000, hysteresis: 5 },
    { id: 'offline', kind: 'offline', severity: 'minor', subject: { enterprise: 'ent-a' }, intervals: 3 },
    { id: 'marks', kind: 'counter_mark', severity: 'warning', marks: ['reset'], auto_clear_ms: 600_000 },
  ],
});

const batch = (enterprise: string, readings: Partial<NormalizedReading>[]): NormalizedBatch => ({
  v: 1,
  park: 'p',
  enterprise,
  readings: readings.map((r) => ({ m: 'tx1', c: 'distribution', ts: 0, rx: 0, v: {}, ...r })),
});
const load = (ts: number, pct: number) => ({ ts, rx: ts, v: { load_rate_pct: pct } });

const engine = () => {
  let n = 0;
  const e = new RuleEngine(registry, () => `a${++n}`);
  e.setRules(rules, 0);
  return e;
};

describe('RuleEngine', () => {
  it('raises a park-owned threshold alert after 30 s above 90 % and clears it below 85 %', () => {
    // 0 s 95 | 15 s 96 | 30 s 97 -> raised | 45 s 88 (inside the band) | 60 s 84 -> cleared
    const e = engine();
    const { events } = e.onBatch(batch('ops', [load(0, 95), load(15_000, 96), load(30_000, 97), load(45_000, 88), load(60_000, 84)]));
    expect(events.map((ev) => [ev.type, ev.atMs, ev.value])).toEqual([
      ['raised', 30_000, 97],
      ['cleared', 60_000, 84],
    ]);
    expect(events[0]).toMatchObject({ ruleId: 'tx-load', key: 'tx-load/tx1', owner: { scope: 'park', id: 'p' }, meter: 'tx1', severity: 'major' });
    expect(events[0]?.message).toContain('load_rate_pct 97 above 90 for 30 s');
    expect(events[0]).toMatchObject({ messageCode: 'threshold.held', messageParams: { quantity: 'load_rate_pct', value: 97, op: 'above', limit: 90, heldS: 30, subject: 'tx1' } });
  });

  it('raises once when the same batch is delivered twice', () => {
    const e = engine();
    const b = batch('ops', [load(0, 95), load(30_000, 97)]);
    expect(e.onBatch(b).events).toHaveLength(1);
    expect(e.onBatch(b).events).toEqual([]);
    expect(e.alerts.openAlerts()).toHaveLength(1);
  });

  it('skips readings of meters the registry puts under another enterprise or park', () => {
    const e = engine();
    expect(e.onBatch(batch('ent-a', [load(0, 99), load(40_000, 99)])).skipped).toBe(2);
    expect(e.onBatch({ ...batch('ops', [load(0, 99)]), park: 'other' }).skipped).toBe(1);
  });

  it('raises offline for a silent meter of the subject, owned by its enterprise, and clears on its next reading', () => {
    // a-main: 10 s interval x 3 = 30 s. Reading received at 5 s; tick 30 s: silent 25 s | tick 35 s: offline | reading at 40 s: cleared
    const e = engine();
    e.onBatch(batch('ent-a', [{ m: 'a-main', c: 'electricity', ts: 5000, rx: 5000, v: { power_kw: 1 } }]));
    expect(e.tick(30_000)).toEqual([]);
    const raised = e.tick(35_000);
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ type: 'raised', ruleId: 'offline', meter: 'a-main', owner: { scope: 'enterprise', id: 'ent-a' }, value: 30 });
    expect(e.tick(36_000)).toEqual([]);
    const back = e.onBatch(batch('ent-a', [{ m: 'a-main', c: 'electricity', ts: 40_000, rx: 40_000, v: { power_kw: 1 } }]));
    expect(back.events.map((ev) => [ev.type, ev.meter])).toEqual([['cleared', 'a-main']]);
  });

  it('raises on a register reset from the stream and clears it after auto_clear_ms', () => {
    const e = engine();
    const reset = { m: 'a-main', c: 'electricity' as const, ts: 1000, rx: 1000, v: { energy_import_kwh: 0.5 }, d: { energy_import_kwh: 0.5 }, k: { energy_import_kwh: 'reset' as const } };
    const { events } = e.onBatch(batch('ent-a', [reset]));
    expect(events.map((ev) => [ev.type, ev.ruleId, ev.message])).toEqual([['raised', 'marks', 'marks: a-main: energy_import_kwh: reset']]);
    expect(events[0]).toMatchObject({ messageCode: 'counter_mark.marks', messageParams: { marks: 'energy_import_kwh: reset', rule: 'marks', subject: 'a-main' } });
    expect(e.tick(600_999).filter((ev) => ev.ruleId === 'marks')).toEqual([]);
    expect(e.tick(601_000).filter((ev) => ev.ruleId === 'marks').map((ev) => ev.type)).toEqual(['cleared']);
  });

  it('keeps the state of unchanged rules across a reload and restarts changed ones', () => {
    // tx-load pending since 0 s; a reload that only changes another rule keeps it, so 30 s raises.
    const e = engine();
    e.onBatch(batch('ops', [load(0, 95)]));
    e.setRules({ ...rules, rules: rules.rules.map((r) => (r.id === 'offline' ? { ...r, intervals: 5 } : r)) }, 10_000);
    expect(e.onBatch(batch('ops', [load(30_000, 95)])).events.map((ev) => ev.type)).toEqual(['raised']);
    // Changing tx-load itself starts it afresh: held only 15 s at 60 s (since 45 s), no raise.
    e.setRules({ ...rules, rules: rules.rules.map((r) => (r.id === 'tx-load' ? { ...r, value: 91 } : r)) }, 40_000);
    expect(e.onBatch(batch('ops', [load(45_000, 95), load(60_000, 95)])).events).toEqual([]);
  });

  it('passes acknowledgements and clears by hand to the lifecycle', () => {
    const e = engine();
    const [raised] = e.onBatch(batch('ops', [load(0, 95), load(30_000, 97)])).events;
    expect(e.acknowledge(raised!.alertId, 'op-li', 40_000, 'shedding load')).toMatchObject({ ok: true, event: { type: 'acknowledged' } });
    expect(e.clearByHand(raised!.alertId, 'op-li', 50_000)).toMatchObject({ ok: true, event: { type: 'cleared', cleared: { by: 'op-li' } } });
  });
});
