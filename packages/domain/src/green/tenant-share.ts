import type { GreenShare, GreenShares } from './green-share.js';

/** One tenant's consumption in one local hour, kWh. */
export interface TenantHour {
  readonly startMs: number;
  readonly loadKwh: number;
}

/** A tenant's share of the park's green electricity over the same hours. */
export interface TenantGreenShare {
  readonly loadKwh: number;
  readonly greenKwh: number;
  /** Null when the tenant consumed nothing. */
  readonly share: number | null;
}

/**
 * Trace the park's green electricity to a tenant. Shared PV, the shared battery and the
 * park's green trades reach every tenant through the park's one grid connection, so in
 * each hour every kWh a tenant draws carries that hour's park-wide green fraction
 * (hourly-matched, `greenShares` of the park as one site): the tenant's green kWh are
 * Σ_h load_h × parkGreen_h / parkLoad_h. Hours in which the park had no load, or no
 * figure, count as not green. Summed over the tenants, this hands out exactly the park's
 * matched green kWh (when the tenants' loads make up the park's load).
 */
export function tenantGreenShare(park: GreenShares, tenant: readonly TenantHour[]): TenantGreenShare {
  const parkHours = new Map<number, GreenShare>(park.hours.map((h) => [h.startMs, h]));
  let loadKwh = 0;
  let greenKwh = 0;
  for (const hour of tenant) {
    if (!(hour.loadKwh >= 0)) throw new RangeError(`loadKwh must be a non-negative number (at ${hour.startMs})`);
    loadKwh += hour.loadKwh;
    const p = parkHours.get(hour.startMs);
    if (p !== undefined && p.loadKwh > 0) greenKwh += (hour.loadKwh * p.greenKwh) / p.loadKwh;
  }
  return { loadKwh, greenKwh, share: loadKwh > 0 ? greenKwh / loadKwh : null };
}
