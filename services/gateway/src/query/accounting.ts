import { addPoint, carbonTotals, emptyActivity, totalsByPeriod } from '@lingtan/domain';
import type { CarbonTotals, DeltaPoint, FactorChoice, Period, PeriodTotals, RegistryIndex } from '@lingtan/domain';
import type { TimeSeriesStore } from '@lingtan/store';
import { ttlCache } from './ttl-cache.js';

/** The narrowing of an accounting query: the park, one enterprise, or one meter. */
export type Scope = { readonly kind: 'park' } | { readonly kind: 'enterprise'; readonly id: string } | { readonly kind: 'meter'; readonly id: string; readonly enterprise: string };

/**
 * Daily rollups of [fromMs, toMs) as delta points: `sum_{q}_delta` becomes `{q}_delta`, and
 * the point is stamped 1 ms after its bucket's start so it falls in the period holding that
 * local day (totalsByPeriod counts start < ts <= end). Periods handed to the domain must
 * therefore start at local midnights (days, months, years).
 */
export async function dailyDeltaPoints(store: TimeSeriesStore, park: string, timeZone: string, scope: Scope, fromMs: number, toMs: number): Promise<readonly DeltaPoint[]> {
  const narrow = scope.kind === 'park' ? {} : scope.kind === 'enterprise' ? { enterprise: scope.id } : { enterprise: scope.enterprise, meter: scope.id };
  const rows = await store.queryAggregates({ park, ...narrow, fromMs, toMs, resolution: '1d', timeZone });
  return rows.map((a) => {
    const values: Record<string, number> = {};
    for (const [name, v] of Object.entries(a.values)) if (name.startsWith('sum_')) values[name.slice(4)] = v;
    return { enterprise: a.enterprise, meter: a.meter, carrier: a.carrier, tsMs: a.startMs + 1, values };
  });
}

/** `dailyDeltaPoints` through a cache keyed by scope and range. */
export type DailyReader = (scope: Scope, fromMs: number, toMs: number) => Promise<readonly DeltaPoint[]>;

/** A `DailyReader` over `store` that keeps each answer for `ttlMs` (15 s by default). */
export function cachedDailyReader(store: TimeSeriesStore, park: string, timeZone: string, clock: { nowMs(): number }, ttlMs = 15_000): DailyReader {
  const cache = ttlCache<readonly DeltaPoint[]>({ ttlMs, maxEntries: 256, clock });
  return (scope, fromMs, toMs) => cache(`${JSON.stringify(scope)}|${fromMs}|${toMs}`, () => dailyDeltaPoints(store, park, timeZone, scope, fromMs, toMs));
}

/** Totals per period (park and enterprises, accounting meters only: no sub-meter counted twice). */
export function periodTotals(points: readonly DeltaPoint[], periods: readonly Period[], registry: RegistryIndex, choice: FactorChoice): readonly PeriodTotals[] {
  return totalsByPeriod(points, periods, registry, choice).periods;
}

/**
 * Totals of each meter on its own, sub-meters included (what the meter itself measured), for
 * meter summaries and per-meter breakdowns. Meters without an energy delta are left out.
 */
export function perMeterTotals(points: readonly DeltaPoint[], choice: FactorChoice): Map<string, CarbonTotals> {
  const sums = new Map<string, ReturnType<typeof emptyActivity>>();
  for (const p of points) {
    const sum = sums.get(p.meter) ?? emptyActivity();
    if (addPoint(sum, p, choice)) sums.set(p.meter, sum);
  }
  return new Map([...sums].map(([meter, sum]) => [meter, carbonTotals(sum, choice)]));
}

/** Totals of nothing: what a scope without readings reports. */
export const zeroTotals = (choice: FactorChoice): CarbonTotals => carbonTotals(emptyActivity(), choice);

/** tonnes from kilograms. */
export const tonnes = (kg: number) => kg / 1000;
