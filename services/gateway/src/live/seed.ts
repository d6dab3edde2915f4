import type { Clock, RegistryIndex } from '@lingtan/domain';
import type { Logger } from '@lingtan/runtime';
import { DELTA_SUFFIX } from '@lingtan/schema';
import type { TimeSeriesStore } from '@lingtan/store';
import type { AlertBook } from './alert-book.js';
import type { DayTotals } from './day-totals.js';
import type { MeterBook } from './meter-book.js';

const FIFTEEN_MIN_MS = 15 * 60_000;
const SUM_PREFIX = 'sum_';

/** What `seedModel` fills. */
export interface SeedTarget {
  readonly store: TimeSeriesStore;
  readonly index: RegistryIndex;
  readonly clock: Clock;
  readonly day: DayTotals;
  readonly meters: MeterBook;
  readonly alerts: AlertBook;
  readonly lookbackMs: number;
  readonly logger: Logger;
}

/**
 * Where the 15-minute rollups stop and raw points take over: the start of the bucket that
 * was still open 2 minutes ago. InfluxDB's continuous queries recompute recent buckets once
 * a minute, so the newest buckets may not hold the last readings yet; raw points after the
 * cut make the seed exact whatever the rollups' lag.
 */
export function rollupCutMs(nowMs: number, dayStartMs: number): number {
  return Math.max(dayStartMs, Math.floor((nowMs - 2 * 60_000) / FIFTEEN_MIN_MS) * FIFTEEN_MIN_MS);
}

/**
 * Today so far from the store: the 15-minute aggregates since local midnight (sums of the
 * stored deltas) up to `rollupCutMs`, each bucket stamped with its end (a delta covers the
 * interval ending at its stamp, so the bucket [00:00, 00:15) counts in today and in the hour
 * 00:00-01:00), then the raw points after the cut; both go through the same path as live
 * deltas. The newest stored point of each meter gives its values and marks its device time
 * as counted, so the stream's redelivery of it is not counted again. Open alerts: the newest
 * event of each alert over the look-back window.
 */
export async function seedModel(t: SeedTarget): Promise<void> {
  const nowMs = t.clock.nowMs();
  const park = t.index.parkId;
  const timeZone = t.index.registry.park.timezone;
  const cutMs = rollupCutMs(nowMs, t.day.day.startMs);
  const [aggregates, raw, latest, events] = await Promise.all([
    cutMs > t.day.day.startMs ? t.store.queryAggregates({ park, fromMs: t.day.day.startMs, toMs: cutMs, resolution: '15m', timeZone }) : Promise.resolve([]),
    t.store.query({ park, fromMs: cutMs, toMs: nowMs + 1 }),
    t.store.latest({ park, sinceMs: t.day.day.startMs - 86_400_000 }),
    t.store.queryAlertEvents({ park, fromMs: nowMs - t.lookbackMs, toMs: nowMs + 1 }),
  ]);
  let buckets = 0;
  for (const a of aggregates) {
    const meter = t.index.meter(a.meter);
    if (meter === undefined) continue;
    const deltas: Record<string, number> = {};
    for (const [name, v] of Object.entries(a.values)) {
      if (name.startsWith(SUM_PREFIX) && name.endsWith(DELTA_SUFFIX)) deltas[name.slice(SUM_PREFIX.length, -DELTA_SUFFIX.length)] = v;
    }
    if (t.day.add(meter, a.startMs + FIFTEEN_MIN_MS, deltas)) buckets += 1;
  }
  for (const p of raw) {
    const meter = t.index.meter(p.meter);
    if (meter === undefined) continue;
    const deltas: Record<string, number> = {};
    for (const [name, v] of Object.entries(p.values)) if (name.endsWith(DELTA_SUFFIX)) deltas[name.slice(0, -DELTA_SUFFIX.length)] = v;
    t.day.add(meter, p.tsMs, deltas);
  }
  for (const p of latest) {
    const state = t.meters.get(p.meter);
    if (state === undefined) continue;
    const values: Record<string, number> = {};
    for (const [name, v] of Object.entries(p.values)) if (!name.endsWith(DELTA_SUFFIX)) values[name] = v;
    t.meters.observe(state, p.tsMs, p.tsMs, values);
    state.countedTsMs = Math.max(state.countedTsMs, p.tsMs);
  }
  for (const e of events) t.alerts.apply(e);
  t.logger.info({ buckets, rawPoints: raw.length, meters: latest.length, alertEvents: events.length }, 'live model seeded from the store');
}
