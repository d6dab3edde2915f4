import { accountingMeters, touCost } from '@lingtan/domain';
import type { EnergyInterval, Period, RegistryIndex, TouTariff } from '@lingtan/domain';
import type { TimeSeriesStore } from '@lingtan/store';
import type { Scope } from './accounting.js';
import { ttlCache } from './ttl-cache.js';

const HOUR_MS = 3_600_000;
const FIELD = 'sum_energy_import_kwh_delta';

/** Cost of a scope's grid electricity in a period, CNY. */
export type CostReader = (scope: Scope, period: Period) => Promise<number>;

/**
 * Time-of-use cost (分时电价) of imported electricity: hourly rollups of the accounting meters
 * in scope (a meter scope: that meter), each hour's energy priced by the bands in force over
 * it (`touCost` splits an hour that straddles a band change in proportion to time).
 */
export function costReader(deps: { store: TimeSeriesStore; registry: RegistryIndex; tariff: TouTariff; clock: { nowMs(): number }; ttlMs?: number }): CostReader {
  const { store, registry, tariff } = deps;
  const park = registry.registry.park;
  const counted = accountingMeters(registry);
  const cache = ttlCache<number>({ ttlMs: deps.ttlMs ?? 15_000, maxEntries: 256, clock: deps.clock });
  return (scope, period) =>
    cache(`${JSON.stringify(scope)}|${period.startMs}|${period.endMs}`, async () => {
      const narrow = scope.kind === 'park' ? {} : scope.kind === 'enterprise' ? { enterprise: scope.id } : { enterprise: scope.enterprise, meter: scope.id };
      const rows = await store.queryAggregates({ park: park.id, ...narrow, fromMs: period.startMs, toMs: period.endMs, resolution: '1h', timeZone: park.timezone });
      const intervals: EnergyInterval[] = [];
      for (const r of rows) {
        const kwh = r.values[FIELD];
        if (kwh === undefined || r.carrier !== 'electricity') continue;
        if (scope.kind !== 'meter' && !counted.has(r.meter)) continue;
        intervals.push({ startMs: r.startMs, endMs: r.startMs + HOUR_MS, energyKwh: kwh });
      }
      return touCost(intervals, tariff).costCny;
    });
}
