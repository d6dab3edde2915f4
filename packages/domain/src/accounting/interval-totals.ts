import type { Carrier, OilFuel } from '@lingtan/schema';
import { DELTA_SUFFIX } from '@lingtan/schema';
import { fuelCombustionCo2 } from '../carbon/scope1.js';
import type { FuelAmount } from '../carbon/scope1.js';
import { gridAverageFactor } from '../carbon/scope2.js';
import { comprehensiveEnergy } from '../energy/coal-equivalent.js';
import type { EnergyAmount } from '../energy/coal-equivalent.js';
import { FACTOR_SET, factorOfCategory } from '../factors/factor-set.js';
import { mergeProvenance, provenanceOf } from '../factors/provenance.js';
import type { Provenance } from '../factors/provenance.js';
import type { FactorChoice } from './factor-choice.js';

/**
 * One stored point with interval deltas of cumulative registers (`{quantity}_delta`
 * fields, e.g. `energy_import_kwh_delta`). Structurally a `TelemetryPoint` of @lingtan/store.
 */
export interface DeltaPoint {
  readonly enterprise: string;
  readonly meter: string;
  readonly carrier: Carrier;
  readonly tsMs: number;
  readonly values: Readonly<Record<string, number>>;
}

/** Activity of a meter, enterprise or park in a period, in wire units. */
export interface Activity {
  readonly electricityImportKwh: number;
  readonly heatGj: number;
  readonly steamT: number;
  readonly naturalGasNm3: number;
  readonly oilKg: Readonly<Partial<Record<OilFuel, number>>>;
}

/** tce and CO2 of an activity; CO2 is scope 1 (fuels) + scope 2 location-based (grid, heat, steam). */
export interface CarbonTotals {
  readonly activity: Activity;
  readonly tce: number;
  readonly scope1Co2Kg: number;
  readonly scope2LocationCo2Kg: number;
  readonly co2Kg: number;
  readonly provenance: Provenance;
}

/** Which delta field feeds which activity, per carrier. Cooling, water and outputs are not energy inputs. */
const DELTA_FIELD: Readonly<Partial<Record<Carrier, string>>> = {
  electricity: `energy_import_kwh${DELTA_SUFFIX}`,
  heat: `heat_energy_gj${DELTA_SUFFIX}`,
  steam: `steam_mass_t${DELTA_SUFFIX}`,
  gas: `gas_volume_nm3${DELTA_SUFFIX}`,
  oil: `oil_mass_kg${DELTA_SUFFIX}`,
};

/** The interval-delta field that carries a carrier's consumed energy (e.g. `energy_import_kwh_delta`), or undefined for carriers that are not energy inputs. */
export const deltaFieldOf = (carrier: Carrier): string | undefined => DELTA_FIELD[carrier];

/** Carriers whose meters carry energy a park consumes. */
export const ENERGY_CARRIERS: readonly Carrier[] = Object.keys(DELTA_FIELD) as Carrier[];

/** A mutable activity accumulator. */
export interface ActivitySum {
  electricityImportKwh: number;
  heatGj: number;
  steamT: number;
  naturalGasNm3: number;
  oilKg: Partial<Record<OilFuel, number>>;
}

/** An empty accumulator. */
export function emptyActivity(): ActivitySum {
  return { electricityImportKwh: 0, heatGj: 0, steamT: 0, naturalGasNm3: 0, oilKg: {} };
}

/** Add one point's delta to `sum`; returns false when the point has no energy delta. */
export function addPoint(sum: ActivitySum, point: DeltaPoint, choice: FactorChoice): boolean {
  const field = DELTA_FIELD[point.carrier];
  const delta = field === undefined ? undefined : point.values[field];
  if (delta === undefined) return false;
  if (!Number.isFinite(delta)) throw new RangeError(`${point.meter} ${field}: delta must be finite, got ${delta}`);
  switch (point.carrier) {
    case 'electricity':
      sum.electricityImportKwh += delta;
      return true;
    case 'heat':
      sum.heatGj += delta;
      return true;
    case 'steam':
      sum.steamT += delta;
      return true;
    case 'gas':
      sum.naturalGasNm3 += delta;
      return true;
    case 'oil': {
      const fuel = choice.oilFuelByMeter[point.meter] ?? choice.oilFuel;
      sum.oilKg[fuel] = (sum.oilKg[fuel] ?? 0) + delta;
      return true;
    }
    case 'cooling':
    case 'water':
    case 'pv':
    case 'storage':
    case 'distribution':
    case 'production':
      return false;
  }
}

/** Add `b` into `a`. */
export function addActivity(a: ActivitySum, b: Activity): void {
  a.electricityImportKwh += b.electricityImportKwh;
  a.heatGj += b.heatGj;
  a.steamT += b.steamT;
  a.naturalGasNm3 += b.naturalGasNm3;
  for (const [fuel, kg] of Object.entries(b.oilKg) as [OilFuel, number][]) a.oilKg[fuel] = (a.oilKg[fuel] ?? 0) + kg;
}

function energyAmounts(a: Activity): EnergyAmount[] {
  const out: EnergyAmount[] = [];
  if (a.electricityImportKwh !== 0) out.push({ item: 'electricity', kwh: a.electricityImportKwh });
  if (a.heatGj !== 0) out.push({ item: 'heat', gj: a.heatGj });
  if (a.steamT !== 0) out.push({ item: 'steam', t: a.steamT });
  if (a.naturalGasNm3 !== 0) out.push({ item: 'natural_gas', nm3: a.naturalGasNm3 });
  for (const [fuel, kg] of Object.entries(a.oilKg) as [OilFuel, number][]) if (kg !== 0) out.push({ item: fuel, kg });
  return out;
}

function fuelAmounts(a: Activity): FuelAmount[] {
  const out: FuelAmount[] = [];
  if (a.naturalGasNm3 !== 0) out.push({ fuel: 'natural_gas', nm3: a.naturalGasNm3 });
  for (const [fuel, kg] of Object.entries(a.oilKg) as [OilFuel, number][]) if (kg !== 0) out.push({ fuel, kg });
  return out;
}

/**
 * tce (GB/T 2589-2020, the park's basis) and CO2 of an activity: scope 1 from gas and oil
 * (GB/T 32150-2015), scope 2 location-based from grid import, heat, and steam at the
 * park's enthalpy (GJ/t) x the heat factor. Carriers with no activity add no factor.
 */
export function carbonTotals(activity: Activity, choice: FactorChoice): CarbonTotals {
  const set = choice.scope2.set ?? FACTOR_SET;
  const energy = comprehensiveEnergy(energyAmounts(activity), choice.coalEq);
  const scope1 = fuelCombustionCo2(fuelAmounts(activity), set);
  const parts: Provenance[] = [energy.provenance, scope1.provenance];
  let scope2LocationCo2Kg = 0;
  if (activity.electricityImportKwh !== 0) {
    const grid = gridAverageFactor(choice.scope2.gridRegion, choice.scope2.gridYear, set);
    scope2LocationCo2Kg += activity.electricityImportKwh * grid.value;
    parts.push(provenanceOf([grid], set.version));
  }
  const heatGj = activity.heatGj + activity.steamT * choice.steamGjPerT;
  if (heatGj !== 0) {
    const heat = factorOfCategory(choice.scope2.heatFactorId ?? 'heat_default', 'heat_co2', set);
    // NDRC guidelines: tCO2/GJ x GJ x 1000 = kg
    scope2LocationCo2Kg += heatGj * heat.value * 1000;
    parts.push(provenanceOf([heat], set.version));
  }
  return {
    activity,
    tce: energy.tce,
    scope1Co2Kg: scope1.co2Kg,
    scope2LocationCo2Kg,
    co2Kg: scope1.co2Kg + scope2LocationCo2Kg,
    provenance: mergeProvenance(parts.filter((p) => p.factorIds.length > 0)),
  };
}
