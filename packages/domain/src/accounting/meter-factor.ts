import type { Meter } from '@lingtan/schema';
import { DELTA_SUFFIX } from '@lingtan/schema';
import type { FactorChoice } from './factor-choice.js';
import { addPoint, carbonTotals, deltaFieldOf, emptyActivity } from './interval-totals.js';

/** What one unit of a meter's energy register is worth in tce and tCO2. */
export interface MeterAccountingFactor {
  /** The cumulative register whose deltas count (e.g. `energy_import_kwh`, `gas_volume_nm3`). */
  readonly quantity: string;
  /** tce per unit of the register (GB/T 2589-2020, the park's basis). */
  readonly tcePerUnit: number;
  /** tCO2 per unit: scope 1 for fuels, scope 2 location-based for grid, heat and steam. */
  readonly tco2PerUnit: number;
}

/**
 * tce and tCO2 per unit of the meter's energy register, by the same conversion as the
 * park's period totals (`carbonTotals`). Every conversion there is a product of the amount
 * and a factor, so a delta times these per-unit figures equals the totals of that delta: a
 * streaming evaluator can convert each reading without summing activities first.
 * Undefined for meters whose carrier is not an energy input (PV, storage, water, ...).
 */
export function meterAccountingFactor(meter: Pick<Meter, 'id' | 'carrier' | 'enterprise'>, choice: FactorChoice): MeterAccountingFactor | undefined {
  const field = deltaFieldOf(meter.carrier);
  if (field === undefined) return undefined;
  const sum = emptyActivity();
  addPoint(sum, { enterprise: meter.enterprise, meter: meter.id, carrier: meter.carrier, tsMs: 0, values: { [field]: 1 } }, choice);
  const one = carbonTotals(sum, choice);
  return { quantity: field.slice(0, -DELTA_SUFFIX.length), tcePerUnit: one.tce, tco2PerUnit: one.co2Kg / 1000 };
}
