// GET /api/v1/alerts: active and acknowledged alerts come from the in-memory book (fed from the
// alerts topic, seeded at start), so the control view's "live" tab costs no store read; cleared
// ones are history, read from the store over a bounded window.
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '@lingtan/domain';
import type { AlertEvent } from '@lingtan/schema';
import { createMemoryStore } from '@lingtan/store';
import type { AlertEventQuery, TimeSeriesStore } from '@lingtan/store';
import { createOpenAlerts } from '../src/query/open-alerts.js';
import type { OpenAlerts } from '../src/query/open-alerts.js';
import { ALERT_EVENTS, KEYS, MIN, NOW, PARK, errorOf, login, startGateway, withHeaders } from './fixture.js';
import type { TestGateway } from './fixture.js';

/** The memory store with every alert query recorded. */
function countingStore(): { store: TimeSeriesStore; alertQueries: AlertEventQuery[] } {
  const inner = createMemoryStore();
  const alertQueries: AlertEventQuery[] = [];
  const store: TimeSeriesStore = Object.assign(Object.create(inner) as TimeSeriesStore, {
    queryAlertEvents: (q: AlertEventQuery) => {
      alertQueries.push(q);
      return inner.queryAlertEvents(q);
    },
  });
  return { store, alertQueries };
}

const cleared = (base: AlertEvent, revision: number, atMs: number): AlertEvent => ({ ...base, eventId: `${base.alertId}:${revision}`, type: 'cleared', state: 'cleared', atMs, lastSeenMs: atMs });

interface Listed {
  alerts: { alertId: string; state: string }[];
}

let gw: TestGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

async function start(): Promise<{ gw: TestGateway; store: TimeSeriesStore; alertQueries: AlertEventQuery[]; book: OpenAlerts }> {
  const { store, alertQueries } = countingStore();
  await store.writeAlertEvents(ALERT_EVENTS);
  const book = createOpenAlerts({ store, park: PARK, clock: fixedClock(NOW) });
  await book.seed();
  alertQueries.length = 0;
  gw = await startGateway({ store, openAlerts: book });
  return { gw, store, alertQueries, book };
}

describe('GET /api/v1/alerts', () => {
  it('lists open alerts from the book without a store query, tenant filtering unchanged', async () => {
    const { gw, alertQueries } = await start();
    const operator = await login(gw.url, 'operator');
    // Newest change first: p1 (00:50), a1 acknowledged (00:40), b1 (00:30).
    const open = (await (await operator.get('/api/v1/alerts?state=open')).json()) as Listed;
    expect(open.alerts.map((a) => [a.alertId, a.state])).toEqual([
      ['alert-p1', 'active'],
      ['alert-a1', 'acknowledged'],
      ['alert-b1', 'active'],
    ]);
    const active = (await (await operator.get('/api/v1/alerts?state=active&severity=major')).json()) as Listed;
    expect(active.alerts.map((a) => a.alertId)).toEqual(['alert-p1', 'alert-b1']);
    const aliceKey = withHeaders(gw.url, { authorization: `Bearer ${KEYS.a}` });
    const mine = (await (await aliceKey.get('/api/v1/alerts?state=open&enterprise=ent-a')).json()) as Listed;
    expect(mine.alerts.map((a) => a.alertId)).toEqual(['alert-a1']);
    const theirs = await aliceKey.get('/api/v1/alerts?state=open&enterprise=ent-b');
    expect(theirs.status).toBe(403);
    expect(alertQueries).toEqual([]);
  });

  it('follows live events: a clear leaves the open list at once, and history reads the store once per list', async () => {
    const { gw, store, alertQueries, book } = await start();
    const operator = await login(gw.url, 'operator');
    const b1 = ALERT_EVENTS.find((e) => e.alertId === 'alert-b1')!;
    const clear = cleared(b1, 2, NOW - 5 * MIN);
    book.apply(clear);
    const open = (await (await operator.get('/api/v1/alerts?state=open')).json()) as Listed;
    expect(open.alerts.map((a) => a.alertId)).toEqual(['alert-p1', 'alert-a1']);
    expect(alertQueries).toEqual([]);

    // The rules service persists the clear; the history list (cleared) now shows it, in the default 30-day window.
    await store.writeAlertEvents([clear]);
    const history = (await (await operator.get('/api/v1/alerts?state=cleared')).json()) as Listed;
    expect(history.alerts).toMatchObject([{ alertId: 'alert-b1', state: 'cleared' }]);
    const all = (await (await operator.get('/api/v1/alerts')).json()) as Listed;
    expect(all.alerts.map((a) => [a.alertId, a.state])).toEqual([
      ['alert-b1', 'cleared'],
      ['alert-p1', 'active'],
      ['alert-a1', 'acknowledged'],
    ]);
    expect(alertQueries).toHaveLength(2);
    expect(alertQueries[0]).toMatchObject({ park: PARK, fromMs: NOW + MIN - 30 * 1440 * MIN, toMs: NOW + MIN });
  });

  it('refuses a history wider than 93 days, naming "from"', async () => {
    const { gw, alertQueries } = await start();
    const operator = await login(gw.url, 'operator');
    const res = await operator.get(`/api/v1/alerts?state=cleared&from=${new Date(NOW - 94 * 1440 * MIN).toISOString()}`);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({ code: 'range_too_large', field: 'from' });
    expect(alertQueries).toEqual([]);
  });

  it('before the book is seeded (or without one) the open list reads the store', async () => {
    const { store, alertQueries } = countingStore();
    await store.writeAlertEvents(ALERT_EVENTS);
    gw = await startGateway({ store, openAlerts: createOpenAlerts({ store, park: PARK, clock: fixedClock(NOW) }) });
    const operator = await login(gw.url, 'operator');
    const open = (await (await operator.get('/api/v1/alerts?state=open')).json()) as Listed;
    expect(open.alerts.map((a) => a.alertId)).toEqual(['alert-p1', 'alert-a1', 'alert-b1']);
    expect(alertQueries).toHaveLength(1);
  });
});
