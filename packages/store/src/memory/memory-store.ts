import { aggregatePoints } from '../aggregate.js';
import { assertLimit, compareAlertEvents, compareText, writableAlertEvents } from '../alert-events.js';
import type { AlertEvent } from '@lingtan/schema';
import type { TelemetryPoint, TelemetryQuery, TimeSeriesStore } from '../port.js';

/** An in-memory store for unit tests; passes the same contract suite as the real adapters. */
export function createMemoryStore(): TimeSeriesStore & { readonly size: number } {
  const points = new Map<string, TelemetryPoint>();
  const alertEvents = new Map<string, AlertEvent>();
  const keyOf = (p: TelemetryPoint) => `${p.park}\u0000${p.enterprise}\u0000${p.meter}\u0000${p.carrier}\u0000${p.tsMs}`;
  const store: TimeSeriesStore & { readonly size: number } = {
    get size() {
      return points.size;
    },
    init: () => Promise.resolve(),
    write: (batch) => {
      for (const point of batch) {
        const key = keyOf(point);
        const existing = points.get(key);
        points.set(key, existing ? { ...point, values: { ...existing.values, ...point.values } } : { ...point, values: { ...point.values } });
      }
      return Promise.resolve();
    },
    query: (q: TelemetryQuery) => {
      const found = [...points.values()]
        .filter(
          (p) =>
            p.park === q.park &&
            (q.enterprise === undefined || p.enterprise === q.enterprise) &&
            (q.meter === undefined || p.meter === q.meter) &&
            p.tsMs >= q.fromMs &&
            p.tsMs < q.toMs,
        )
        .sort((a, b) => a.tsMs - b.tsMs || compareText(a.meter, b.meter));
      return Promise.resolve(q.limit === undefined ? found : found.slice(0, q.limit));
    },
    queryAggregates: async (q) => aggregatePoints(await store.query({ ...q, limit: undefined }), q.resolution, q.timeZone),
    refreshRollups: () => Promise.resolve(),
    latest: (q) => {
      const newest = new Map<string, TelemetryPoint>();
      for (const p of points.values()) {
        if (p.park !== q.park || (q.enterprise !== undefined && p.enterprise !== q.enterprise) || (q.meter !== undefined && p.meter !== q.meter)) continue;
        if (q.sinceMs !== undefined && p.tsMs < q.sinceMs) continue;
        const seen = newest.get(p.meter);
        if (seen === undefined || p.tsMs > seen.tsMs) newest.set(p.meter, p);
      }
      return Promise.resolve([...newest.values()].sort((a, b) => compareText(a.meter, b.meter)));
    },
    // The executor turns a thrown StoreError (a bad event, a bad limit) into a rejection.
    writeAlertEvents: (events) =>
      new Promise<void>((resolve) => {
        for (const event of writableAlertEvents(events, 'memory')) alertEvents.set(event.eventId, event);
        resolve();
      }),
    queryAlertEvents: (q) =>
      new Promise<AlertEvent[]>((resolve) => {
        assertLimit(q.limit, 'memory');
        const found = [...alertEvents.values()]
          .filter(
            (e) =>
              e.park === q.park &&
              (q.owner === undefined || (e.owner.scope === q.owner.scope && e.owner.id === q.owner.id)) &&
              (q.alertId === undefined || e.alertId === q.alertId) &&
              e.atMs >= q.fromMs &&
              e.atMs < q.toMs,
          )
          .sort(compareAlertEvents);
        resolve(q.limit === undefined ? found : found.slice(0, q.limit));
      }),
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  return store;
}
