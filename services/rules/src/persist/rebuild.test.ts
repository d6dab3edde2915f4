import { indexRegistry } from '@lingtan/domain';
import { silentLogger } from '@lingtan/runtime';
import { registrySchema, rulesFileSchema } from '@lingtan/schema';
import type { AlertEvent, NormalizedBatch, NormalizedReading } from '@lingtan/schema';
import { StoreError, createMemoryStore } from '@lingtan/store';
import { describe, expect, it } from 'vitest';
import { RuleEngine } from '../engine.js';
import { currentAlerts, loadHistory } from './rebuild.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'p', name: 'Park' },
    enterprises: [{ id: 'ops', name: 'Ops' }],
    meters: [
      { id: 'tx1', enterprise: 'ops', carrier: 'distribution', interval_s: 15 },
      { id: 'tx2', enterprise: 'ops', carrier: 'distribution', interval_s: 15 },
    ],
  }),
);
const rules = rulesFileSchema.parse({
  version: 1,
  flap_window_ms: 0,
  rules: [
    { id: 'load', kind: 'threshold', severity: 'major', subject: { meters: ['tx1'] }, quantity: 'load_rate_pct', op: 'above', value: 90, hysteresis: 5 },
    { id: 'offline', kind: 'offline', severity: 'minor', subject: { meters: ['tx2'] }, intervals: 2 },
  ],
});
const batch = (readings: Partial<NormalizedReading>[]): NormalizedBatch => ({
  v: 1,
  park: 'p',
  enterprise: 'ops',
  readings: readings.map((r) => ({ m: 'tx1', c: 'distribution', ts: 0, rx: 0, v: {}, ...r })),
});
const load = (ts: number, pct: number) => ({ ts, rx: ts, v: { load_rate_pct: pct } });
const engine = (prefix: string) => {
  let n = 0;
  const e = new RuleEngine(registry, () => `${prefix}${++n}`);
  e.setRules(rules, 0);
  return e;
};

describe('rebuilding alert state from stored events', () => {
  it('after a restart a condition still present updates its alert, and one gone clears it', async () => {
    // Before: tx1 at 95 % raises a1; tx2 silent 30 s (2 x 15 s) raises a2; both stored.
    const store = createMemoryStore();
    const before = engine('a');
    const stored: AlertEvent[] = [...before.onBatch(batch([load(1000, 95)])).events, ...before.tick(30_000)];
    expect(stored.map((e) => [e.type, e.alertId, e.meter])).toEqual([
      ['raised', 'a1', 'tx1'],
      ['raised', 'a2', 'tx2'],
    ]);
    await store.writeAlertEvents(stored);

    // Restart: a new engine (new ids "b...") restores from the store before any batch.
    const after = engine('b');
    expect(after.restore(currentAlerts(await store.queryAlertEvents({ park: 'p', fromMs: 0, toMs: 100_000 })))).toBe(2);
    // tx1 still at 96 %: nothing new (no second "raised"), the open alert a1 stands.
    expect(after.onBatch(batch([load(40_000, 96)])).events).toEqual([]);
    // tx2 still silent: not reported again.
    expect(after.tick(70_000)).toEqual([]);
    // tx1 back to 80 %: a1 clears, its event id continuing from the stored revision.
    expect(after.onBatch(batch([load(50_000, 80)])).events.map((e) => [e.type, e.alertId, e.eventId])).toEqual([['cleared', 'a1', 'a1:2']]);
    // tx2 reports again: a2 clears.
    expect(after.onBatch(batch([{ m: 'tx2', ts: 75_000, rx: 75_000, v: { load_rate_pct: 10 } }])).events.map((e) => [e.type, e.alertId])).toEqual([['cleared', 'a2']]);
  });

  it('keeps the highest revision of each alert and the latest occurrence of each key', () => {
    // a1 raised (rev 1) and cleared (rev 2), then a recurrence a3 (occurrence 2) raised; events out of order and one twice.
    const e = engine('a');
    const events = [...e.onBatch(batch([load(1000, 95), load(2000, 80), load(3000, 97)])).events];
    expect(events.map((x) => [x.type, x.alertId])).toEqual([
      ['raised', 'a1'],
      ['cleared', 'a1'],
      ['raised', 'a2'],
    ]);
    const current = currentAlerts([events[2]!, events[1]!, events[0]!, events[1]!]);
    expect(current.map((r) => [r.alert.alertId, r.alert.occurrence, r.alert.previousAlertId, r.revision])).toEqual([['a2', 2, 'a1', 1]]);
  });

  it('retries a store that is not up yet and reports one that refuses', async () => {
    let calls = 0;
    const waits: number[] = [];
    const sleep = (ms: number) => (waits.push(ms), Promise.resolve());
    const ok = await loadHistory({
      query: () => (++calls < 3 ? Promise.reject(new StoreError('down', 'store_unavailable', true)) : Promise.resolve([])),
      nowMs: 0,
      lookbackDays: 31,
      logger: silentLogger,
      giveUpAfterMs: 60_000,
      sleep,
    });
    expect(ok).toEqual({ ok: true, events: [] });
    expect(waits).toEqual([250, 500]);
    const refused = await loadHistory({ query: () => Promise.reject(new StoreError('no', 'store_rejected', false)), nowMs: 0, lookbackDays: 1, logger: silentLogger, giveUpAfterMs: 60_000, sleep });
    expect(refused).toEqual({ ok: false, detail: 'no' });
  });

  it('asks for the lookback window: 31 days back to now', async () => {
    let asked: [number, number] = [0, 0];
    await loadHistory({ query: (f, t) => ((asked = [f, t]), Promise.resolve([])), nowMs: 40 * 86_400_000, lookbackDays: 31, logger: silentLogger, giveUpAfterMs: 0 });
    expect(asked).toEqual([9 * 86_400_000, 40 * 86_400_000 + 1]);
  });
});
