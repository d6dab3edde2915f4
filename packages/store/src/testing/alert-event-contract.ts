import type { AlertEvent } from '@lingtan/schema';
import { expect, it } from 'vitest';
import type { TimeSeriesStore } from '../port.js';

/** An alert event of `park`; `revision` makes the event id `{alertId}:{revision}` as the rules service does. */
function alertEvent(park: string, alertId: string, revision: number, atMs: number, extra: Partial<AlertEvent> = {}): AlertEvent {
  return {
    v: 1,
    eventId: `${alertId}:${revision}`,
    type: revision === 1 ? 'raised' : 'updated',
    atMs,
    alertId,
    key: `r-temp/m-${alertId}`,
    ruleId: 'r-temp',
    kind: 'threshold',
    severity: 'major',
    park,
    owner: { scope: 'enterprise', id: 'ent-a' },
    meter: `m-${alertId}`,
    state: 'active',
    firstSeenMs: atMs,
    lastSeenMs: atMs,
    occurrence: 1,
    count: revision,
    message: 'transformer oil 96 °C > 95 °C for 60 s',
    ...extra,
  };
}

/** Alert events: round trip, idempotence by event id, filters, order and limit. */
export function describeAlertEventContract(store: () => TimeSeriesStore, t0: number): void {
  const all = (park: string) => store().queryAlertEvents({ park, fromMs: t0 - 86_400_000, toMs: t0 + 86_400_000 });

  it('reads back an alert event exactly, optional fields and all', async () => {
    const cleared = alertEvent('park-ae1', 'a-full', 3, t0 + 5000, {
      type: 'cleared',
      state: 'cleared',
      occurrence: 2,
      previousAlertId: 'a-prev',
      value: 96.25,
      acknowledged: { by: 'wang.li', atMs: t0 + 2000, comment: '已通知值班电工' },
      cleared: { by: 'condition', atMs: t0 + 5000 },
      owner: { scope: 'park', id: 'park-ae1' },
    });
    const raised = alertEvent('park-ae1', 'a-full', 1, t0);
    await store().writeAlertEvents([cleared, raised]);
    expect(await all('park-ae1')).toEqual([raised, cleared]);
  });

  it('keeps one event when the same event is written twice', async () => {
    const e = alertEvent('park-ae2', 'a-dup', 1, t0);
    await store().writeAlertEvents([e]);
    await store().writeAlertEvents([e, e]);
    expect(await all('park-ae2')).toEqual([e]);
    await expect(store().writeAlertEvents([])).resolves.toBeUndefined();
  });

  it('filters by owner, alert id and a half-open time range', async () => {
    const park = 'park-ae3';
    const own = alertEvent(park, 'a-own', 1, t0);
    const later = alertEvent(park, 'a-own', 2, t0 + 1000);
    const other = alertEvent(park, 'a-other', 1, t0 + 500, { owner: { scope: 'enterprise', id: 'ent-b' } });
    const parkOwned = alertEvent(park, 'a-park', 1, t0 + 700, { owner: { scope: 'park', id: 'ent-a' } });
    await store().writeAlertEvents([own, later, other, parkOwned, alertEvent('park-ae3x', 'a-own', 9, t0)]);
    const q = { park, fromMs: t0, toMs: t0 + 2000 };
    expect(await store().queryAlertEvents({ ...q, owner: { scope: 'enterprise', id: 'ent-a' } })).toEqual([own, later]);
    // Same id, other scope: the park's own alerts are not the enterprise's.
    expect(await store().queryAlertEvents({ ...q, owner: { scope: 'park', id: 'ent-a' } })).toEqual([parkOwned]);
    expect(await store().queryAlertEvents({ ...q, alertId: 'a-other' })).toEqual([other]);
    expect(await store().queryAlertEvents({ ...q, fromMs: t0 + 1, toMs: t0 + 1000 })).toEqual([other, parkOwned]);
    expect(await store().queryAlertEvents({ ...q, park: 'park-none' })).toEqual([]);
  });

  it('orders by event time then event id, and limits after ordering', async () => {
    const park = 'park-ae4';
    // Written out of order; three share one time and are ordered by id ("B" < "a" by code unit).
    const events = [alertEvent(park, 'b', 1, t0 + 10), alertEvent(park, 'a', 2, t0 + 20), alertEvent(park, 'c', 1, t0 + 10), alertEvent(park, 'B', 1, t0 + 10), alertEvent(park, 'a', 1, t0)];
    await store().writeAlertEvents(events);
    const ids = (list: AlertEvent[]) => list.map((e) => e.eventId);
    expect(ids(await all(park))).toEqual(['a:1', 'B:1', 'b:1', 'c:1', 'a:2']);
    expect(ids(await store().queryAlertEvents({ park, fromMs: t0, toMs: t0 + 100, limit: 3 }))).toEqual(['a:1', 'B:1', 'b:1']);
    expect(await store().queryAlertEvents({ park, fromMs: t0, toMs: t0 + 100, limit: 0 })).toEqual([]);
  });

  it('refuses an event that does not parse, storing none of its batch', async () => {
    const park = 'park-ae5';
    const bad = { ...alertEvent(park, 'a-bad', 1, t0), atMs: t0 + 0.5 };
    await expect(store().writeAlertEvents([alertEvent(park, 'a-good', 1, t0), bad])).rejects.toMatchObject({ name: 'StoreError', code: 'store_rejected', retriable: false });
    expect(await all(park)).toEqual([]);
  });
}
