import { alertEventSchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { AlertStore, dedupKey } from './lifecycle.js';
import type { Raise } from './lifecycle.js';

const MIN = 60_000;

const store = () => {
  let n = 0;
  return new AlertStore(() => `a${++n}`);
};

const raise = (atMs: number, extra: Partial<Raise> = {}): Raise => ({
  key: dedupKey('tx-load', 'm-tx1'),
  ruleId: 'tx-load',
  kind: 'threshold',
  severity: 'major',
  park: 'p',
  owner: { scope: 'enterprise', id: 'park-ops' },
  meter: 'm-tx1',
  atMs,
  message: 'load_rate_pct 95 above 90',
  value: 95,
  flapWindowMs: 5 * MIN,
  ...extra,
});

describe('AlertStore', () => {
  it('keeps one open alert per dedup key under repeated and raced raises', () => {
    // 0: raised a1 | 0 again (redelivery): nothing | 10 s (a second evaluator path): updated a1, count 2
    const s = store();
    const first = s.raise(raise(0));
    expect(first).toMatchObject({ type: 'raised', alertId: 'a1', key: 'tx-load/m-tx1', state: 'active', occurrence: 1, count: 1, firstSeenMs: 0, eventId: 'a1:1' });
    expect(s.raise(raise(0))).toBeUndefined();
    expect(s.raise(raise(10_000))).toMatchObject({ type: 'updated', alertId: 'a1', count: 2, firstSeenMs: 0, lastSeenMs: 10_000, eventId: 'a1:2' });
    expect(s.openAlerts().map((a) => a.alertId)).toEqual(['a1']);
    expect(alertEventSchema.parse(first)).toEqual(first);
  });

  it('is cleared by the system with a reason; a recurrence afterwards is a new occurrence, not a flap', () => {
    // 0: raised a1 | 1 min: its meter leaves the registry -> cleared by system | 2 min: raised again -> a2 (within the flap window)
    const s = store();
    s.raise(raise(0));
    const cleared = s.clearBySystem(dedupKey('tx-load', 'm-tx1'), MIN, 'subject_removed');
    expect(cleared).toMatchObject({ type: 'cleared', alertId: 'a1', state: 'cleared', cleared: { by: 'system', atMs: MIN, reason: 'subject_removed' } });
    expect(alertEventSchema.parse(cleared)).toEqual(cleared);
    expect(s.clearBySystem(dedupKey('tx-load', 'm-tx1'), 2 * MIN, 'subject_removed')).toBeUndefined();
    expect(s.raise(raise(2 * MIN))).toMatchObject({ type: 'raised', alertId: 'a2', occurrence: 2, previousAlertId: 'a1' });
  });

  it('acknowledges with who, when and a comment, then clears by condition', () => {
    // 0 raised | 1 min acknowledged by op-li | 2 min still breaching: updated, stays acknowledged | 3 min cleared
    const s = store();
    s.raise(raise(0));
    const ack = s.acknowledge('a1', 'op-li', MIN, 'dispatching storage');
    expect(ack).toMatchObject({ ok: true, event: { type: 'acknowledged', state: 'acknowledged', acknowledged: { by: 'op-li', atMs: MIN, comment: 'dispatching storage' } } });
    expect(s.raise(raise(2 * MIN))).toMatchObject({ type: 'updated', state: 'acknowledged' });
    const cleared = s.clearByCondition('tx-load/m-tx1', 3 * MIN, 80);
    expect(cleared).toMatchObject({ type: 'cleared', state: 'cleared', cleared: { by: 'condition', atMs: 3 * MIN }, value: 80, acknowledged: { by: 'op-li' } });
    expect(s.clearByCondition('tx-load/m-tx1', 4 * MIN)).toBeUndefined();
    expect(s.openAlerts()).toEqual([]);
  });

  it('refuses commands on unknown or cleared alerts with a code', () => {
    const s = store();
    expect(s.acknowledge('nope', 'op', 0)).toMatchObject({ ok: false, code: 'alert_unknown' });
    s.raise(raise(0));
    expect(s.clearByHand('a1', 'op-wang', 1000, 'meter replaced')).toMatchObject({ ok: true, event: { type: 'cleared', cleared: { by: 'op-wang', comment: 'meter replaced' } } });
    expect(s.acknowledge('a1', 'op', 2000)).toMatchObject({ ok: false, code: 'alert_cleared' });
    expect(s.clearByHand('a1', 'op', 2000)).toMatchObject({ ok: false, code: 'alert_cleared' });
  });

  it('re-opens the same alert when the condition recurs within the flapping window', () => {
    // window 5 min: 0 raised a1 | 1 min cleared | 3 min recurs (2 min after the clear): a1 updated, active, count 2
    const s = store();
    s.raise(raise(0));
    s.clearByCondition('tx-load/m-tx1', MIN);
    const again = s.raise(raise(3 * MIN));
    expect(again).toMatchObject({ type: 'updated', alertId: 'a1', state: 'active', count: 2, occurrence: 1, firstSeenMs: 0, lastSeenMs: 3 * MIN });
    expect(again).not.toHaveProperty('cleared');
    expect(s.openAlerts()).toHaveLength(1);
  });

  it('keeps an acknowledgement when a flapping alert re-opens', () => {
    const s = store();
    s.raise(raise(0));
    s.acknowledge('a1', 'op-li', 1000);
    s.clearByCondition('tx-load/m-tx1', MIN);
    expect(s.raise(raise(2 * MIN))).toMatchObject({ type: 'updated', state: 'acknowledged', acknowledged: { by: 'op-li' } });
  });

  it('opens a new occurrence linked to the old one when the condition recurs after the window', () => {
    // 0 raised a1 | 1 min cleared | 10 min recurs (9 min after): a2 raised, occurrence 2, previous a1
    //   | 11 min cleared | 20 min recurs: a3, occurrence 3, previous a2
    const s = store();
    s.raise(raise(0));
    s.clearByCondition('tx-load/m-tx1', MIN);
    expect(s.raise(raise(10 * MIN))).toMatchObject({ type: 'raised', alertId: 'a2', occurrence: 2, count: 1, previousAlertId: 'a1', firstSeenMs: 10 * MIN, eventId: 'a2:1' });
    s.clearByCondition('tx-load/m-tx1', 11 * MIN);
    expect(s.raise(raise(20 * MIN))).toMatchObject({ alertId: 'a3', occurrence: 3, previousAlertId: 'a2' });
    expect(s.get('a1')).toBeUndefined();
  });

  it('does not treat a recurrence after a clear by hand as flapping', () => {
    // A person closed it: if it comes back, that is news, even a minute later.
    const s = store();
    s.raise(raise(0));
    s.clearByHand('a1', 'op', 1000);
    expect(s.raise(raise(MIN))).toMatchObject({ type: 'raised', alertId: 'a2', previousAlertId: 'a1' });
  });

  it('ignores a raise replayed from before the clear', () => {
    const s = store();
    s.raise(raise(0));
    s.clearByCondition('tx-load/m-tx1', MIN);
    expect(s.raise(raise(30_000))).toBeUndefined();
    expect(s.openAlerts()).toEqual([]);
  });
});
