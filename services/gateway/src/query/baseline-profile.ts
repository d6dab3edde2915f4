import { BASELINE_MIN_WEEKS, periodOf, slotsOfDay, weekdayProfile, zonedToUtcMs, localDateTime } from '@lingtan/domain';
import type { Period } from '@lingtan/domain';
import { CARRIER_QUANTITIES, QUANTITIES } from '@lingtan/schema';
import type { BaselineResponse, Meter, QuantityName } from '@lingtan/schema';
import type { TimeSeriesStore } from '@lingtan/store';
import { ApiFailure } from '../http/api-error.js';
import { fieldOf } from './history.js';

const DAY_MS = 86_400_000;
const SLOT_MS = { '15m': 15 * 60_000, '1h': 3_600_000 } as const;

export interface BaselineRequest {
  readonly park: string;
  readonly timeZone: string;
  readonly scope: 'enterprise' | 'meter';
  readonly id: string;
  readonly meters: readonly Meter[];
  readonly quantity: QuantityName;
  readonly date: string;
  readonly weeks: number;
  readonly resolution: '15m' | '1h';
}

/**
 * The meters whose sum is an enterprise's profile of `quantity`: its main meters of carriers
 * that report it, else every such meter. PV and storage are left out: they are generation
 * and storage, not the enterprise's load.
 */
export function profileMeters(meters: readonly Meter[], quantity: QuantityName): Meter[] {
  const able = meters.filter((m) => m.carrier !== 'pv' && m.carrier !== 'storage' && CARRIER_QUANTITIES[m.carrier].includes(quantity));
  const main = able.filter((m) => m.role === 'main');
  return main.length > 0 ? main : able;
}

/** The local day of a `YYYY-MM-DD` date, or 400 when the date does not exist (2026-02-30). */
export function localDay(date: string, timeZone: string): Period {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const noon = zonedToUtcMs({ year, month, day, hour: 12, minute: 0, second: 0 }, timeZone);
  const t = localDateTime(noon, timeZone);
  if (t.year !== year || t.month !== month || t.day !== day) throw new ApiFailure(400, 'invalid_request', `${date} is not a calendar date`, 'date');
  return periodOf('day', noon, timeZone);
}

/**
 * The baseline of one local date: the same weekday of each of the previous `weeks` weeks,
 * read from the hourly or 15-min rollups (power: bucket means, energy: bucket sums), the
 * meters summed per slot, then per slot the median and p10-p90 over the weeks with data.
 */
export async function baselineProfile(store: TimeSeriesStore, r: BaselineRequest): Promise<BaselineResponse> {
  const target = localDay(r.date, r.timeZone);
  const slotMs = SLOT_MS[r.resolution];
  const slotCount = Math.round((target.endMs - target.startMs) / slotMs);
  // Noon of the same weekday k weeks back, so a DST change in between cannot shift the day.
  const days = Array.from({ length: r.weeks }, (_, k) => periodOf('day', target.startMs + 12 * 3_600_000 - 7 * (k + 1) * DAY_MS, r.timeZone));
  const oldest = days[days.length - 1]!;
  const { aggregateField } = fieldOf(r.quantity, 'mean');
  const field = aggregateField!;
  const perMeter = await Promise.all(
    r.meters.map((m) => store.queryAggregates({ park: r.park, enterprise: m.enterprise, meter: m.id, fromMs: oldest.startMs, toMs: target.startMs, resolution: r.resolution, timeZone: r.timeZone })),
  );
  const points = perMeter.flat().flatMap((a) => (a.values[field] === undefined ? [] : [[a.startMs, a.values[field]] as const]));
  const profile = weekdayProfile(
    days.map((d) => slotsOfDay(points, d.startMs, slotMs, slotCount)),
    slotCount,
  );
  return {
    scope: r.scope,
    id: r.id,
    date: r.date,
    timezone: r.timeZone,
    quantity: r.quantity,
    unit: QUANTITIES[r.quantity].unit,
    resolution: r.resolution,
    method: {
      name: 'same_weekday_median',
      weeks: r.weeks,
      minWeeks: BASELINE_MIN_WEEKS,
      dates: days.map((d) => d.label),
      meters: r.meters.map((m) => m.id),
      description: `per ${r.resolution} slot, the median and p10-p90 (linear interpolation) of the same weekday over the previous ${r.weeks} weeks; a slot with fewer than ${BASELINE_MIN_WEEKS} weeks of data has no baseline (null)`,
    },
    slots: profile.map((s, i) => ({ startMs: target.startMs + i * slotMs, ...s })),
  };
}
