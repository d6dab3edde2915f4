import type { AlertEvent } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { foldAlerts, stateMatches } from './alert-fold.js';

const event = (alertId: string, revision: number, atMs: number, state: AlertEvent['state']): AlertEvent => ({
  v: 1,
  eventId: `${alertId}:${revision}`,
  type: state === 'active' ? 'raised' : state === 'acknowledged' ? 'acknowledged' : 'cleared',
  atMs,
  alertId,
  key: `r:${alertId}`,
  ruleId: 'r',
  kind: 'threshold',
  severity: 'minor',
  park: 'p',
  owner: { scope: 'enterprise', id: 'e' },
  meter: 'm',
  state,
  firstSeenMs: 0,
  lastSeenMs: atMs,
  occurrence: 1,
  count: 1,
  message: '',
});

describe('foldAlerts', () => {
  it('keeps the newest state of each alert, newest change first, envelope dropped', () => {
    // x: raised at 10, acknowledged at 20 (delivered out of order and twice); y: raised at 15.
    const alerts = foldAlerts([event('x', 2, 20, 'acknowledged'), event('y', 1, 15, 'active'), event('x', 1, 10, 'active'), event('x', 2, 20, 'acknowledged')]);
    expect(alerts.map((a) => [a.alertId, a.state])).toEqual([
      ['x', 'acknowledged'],
      ['y', 'active'],
    ]);
    expect(alerts[0]).not.toHaveProperty('eventId');
    expect(alerts[0]).not.toHaveProperty('type');
  });

  it('breaks a tie of event time by revision', () => {
    expect(foldAlerts([event('x', 3, 20, 'cleared'), event('x', 2, 20, 'acknowledged')])[0]?.state).toBe('cleared');
  });

  it('open means active or acknowledged', () => {
    const [active, acked, cleared] = [event('a', 1, 1, 'active'), event('b', 1, 1, 'acknowledged'), event('c', 1, 1, 'cleared')].map((e) => foldAlerts([e])[0]!);
    expect([active, acked, cleared].map((a) => stateMatches(a!, 'open'))).toEqual([true, true, false]);
    expect([active, acked, cleared].map((a) => stateMatches(a!, 'cleared'))).toEqual([false, false, true]);
    expect(stateMatches(active!, undefined)).toBe(true);
  });
});
