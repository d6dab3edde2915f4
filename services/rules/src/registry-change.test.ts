// The engine following registry changes: subjects rebuilt keeping the state of the subjects a
// rule still has, alerts of removed subjects (and of rules dropped for naming them) cleared
// by "system" with a reason.
import { createLiveRegistry } from '@lingtan/domain';
import type { LiveRegistry } from '@lingtan/domain';
import { registrySchema, rulesFileSchema } from '@lingtan/schema';
import type { AlertEvent, NormalizedBatch, Registry, RulesFile } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { RuleEngine } from './engine.js';
import { rulesForRegistry } from './subjects.js';

const meter = (id: string, enterprise: string, interval_s = 10) => ({ id, enterprise, carrier: 'electricity', interval_s });
const base: Registry = registrySchema.parse({
  park: { id: 'p', name: 'Park' },
  enterprises: [{ id: 'ent-a', name: 'A' }, { id: 'ent-b', name: 'B' }],
  meters: [meter('a-1', 'ent-a'), meter('a-2', 'ent-a'), meter('b-1', 'ent-b')],
});
const withMeters = (...meters: ReturnType<typeof meter>[]): Registry => registrySchema.parse({ ...base, meters });

// Above 100 kW for 20 s raises; back to 95 kW or less clears.
const rules: RulesFile = rulesFileSchema.parse({
  version: 1,
  flap_window_ms: 0,
  rules: [
    { id: 'a-power', kind: 'threshold', severity: 'major', subject: { enterprise: 'ent-a' }, quantity: 'power_kw', op: 'above', value: 100, min_duration_ms: 20_000, hysteresis: 5 },
    { id: 'b1-power', kind: 'threshold', severity: 'minor', subject: { meters: ['b-1'] }, quantity: 'power_kw', op: 'above', value: 100, min_duration_ms: 0, hysteresis: 5 },
    { id: 'a-offline', kind: 'offline', severity: 'minor', subject: { enterprise: 'ent-a' }, intervals: 3 },
  ],
});

const power = (m: string, enterprise: string, tsS: number, kw: number): NormalizedBatch => ({
  v: 1,
  park: 'p',
  enterprise,
  readings: [{ m, c: 'electricity', ts: tsS * 1000, rx: tsS * 1000, v: { power_kw: kw } }],
});

const setUp = (): { live: LiveRegistry; engine: RuleEngine; change: (next: Registry, nowS: number) => AlertEvent[]; feed: (b: NormalizedBatch) => AlertEvent[] } => {
  const live = createLiveRegistry(base);
  let n = 0;
  const engine = new RuleEngine(live, () => `a${++n}`);
  engine.setRules(rules, 0);
  return {
    live,
    engine,
    change: (next, nowS) => engine.registryChanged(live.replace(next)!, rulesForRegistry(rules, live).rules, nowS * 1000),
    feed: (b) => engine.onBatch(b).events,
  };
};
const summary = (events: readonly AlertEvent[]) => events.map((e) => [e.type, e.ruleId, e.meter, e.cleared?.by, e.cleared?.reason]);

describe('RuleEngine.registryChanged', () => {
  it('a meter added to the enterprise starts raising the enterprise rule; an open alert on an unchanged meter stays open, not raised again', () => {
    const { engine, change, feed } = setUp();
    // a-1 above 100 kW from 0 s to 20 s: raised at 20 s.
    feed(power('a-1', 'ent-a', 0, 120));
    expect(summary(feed(power('a-1', 'ent-a', 20, 121)))).toEqual([['raised', 'a-power', 'a-1', undefined, undefined]]);
    // a-2 pending since 10 s (not yet raised).
    feed(power('a-2', 'ent-a', 10, 130));

    expect(change(withMeters(meter('a-1', 'ent-a'), meter('a-2', 'ent-a'), meter('b-1', 'ent-b'), meter('a-3', 'ent-a')), 25)).toEqual([]);
    // a-1 still above: its alert stays open as it is (no new raise); a-2 keeps its pending start (10 s + 20 s = 30 s).
    const open = engine.alerts.openAlerts().find((a) => a.meter === 'a-1');
    expect(feed(power('a-1', 'ent-a', 30, 122))).toEqual([]);
    expect(engine.alerts.openAlerts().find((a) => a.meter === 'a-1')).toEqual(open);
    expect(summary(feed(power('a-2', 'ent-a', 30, 131)))).toEqual([['raised', 'a-power', 'a-2', undefined, undefined]]);
    // The new meter a-3 is a subject now: above for 20 s raises.
    feed(power('a-3', 'ent-a', 30, 140));
    expect(summary(feed(power('a-3', 'ent-a', 50, 141)))).toEqual([['raised', 'a-power', 'a-3', undefined, undefined]]);
    expect(engine.alerts.openAlerts().map((a) => a.meter).sort()).toEqual(['a-1', 'a-2', 'a-3']);
  });

  it('a removed meter has its open alerts cleared by "system" (subject_removed); the others stay open and follow their condition', () => {
    const { engine, change, feed } = setUp();
    feed(power('a-1', 'ent-a', 0, 120));
    feed(power('a-1', 'ent-a', 20, 120));
    feed(power('a-2', 'ent-a', 0, 120));
    feed(power('a-2', 'ent-a', 20, 120));
    expect(engine.alerts.openAlerts()).toHaveLength(2);

    const events = change(withMeters(meter('a-1', 'ent-a'), meter('b-1', 'ent-b')), 30);
    expect(summary(events)).toEqual([['cleared', 'a-power', 'a-2', 'system', 'subject_removed']]);
    expect(events[0]).toMatchObject({ state: 'cleared', cleared: { by: 'system', atMs: 30_000, reason: 'subject_removed' } });
    // a-1 keeps its raised state: still above raises nothing, back inside clears.
    expect(feed(power('a-1', 'ent-a', 40, 121))).toEqual([]);
    expect(summary(feed(power('a-1', 'ent-a', 50, 90)))).toEqual([['cleared', 'a-power', 'a-1', 'condition', undefined]]);
    // Readings of the removed meter no longer count.
    expect(engine.onBatch(power('a-2', 'ent-a', 60, 200))).toMatchObject({ events: [], skipped: 1 });
  });

  it('a meter removed keeps the pending conditions of the others, and one registered again starts afresh', () => {
    const { change, feed } = setUp();
    feed(power('a-1', 'ent-a', 0, 120)); // pending since 0 s
    feed(power('a-2', 'ent-a', 0, 120)); // pending since 0 s
    change(withMeters(meter('a-1', 'ent-a'), meter('b-1', 'ent-b')), 5);
    expect(summary(feed(power('a-1', 'ent-a', 20, 120)))).toEqual([['raised', 'a-power', 'a-1', undefined, undefined]]);
    change(base, 25);
    // a-2 is back: its pending start of 0 s was forgotten, so 30 s is a new start (raised at 50 s).
    expect(feed(power('a-2', 'ent-a', 30, 120))).toEqual([]);
    expect(summary(feed(power('a-2', 'ent-a', 50, 120)))).toEqual([['raised', 'a-power', 'a-2', undefined, undefined]]);
  });

  it('a rule naming a removed meter is dropped (its alerts cleared as rule_dropped) and runs again when the meter is back', () => {
    const { engine, change, feed, live } = setUp();
    expect(summary(feed(power('b-1', 'ent-b', 0, 150)))).toEqual([['raised', 'b1-power', 'b-1', undefined, undefined]]);
    const events = change(withMeters(meter('a-1', 'ent-a'), meter('a-2', 'ent-a')), 10);
    // The subject's own alert goes first, as subject_removed; nothing is left for rule_dropped here.
    expect(summary(events)).toEqual([['cleared', 'b1-power', 'b-1', 'system', 'subject_removed']]);
    expect(rulesForRegistry(rules, live).dropped).toEqual([{ ruleId: 'b1-power', problems: ['rules.1 (b1-power): meter "b-1" is not in the registry'] }]);
    expect(engine.ruleCount).toBe(2);

    change(base, 20);
    expect(engine.ruleCount).toBe(3);
    // Back, and still over: a new occurrence of the alert (a clear by the system is not a flap).
    expect(summary(feed(power('b-1', 'ent-b', 30, 150)))).toEqual([['raised', 'b1-power', 'b-1', undefined, undefined]]);
    expect(engine.alerts.openAlerts().find((a) => a.meter === 'b-1')).toMatchObject({ occurrence: 2 });
  });

  it('a rule dropped while another of its subjects has an open alert clears that one as rule_dropped', () => {
    const twoMeters = rulesFileSchema.parse({
      version: 1,
      rules: [{ id: 'pair', kind: 'threshold', severity: 'minor', subject: { meters: ['a-1', 'b-1'] }, quantity: 'power_kw', op: 'above', value: 100, min_duration_ms: 0, hysteresis: 5 }],
    });
    const live = createLiveRegistry(base);
    const engine = new RuleEngine(live, () => 'x1');
    engine.setRules(twoMeters, 0);
    engine.onBatch(power('a-1', 'ent-a', 0, 150));
    const change = live.replace(withMeters(meter('a-1', 'ent-a'), meter('a-2', 'ent-a')))!;
    const events = engine.registryChanged(change, rulesForRegistry(twoMeters, live).rules, 5000);
    expect(summary(events)).toEqual([['cleared', 'pair', 'a-1', 'system', 'rule_dropped']]);
  });

  it('an offline rule keeps which meters are offline and watches an added meter', () => {
    const { engine, change, feed } = setUp();
    // Timeouts: 3 intervals of 10 s = 30 s. a-1 and a-2 report at 0 s, then a-1 goes silent.
    feed(power('a-1', 'ent-a', 0, 1));
    feed(power('a-2', 'ent-a', 0, 1));
    feed(power('a-2', 'ent-a', 20, 1));
    expect(summary(engine.tick(31_000))).toEqual([['raised', 'a-offline', 'a-1', undefined, undefined]]);

    change(withMeters(meter('a-1', 'ent-a'), meter('a-2', 'ent-a'), meter('b-1', 'ent-b'), meter('a-3', 'ent-a')), 35);
    // a-1 is not raised again; a-2 keeps its last reading (20 s + 30 s = 50 s); the new a-3
    // counts from the change, like a meter never heard from at start (35 s + 30 s = 65 s).
    expect(engine.tick(49_000)).toEqual([]);
    expect(summary(engine.tick(50_000))).toEqual([['raised', 'a-offline', 'a-2', undefined, undefined]]);
    expect(engine.tick(64_000)).toEqual([]);
    expect(summary(engine.tick(65_000))).toEqual([['raised', 'a-offline', 'a-3', undefined, undefined]]);
    // a-1 comes back: its alert clears.
    expect(summary(feed(power('a-1', 'ent-a', 66, 1)))).toEqual([['cleared', 'a-offline', 'a-1', 'condition', undefined]]);
  });

  it('an offline rule stops watching a removed meter and takes a changed interval as the new timeout', () => {
    const { engine, change, feed } = setUp();
    feed(power('a-1', 'ent-a', 0, 1));
    feed(power('a-2', 'ent-a', 0, 1));
    // a-2 removed; a-1 now reports every 20 s: 3 x 20 s = 60 s of silence, from its last reading at 0 s.
    change(withMeters(meter('a-1', 'ent-a', 20), meter('b-1', 'ent-b')), 5);
    expect(engine.tick(59_000)).toEqual([]);
    expect(summary(engine.tick(60_000))).toEqual([['raised', 'a-offline', 'a-1', undefined, undefined]]);
  });

  it('leaves a rule alone when nothing it read changed', () => {
    const { engine, change, feed } = setUp();
    feed(power('a-1', 'ent-a', 0, 1));
    feed(power('a-2', 'ent-a', 0, 1));
    // Only enterprise A's name changes: the offline rule keeps its tracker, so both meters are
    // offline 30 s after their last reading (a rebuilt tracker would count from 5 s: 35 s).
    change(registrySchema.parse({ ...base, enterprises: [{ id: 'ent-a', name: 'A renamed' }, { id: 'ent-b', name: 'B' }] }), 5);
    expect(summary(engine.tick(31_000))).toEqual([
      ['raised', 'a-offline', 'a-1', undefined, undefined],
      ['raised', 'a-offline', 'a-2', undefined, undefined],
    ]);
    expect(engine.ruleCount).toBe(3);
  });
});

describe('RuleEngine.clearOrphans', () => {
  it('clears open alerts rebuilt from the store whose meter left the registry while the service was down', () => {
    // Before the restart: a-2 and b-1 raised. Meanwhile a-2 is removed from the registry.
    const before = setUp();
    before.feed(power('a-2', 'ent-a', 0, 150));
    before.feed(power('a-2', 'ent-a', 20, 150));
    before.feed(power('b-1', 'ent-b', 0, 150));
    const stored = before.engine.alerts.openAlerts().map((alert) => ({ alert, revision: 1 }));
    expect(stored.map((r) => r.alert.meter).sort()).toEqual(['a-2', 'b-1']);

    const live = createLiveRegistry(withMeters(meter('a-1', 'ent-a'), meter('b-1', 'ent-b')));
    const engine = new RuleEngine(live, () => 'fresh');
    engine.setRules(rulesForRegistry(rules, live).rules, 0);
    expect(engine.restore(stored)).toBe(1);
    const events = engine.clearOrphans(stored, 60_000);
    expect(summary(events)).toEqual([['cleared', 'a-power', 'a-2', 'system', 'subject_removed']]);
    expect(events[0]).toMatchObject({ eventId: `${stored.find((r) => r.alert.meter === 'a-2')!.alert.alertId}:2` });
    expect(engine.alerts.openAlerts().map((a) => a.meter)).toEqual(['b-1']);
  });
});

describe('budgets across a registry change', () => {
  // A day budget of 10,000 kWh for ent-a (Shanghai, UTC+8).
  const local = (h: number) => Date.UTC(2026, 0, 6, h - 8);
  const budgetRules = rulesFileSchema.parse({ version: 1, rules: [{ id: 'a-day', kind: 'budget', severity: 'major', period: 'day', budgets: { 'ent-a': 10_000 }, subject: { enterprise: 'ent-a' } }] });
  const use = (m: string, h: number, kwh: number): NormalizedBatch => ({
    v: 1,
    park: 'p',
    enterprise: 'ent-a',
    readings: [{ m, c: 'electricity', ts: local(h), rx: local(h), v: { power_kw: 1 }, d: { energy_import_kwh: kwh } }],
  });

  it('a budget recompiled for a new meter keeps its open alert (restored, not raised again) and asks to be seeded again', () => {
    const live = createLiveRegistry(base);
    let n = 0;
    const engine = new RuleEngine(live, () => `b${++n}`);
    engine.setRules(budgetRules, local(0));
    const [first] = engine.seedable();
    expect(first?.ruleId).toBe('a-day');
    first?.seed.apply(new Map(), local(0));
    expect(engine.seedable()).toEqual([]);
    // 06:00 (25 % of the day): 2,600 kWh -> forecast 10,400 kWh = 104 %: raised at orange.
    engine.onBatch(use('a-1', 1, 2000));
    engine.onBatch(use('a-2', 2, 600));
    expect(summary(engine.tick(local(6)))).toEqual([['raised', 'a-day', 'ent-a', undefined, undefined]]);

    expect(engine.registryChanged(live.replace(withMeters(meter('a-1', 'ent-a'), meter('a-2', 'ent-a'), meter('b-1', 'ent-b'), meter('a-3', 'ent-a')))!, budgetRules, local(7))).toEqual([]);
    // Recompiled: its totals come from the store again (the store holds the 2,600 kWh).
    const [again] = engine.seedable();
    expect(again?.meters.has('a-3')).toBe(true);
    again?.seed.apply(new Map([['a-1', new Map([['energy_import_kwh', 2000]])], ['a-2', new Map([['energy_import_kwh', 600]])]]), local(7));
    // The new evaluator knows the alert is raised (restored), so it clears it when the forecast
    // falls back: 09:00 (37.5 %) 2,600 kWh -> 6,933 kWh = 69 %. Unrestored, it would stay open.
    expect(summary(engine.tick(local(9)))).toEqual([['cleared', 'a-day', 'ent-a', 'condition', undefined]]);
  });
});
