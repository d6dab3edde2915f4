import { FACTOR_SET, factorOfCategory } from '../factors/factor-set.js';
import type { FactorSet } from '../factors/factor-set.js';
import type { Factor } from '../factors/factor-types.js';
import { FactorLookupError } from '../factors/factor-types.js';
import { provenanceOf } from '../factors/provenance.js';
import type { Provenance } from '../factors/provenance.js';

/** Fuels metered by mass, in kg on the wire (`oil_mass_kg`). */
export type MassEnergyItem = 'diesel' | 'gasoline' | 'fuel_oil' | 'lpg' | 'raw_coal' | 'coke';

/** An amount of one energy carrier, in the unit the wire uses for it (the field name says which). */
export type EnergyAmount =
  | { readonly item: 'electricity'; readonly kwh: number }
  | { readonly item: 'heat'; readonly gj: number }
  | { readonly item: 'steam'; readonly t: number }
  | { readonly item: 'natural_gas'; readonly nm3: number }
  | { readonly item: MassEnergyItem; readonly kg: number };

export type EnergyItem = EnergyAmount['item'];

/**
 * GB/T 2589-2020: `calorific` is the 当量值 basis (the energy's own heat content),
 * `primary` the 等价值 basis (primary energy spent to make a secondary carrier), which
 * needs a configured factor per secondary carrier (electricity, heat, steam).
 */
export type CoalEqBasis = 'calorific' | 'primary';

/** Which coefficients a park uses. */
export interface CoalEqOptions {
  readonly basis: CoalEqBasis;
  /** GB/T 2589 gives two natural-gas rows; the park picks the one matching its gas (NCV). */
  readonly naturalGasFactorId: 'ce_ng_gasfield' | 'ce_ng_oilfield';
  /** 等价值 factors (category `coal_eq`, same units as the 当量值 rows), configured per park and year. */
  readonly primaryFactors?: Partial<Record<'electricity' | 'heat' | 'steam', Factor>>;
  readonly set?: FactorSet;
}

/** One converted amount. */
export interface TceResult {
  readonly tce: number;
  readonly factorId: string;
}

const SECONDARY = new Set<EnergyItem>(['electricity', 'heat', 'steam']);

/** Factor id on the 当量值 basis; the unit the factor is in, and wire-unit -> factor-unit multiplier. */
const CALORIFIC: Readonly<Record<Exclude<EnergyItem, 'natural_gas'>, string>> = {
  electricity: 'ce_elec_equiv',
  heat: 'ce_heat',
  steam: 'ce_steam_lp',
  diesel: 'ce_diesel',
  gasoline: 'ce_gasoline',
  fuel_oil: 'ce_fuel_oil',
  lpg: 'ce_lpg',
  raw_coal: 'ce_raw_coal',
  coke: 'ce_coke',
};

/** [factor unit, factor-unit amount per wire-unit amount]: GJ -> MJ is x1000, t -> kg x1000. */
function factorUnitOf(item: EnergyItem): readonly [string, number] {
  switch (item) {
    case 'electricity':
      return ['kgce/kWh', 1];
    case 'heat':
      return ['kgce/MJ', 1000];
    case 'steam':
      return ['kgce/kg', 1000];
    case 'natural_gas':
      return ['kgce/m3', 1];
    case 'diesel':
    case 'gasoline':
    case 'fuel_oil':
    case 'lpg':
    case 'raw_coal':
    case 'coke':
      return ['kgce/kg', 1];
  }
}

/** The wire-unit quantity of an amount. */
export function wireQuantity(amount: EnergyAmount): number {
  switch (amount.item) {
    case 'electricity':
      return amount.kwh;
    case 'heat':
      return amount.gj;
    case 'steam':
      return amount.t;
    case 'natural_gas':
      return amount.nm3;
    case 'diesel':
    case 'gasoline':
    case 'fuel_oil':
    case 'lpg':
    case 'raw_coal':
    case 'coke':
      return amount.kg;
  }
}

/** The standard-coal coefficient for `item` under `options`; throws when none is configured. */
export function coalEqFactor(item: EnergyItem, options: CoalEqOptions): Factor {
  const set = options.set ?? FACTOR_SET;
  let factor: Factor;
  if (options.basis === 'primary' && SECONDARY.has(item)) {
    const configured = options.primaryFactors?.[item as 'electricity' | 'heat' | 'steam'];
    if (configured === undefined) {
      throw new FactorLookupError({ category: 'coal_eq', item, basis: 'primary' }, '等价值 basis needs a configured factor for this carrier');
    }
    factor = configured;
  } else {
    const id = item === 'natural_gas' ? options.naturalGasFactorId : CALORIFIC[item];
    factor = factorOfCategory(id, 'coal_eq', set);
  }
  const [unit] = factorUnitOf(item);
  if (factor.category !== 'coal_eq' || factor.unit !== unit) {
    throw new FactorLookupError({ id: factor.id, item }, `expected a coal_eq factor in ${unit}, got ${factor.category} in ${factor.unit}`);
  }
  return factor;
}

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`${what} must be a finite number, got ${value}`);
}

/** GB/T 2589-2020 §4: tce = amount x coefficient (kgce per unit) / 1000. */
export function toTce(amount: EnergyAmount, options: CoalEqOptions): TceResult {
  const quantity = wireQuantity(amount);
  assertFinite(quantity, `${amount.item} amount`);
  const factor = coalEqFactor(amount.item, options);
  const [, perWireUnit] = factorUnitOf(amount.item);
  return { tce: (quantity * perWireUnit * factor.value) / 1000, factorId: factor.id };
}

/** The inverse of `toTce`: the wire-unit amount of `item` worth `tce`. */
export function fromTce(item: EnergyItem, tce: number, options: CoalEqOptions): EnergyAmount {
  assertFinite(tce, 'tce');
  const factor = coalEqFactor(item, options);
  const [, perWireUnit] = factorUnitOf(item);
  return energyAmount(item, (tce * 1000) / (perWireUnit * factor.value));
}

const MASS_ITEMS: ReadonlySet<EnergyItem> = new Set(['diesel', 'gasoline', 'fuel_oil', 'lpg', 'raw_coal', 'coke']);

function isMassItem(item: EnergyItem): item is MassEnergyItem {
  return MASS_ITEMS.has(item);
}

/** An amount of `item` of `quantity` in the item's wire unit (kWh, GJ, t, Nm3 or kg). */
export function energyAmount(item: EnergyItem, quantity: number): EnergyAmount {
  if (isMassItem(item)) return { item, kg: quantity };
  switch (item) {
    case 'electricity':
      return { item, kwh: quantity };
    case 'heat':
      return { item, gj: quantity };
    case 'steam':
      return { item, t: quantity };
    case 'natural_gas':
      return { item, nm3: quantity };
  }
}

/** 综合能耗 of a set of amounts: the total, the part per carrier, and the factors used. */
export interface ComprehensiveEnergy {
  readonly tce: number;
  readonly byItem: Readonly<Partial<Record<EnergyItem, number>>>;
  readonly basis: CoalEqBasis;
  readonly provenance: Provenance;
}

/**
 * Comprehensive energy consumption (综合能耗) in tce, GB/T 2589-2020: the sum of each
 * carrier converted to standard coal. Inputs are what the meter, enterprise or park
 * consumed in the period; energy exported or recovered is not subtracted here.
 */
export function comprehensiveEnergy(amounts: readonly EnergyAmount[], options: CoalEqOptions): ComprehensiveEnergy {
  const byItem: Partial<Record<EnergyItem, number>> = {};
  const factors: Factor[] = [];
  let tce = 0;
  for (const amount of amounts) {
    const part = toTce(amount, options);
    tce += part.tce;
    byItem[amount.item] = (byItem[amount.item] ?? 0) + part.tce;
    factors.push(coalEqFactor(amount.item, options));
  }
  return { tce, byItem, basis: options.basis, provenance: provenanceOf(factors, (options.set ?? FACTOR_SET).version) };
}
