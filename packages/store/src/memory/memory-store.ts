import { aggregatePoints } from '../aggregate.js';
import type { TelemetryPoint, TelemetryQuery, TimeSeriesStore } from '../port.js';

/** An in-memory store for unit tests; passes the same contract suite as the real adapters. */
export function createMemoryStore(): TimeSeriesStore & { readonly size: number } {
  const points = new Map<string, TelemetryPoint>();
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
        .sort((a, b) => a.tsMs - b.tsMs || a.meter.localeCompare(b.meter));
      return Promise.resolve(q.limit === undefined ? found : found.slice(0, q.limit));
    },
    queryAggregates: async (q) => aggregatePoints(await store.query({ ...q, limit: undefined }), q.resolution, q.timeZone),
    refreshRollups: () => Promise.resolve(),
    ping: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  return store;
}
