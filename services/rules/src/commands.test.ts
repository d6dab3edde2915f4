import { indexRegistry } from '@lingtan/domain';
import { registrySchema, rulesFileSchema } from '@lingtan/schema';
import type { AlertCommand } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { CommandHandler } from './commands.js';
import { RuleEngine } from './engine.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'p', name: 'Park' },
    enterprises: [{ id: 'ops', name: 'Ops' }],
    meters: [{ id: 'tx1', enterprise: 'ops', carrier: 'distribution', interval_s: 15 }],
  }),
);
const rules = rulesFileSchema.parse({
  version: 1,
  rules: [{ id: 'load', kind: 'threshold', severity: 'major', subject: { meters: ['tx1'] }, quantity: 'load_rate_pct', op: 'above', value: 90 }],
});

const setup = (partitioned = false) => {
  const engine = new RuleEngine(registry, () => 'a1');
  engine.setRules(rules, 0);
  engine.onBatch({ v: 1, park: 'p', enterprise: 'ops', readings: [{ m: 'tx1', c: 'distribution', ts: 1000, rx: 1000, v: { load_rate_pct: 95 } }] });
  return new CommandHandler(engine, partitioned);
};
const cmd = (over: Partial<AlertCommand>): string => JSON.stringify({ v: 1, commandId: 'c1', type: 'acknowledge', alertId: 'a1', by: 'u-li', atMs: 2000, ...over });

describe('CommandHandler', () => {
  it('acknowledges, ignores the redelivered command, then clears by hand', () => {
    const h = setup();
    expect(h.handle(cmd({ comment: '已安排巡检' }))).toMatchObject({ ok: true, event: { type: 'acknowledged', alertId: 'a1', state: 'acknowledged', acknowledged: { by: 'u-li', atMs: 2000, comment: '已安排巡检' } } });
    expect(h.handle(cmd({}))).toEqual({ ok: true, duplicate: true, commandId: 'c1' });
    expect(h.handle(cmd({ commandId: 'c2', type: 'clear', atMs: 3000 }))).toMatchObject({ ok: true, event: { type: 'cleared', state: 'cleared', cleared: { by: 'u-li', atMs: 3000 } } });
  });

  it('refuses bad JSON, a bad command, an unknown alert and an already cleared one, as values', () => {
    const h = setup();
    expect(h.handle('{not json')).toMatchObject({ ok: false, code: 'bad_json' });
    expect(h.handle(cmd({ type: 'snooze' as 'clear' }))).toMatchObject({ ok: false, code: 'bad_command', detail: expect.stringContaining('type') as string });
    expect(h.handle(cmd({ alertId: 'nope' }))).toMatchObject({ ok: false, code: 'alert_unknown', commandId: 'c1' });
    expect(h.handle(cmd({ commandId: 'c3', type: 'clear' }))).toMatchObject({ ok: true });
    expect(h.handle(cmd({ commandId: 'c4', type: 'clear' }))).toMatchObject({ ok: false, code: 'alert_cleared' });
  });

  it('in a partitioned deployment calls another instance\'s alert not owned', () => {
    expect(setup(true).handle(cmd({ alertId: 'elsewhere' }))).toMatchObject({ ok: false, code: 'not_owned' });
  });

  it('does not remember refused commands, so a retry after a fix is not taken for a duplicate', () => {
    const engine = new RuleEngine(registry, () => 'a1');
    const h = new CommandHandler(engine, false, 2);
    for (const id of ['x1', 'x2', 'x3']) h.handle(cmd({ commandId: id, alertId: 'none' }));
    // refusals are not remembered: the same id is refused again rather than reported as a duplicate
    expect(h.handle(cmd({ commandId: 'x1', alertId: 'none' }))).toMatchObject({ ok: false, code: 'alert_unknown' });
  });
});
