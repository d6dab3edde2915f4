import type { Alert, AlertEvent } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { appendSample, filterAlerts, mergeAlert, withGaps } from './live-merge.js';

const base: Alert = {
  alertId: 'a1', key: 'r1:m1', ruleId: 'r1', kind: 'threshold', severity: 'major', park: 'p', owner: { scope: 'enterprise', id: 'ent-steel' }, meter: 'm1',
  state: 'active', firstSeenMs: 1000, lastSeenMs: 1000, occurrence: 1, count: 1, message: 'load high',
};

describe('merging alert events', () => {
  it('takes a newer revision (an acknowledgement) and strips the event envelope', () => {
    const ack: AlertEvent = { ...base, state: 'acknowledged', acknowledged: { by: 'op', atMs: 5000 }, v: 1, eventId: 'a1:2', type: 'acknowledged', atMs: 5000 };
    const m = mergeAlert(new Map([[base.alertId, base]]), ack);
    expect(m.get('a1')?.state).toBe('acknowledged');
    expect(m.get('a1')).not.toHaveProperty('eventId');
  });
  it('keeps the newer alert when a stale REST copy arrives after the event', () => {
    const acked: Alert = { ...base, state: 'acknowledged', acknowledged: { by: 'op', atMs: 5000 } };
    const m = mergeAlert(new Map([['a1', acked]]), base);
    expect(m.get('a1')?.state).toBe('acknowledged');
  });
});

describe('filtering alerts', () => {
  const list: Alert[] = [
    base,
    { ...base, alertId: 'a2', severity: 'critical', lastSeenMs: 1000, owner: { scope: 'enterprise', id: 'ent-chem' } },
    { ...base, alertId: 'a3', state: 'cleared', lastSeenMs: 3000 },
  ];
  it('open hides cleared; ties put the most urgent first', () => {
    expect(filterAlerts(list, { severity: 'all', enterprise: 'all', state: 'open' }).map((a) => a.alertId)).toEqual(['a2', 'a1']);
    expect(filterAlerts(list, { severity: 'all', enterprise: 'all', state: 'all' }).map((a) => a.alertId)).toEqual(['a3', 'a2', 'a1']);
  });
  it('filters by severity, enterprise and state', () => {
    expect(filterAlerts(list, { severity: 'critical', enterprise: 'all', state: 'all' }).map((a) => a.alertId)).toEqual(['a2']);
    expect(filterAlerts(list, { severity: 'all', enterprise: 'ent-steel', state: 'cleared' }).map((a) => a.alertId)).toEqual(['a3']);
  });
});

describe('the live load line', () => {
  it('appends, drops repeats of the last second and keeps at most n points', () => {
    let s = appendSample([], 1000, 5, 2);
    s = appendSample(s, 2000, 6, 2);
    s = appendSample(s, 2000, 9, 2); // a snapshot after reconnect repeats the last second
    s = appendSample(s, 3000, 7, 2);
    expect(s).toEqual([[2000, 6], [3000, 7]]);
  });
});

describe('withGaps', () => {
  it('breaks the live line where samples stopped for longer than the gap', () => {
    // 1 s apart, then 8 s without a summary (an outage), then 1 s apart again.
    const pts = [[1000, 5], [2000, 6], [10_000, 9], [11_000, 9]] as const;
    expect(withGaps(pts, 5000)).toEqual([[1000, 5], [2000, 6], [6000, null], [10_000, 9], [11_000, 9]]);
    expect(withGaps(pts, 10_000)).toEqual(pts);
    expect(withGaps([], 5000)).toEqual([]);
  });
});
