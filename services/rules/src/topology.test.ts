// Topology: when a transformer (or gateway) meter goes silent, the meters below it go silent
// too. One alert for the parent, not a flood; a child that stays silent after the parent
// returns is alerted then.
import { indexRegistry } from '@lingtan/domain';
import { registrySchema, rulesFileSchema } from '@lingtan/schema';
import type { NormalizedBatch } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { RuleEngine } from './engine.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'p', name: 'P' },
    enterprises: [{ id: 'ops', name: 'Ops' }, { id: 'ent-a', name: 'A' }],
    meters: [
      { id: 'tx', enterprise: 'ops', carrier: 'distribution', interval_s: 10 },
      { id: 'a-main', enterprise: 'ent-a', carrier: 'electricity', parent: 'tx', interval_s: 10 },
      { id: 'a-sub', enterprise: 'ent-a', carrier: 'electricity', parent: 'a-main', interval_s: 10 },
    ],
  }),
);
const rules = rulesFileSchema.parse({ version: 1, rules: [{ id: 'offline', kind: 'offline', severity: 'minor', intervals: 3 }] });

const reading = (meter: string, enterprise: string, rxMs: number): NormalizedBatch => ({
  v: 1,
  park: 'p',
  enterprise,
  readings: [{ m: meter, c: meter === 'tx' ? 'distribution' : 'electricity', ts: rxMs, rx: rxMs, v: { power_kw: 1 } }],
});

describe('offline topology', () => {
  it('raises one alert for a silent parent, and its children only if they stay silent after it returns', () => {
    let n = 0;
    const engine = new RuleEngine(registry, () => `a${++n}`);
    engine.setRules(rules, 0);
    // t = 0: all three report. Timeout is 3 x 10 s = 30 s.
    for (const [m, e] of [['tx', 'ops'], ['a-main', 'ent-a'], ['a-sub', 'ent-a']] as const) engine.onBatch(reading(m, e, 0));
    // t = 40 s: all silent. Only tx is alerted; a-main and a-sub sit below it.
    expect(engine.tick(40_000).map((e) => [e.type, e.meter])).toEqual([['raised', 'tx']]);
    // t = 50 s: tx is back; a-main is still silent (its own fault now), a-sub too, but a-sub
    // sits below a-main, which is silent: still one alert, for a-main.
    const back = engine.onBatch(reading('tx', 'ops', 50_000)).events;
    expect(back.map((e) => [e.type, e.meter])).toEqual([
      ['cleared', 'tx'],
      ['raised', 'a-main'],
    ]);
    expect(back[1]?.message).toContain('still no reading after tx came back');
    expect(back[1]).toMatchObject({ messageCode: 'offline.still_silent', messageParams: { parent: 'tx' } });
    // a-sub reports again: it was never alerted, so nothing to clear.
    expect(engine.onBatch(reading('a-sub', 'ent-a', 55_000)).events).toEqual([]);
    // a-main reports: its alert clears.
    expect(engine.onBatch(reading('a-main', 'ent-a', 60_000)).events.map((e) => [e.type, e.meter])).toEqual([['cleared', 'a-main']]);
  });
});
