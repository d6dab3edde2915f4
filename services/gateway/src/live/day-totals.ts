import { addActivity, addPoint, carbonTotals, emptyActivity, periodOf } from '@lingtan/domain';
import type { ActivitySum, CarbonTotals, FactorChoice, GreenHour, Period, RegistryIndex } from '@lingtan/domain';
import { DELTA_SUFFIX } from '@lingtan/schema';
import type { Meter } from '@lingtan/schema';
import type { MeterRoles } from './meter-roles.js';

/** One site's electricity in one local hour, kWh (the inputs of `greenShares`). */
interface HourSums {
  loadKwh: number;
  pvKwh: number;
  chargeKwh: number;
  dischargeKwh: number;
}

/** The park as one site in the hourly sums (enterprise ids never are empty). */
export const PARK_SITE = '';

/**
 * Today's running totals from interval deltas (`d` of each normalized reading): activity
 * per accounting meter (tce and CO2 through `carbonTotals`), hourly electricity sums per
 * enterprise and for the park (green shares), and output value per enterprise (intensity).
 * A delta stamped t covers the interval ending at t, so it counts in the day and hour with
 * start < t <= end, as `totalsByPeriod` counts it; deltas outside today are not counted here.
 */
export class DayTotals {
  private readonly byMeter = new Map<string, ActivitySum>();
  private readonly hours = new Map<string, Map<number, HourSums>>();
  private readonly outputCny = new Map<string, number>();
  private hourCache: { readonly startMs: number; readonly endMs: number } = { startMs: 0, endMs: 0 };

  constructor(
    readonly day: Period,
    private readonly index: RegistryIndex,
    private roles: MeterRoles,
    private choice: FactorChoice,
  ) {}

  /**
   * Follow a registry change without losing today: counting goes on with the new roles and
   * factor choice, and activity of meters that no longer count (removed, or now a sub-meter
   * inside another's figure) leaves the totals. Hourly sums stay (they were metered today).
   */
  retarget(roles: MeterRoles, choice: FactorChoice): void {
    this.roles = roles;
    this.choice = choice;
    for (const id of [...this.byMeter.keys()]) if (!roles.accounting.has(id)) this.byMeter.delete(id);
  }

  /** Add one reading's deltas (quantity -> delta, e.g. `energy_import_kwh: 12.5`); false when outside today. */
  add(meter: Meter, tsMs: number, deltas: Readonly<Record<string, number>>): boolean {
    if (!(this.day.startMs < tsMs && tsMs <= this.day.endMs)) return false;
    if (this.roles.accounting.has(meter.id)) {
      const sum = this.byMeter.get(meter.id) ?? emptyActivity();
      const values: Record<string, number> = {};
      for (const q in deltas) values[`${q}${DELTA_SUFFIX}`] = deltas[q]!;
      if (addPoint(sum, { enterprise: meter.enterprise, meter: meter.id, carrier: meter.carrier, tsMs, values }, this.choice)) this.byMeter.set(meter.id, sum);
      if (meter.carrier === 'electricity') this.addHour(meter.enterprise, tsMs, 'loadKwh', deltas['energy_import_kwh']);
    } else if (this.roles.pv.has(meter.id)) {
      this.addHour(meter.enterprise, tsMs, 'pvKwh', deltas['energy_generated_kwh']);
    } else if (this.roles.storage.has(meter.id)) {
      this.addHour(meter.enterprise, tsMs, 'chargeKwh', deltas['energy_charged_kwh']);
      this.addHour(meter.enterprise, tsMs, 'dischargeKwh', deltas['energy_discharged_kwh']);
    } else if (this.roles.production.has(meter.id)) {
      const cny = deltas['output_value_cny'];
      if (cny !== undefined) this.outputCny.set(meter.enterprise, (this.outputCny.get(meter.enterprise) ?? 0) + cny);
    }
    return true;
  }

  private addHour(enterprise: string, tsMs: number, key: keyof HourSums, kwh: number | undefined): void {
    if (kwh === undefined || !Number.isFinite(kwh) || kwh < 0) return;
    // Hours change rarely compared with readings: reuse the last hour's bounds.
    if (!(this.hourCache.startMs < tsMs && tsMs <= this.hourCache.endMs)) {
      const hour = periodOf('hour', tsMs - 1, this.index.registry.park.timezone);
      this.hourCache = { startMs: hour.startMs, endMs: hour.endMs };
    }
    for (const site of [enterprise, PARK_SITE]) {
      let bySite = this.hours.get(site);
      if (bySite === undefined) this.hours.set(site, (bySite = new Map<number, HourSums>()));
      let sums = bySite.get(this.hourCache.startMs);
      if (sums === undefined) bySite.set(this.hourCache.startMs, (sums = { loadKwh: 0, pvKwh: 0, chargeKwh: 0, dischargeKwh: 0 }));
      sums[key] += kwh;
    }
  }

  /** tce and CO2 of an enterprise today (its accounting meters' summed activity). */
  enterpriseTotals(enterprise: string): CarbonTotals {
    const sum = emptyActivity();
    for (const m of this.index.metersOf(enterprise)) {
      const activity = this.byMeter.get(m.id);
      if (activity !== undefined) addActivity(sum, activity);
    }
    return carbonTotals(sum, this.choice);
  }

  /** tce and CO2 of the park today: the sum of every accounting meter's activity. */
  parkTotals(): CarbonTotals {
    const sum = emptyActivity();
    for (const activity of this.byMeter.values()) addActivity(sum, activity);
    return carbonTotals(sum, this.choice);
  }

  /** The site's hours today, sorted (an enterprise id, or `PARK_SITE`). */
  greenHours(site: string): GreenHour[] {
    const bySite = this.hours.get(site);
    if (bySite === undefined) return [];
    return [...bySite.entries()].sort(([a], [b]) => a - b).map(([startMs, s]) => ({ startMs, ...s }));
  }

  /** Output value (CNY) metered today by the enterprise's production meters. */
  outputValueCny(enterprise: string): number {
    return this.outputCny.get(enterprise) ?? 0;
  }
}
