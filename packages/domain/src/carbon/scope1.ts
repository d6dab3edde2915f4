import { FACTOR_SET, factorOfCategory } from '../factors/factor-set.js';
import type { FactorSet } from '../factors/factor-set.js';
import type { Factor, FuelParameters } from '../factors/factor-types.js';
import { provenanceOf } from '../factors/provenance.js';
import type { Provenance } from '../factors/provenance.js';

/** Fuels with GB/T 32150-2015 default parameters in the factor set. */
export type FuelKind =
  | 'natural_gas'
  | 'diesel'
  | 'gasoline'
  | 'fuel_oil'
  | 'lpg'
  | 'coke'
  | 'anthracite'
  | 'bituminous'
  | 'lignite';

/** Measured parameters that replace the defaults (GB/T 32150-2015 prefers measured NCV and carbon content). */
export type MeasuredFuelParameters = Partial<Pick<FuelParameters, 'ncvGj' | 'carbonTcPerGj' | 'oxidationRate'>>;

/** Fuel burned on site, in its wire unit: natural gas in Nm3, the others in kg. */
export type FuelAmount = (
  | { readonly fuel: 'natural_gas'; readonly nm3: number }
  | { readonly fuel: Exclude<FuelKind, 'natural_gas'>; readonly kg: number }
) & { readonly measured?: MeasuredFuelParameters };

/** Scope 1 CO2 from fuel combustion. */
export interface FuelCo2 {
  readonly co2Kg: number;
  readonly byFuel: Readonly<Partial<Record<FuelKind, number>>>;
  /** Fuels for which a measured parameter replaced a default. */
  readonly measuredFuels: readonly FuelKind[];
  readonly provenance: Provenance;
}

/** 44/12: mass of CO2 per mass of carbon. */
const CO2_PER_C = 44 / 12;

/** The fuel's default parameters, from the factor set (`fuel_<kind>`). */
export function fuelFactor(fuel: FuelKind, set: FactorSet = FACTOR_SET): Factor & { readonly fuel: FuelParameters } {
  const factor = factorOfCategory(`fuel_${fuel}`, 'fuel_co2', set);
  const params = factor.fuel;
  if (params === undefined) throw new Error(`factor ${factor.id} has no fuel parameters`);
  return { ...factor, fuel: params };
}

/** Amount in the unit the NCV is given per (t, or 10^4 Nm3 for natural gas). */
function amountInNcvUnit(amount: FuelAmount): number {
  return amount.fuel === 'natural_gas' ? amount.nm3 / 10_000 : amount.kg / 1000;
}

/**
 * CO2 of one fuel amount, kg: GB/T 32150-2015 §6 and Annex A,
 * E = AD x EF, AD = FC x NCV (GJ), EF = CC (tC/GJ) x OF x 44/12.
 */
export function fuelAmountCo2Kg(amount: FuelAmount, set: FactorSet = FACTOR_SET): number {
  const q = amountInNcvUnit(amount);
  if (!Number.isFinite(q)) throw new RangeError(`${amount.fuel} amount must be finite`);
  const defaults = fuelFactor(amount.fuel, set).fuel;
  const p = { ...defaults, ...amount.measured };
  const activityGj = q * p.ncvGj;
  return activityGj * p.carbonTcPerGj * p.oxidationRate * CO2_PER_C * 1000;
}

/** Scope 1 CO2 from stationary and mobile fuel combustion (GB/T 32150-2015), with the factors used. */
export function fuelCombustionCo2(amounts: readonly FuelAmount[], set: FactorSet = FACTOR_SET): FuelCo2 {
  const byFuel: Partial<Record<FuelKind, number>> = {};
  const measured = new Set<FuelKind>();
  const factors: Factor[] = [];
  let co2Kg = 0;
  for (const amount of amounts) {
    const part = fuelAmountCo2Kg(amount, set);
    co2Kg += part;
    byFuel[amount.fuel] = (byFuel[amount.fuel] ?? 0) + part;
    factors.push(fuelFactor(amount.fuel, set));
    if (amount.measured !== undefined && Object.keys(amount.measured).length > 0) measured.add(amount.fuel);
  }
  return { co2Kg, byFuel, measuredFuels: [...measured].sort(), provenance: provenanceOf(factors, set.version) };
}
