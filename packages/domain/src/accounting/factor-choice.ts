import type { OilFuel, Park, ParkAccounting, ParkSizeClass } from '@lingtan/schema';
import type { CoalEqOptions } from '../energy/coal-equivalent.js';
import { FACTOR_SET, factorOfCategory } from '../factors/factor-set.js';
import type { FactorSet } from '../factors/factor-set.js';
import type { Factor } from '../factors/factor-types.js';
import { FactorLookupError } from '../factors/factor-types.js';
import { gridAverageFactor } from '../carbon/scope2.js';
import type { ResidualSetting, Scope2Settings } from '../carbon/scope2.js';

/** Low-pressure steam heat content of the GB/T 2589 row `ce_steam_lp` (3,763 MJ/t), GJ/t. */
export const DEFAULT_STEAM_GJ_PER_T = 3.763;

/**
 * Everything the energy and carbon functions need to know about a park's choices, resolved
 * from `park.accounting` with the documented defaults. `defaulted` names the keys that took
 * a default, so a report can say "grid factor year: 2023 (default: newest in the data set)".
 */
export interface FactorChoice {
  readonly coalEq: CoalEqOptions;
  readonly scope2: Scope2Settings;
  readonly oilFuel: OilFuel;
  readonly oilFuelByMeter: Readonly<Record<string, OilFuel>>;
  readonly steamGjPerT: number;
  readonly gecCountsAsGreen: boolean;
  /** The configured zero-carbon size class, or `auto` (from the year's tce). */
  readonly sizeClass: ParkSizeClass | 'auto';
  /** Keys of `park.accounting` that were absent and took their default, in schema order. */
  readonly defaulted: readonly (keyof ParkAccounting)[];
  readonly factorSetVersion: string;
}

const PRIMARY_UNITS = { electricity: 'kgce/kWh', heat: 'kgce/MJ', steam: 'kgce/kg' } as const;

/** A park-configured 等价值 coefficient as a factor: graded C (configured, not checked by us). */
function configuredPrimaryFactors(accounting: ParkAccounting): CoalEqOptions['primaryFactors'] {
  const out: Partial<Record<keyof typeof PRIMARY_UNITS, Factor>> = {};
  for (const carrier of ['electricity', 'heat', 'steam'] as const) {
    const configured = accounting.equivalent_factors?.[carrier];
    if (configured === undefined) continue;
    out[carrier] = {
      id: `park_equiv_${carrier}`,
      category: 'coal_eq',
      item: `${carrier}(等价值, park-configured)`,
      value: configured.value,
      unit: PRIMARY_UNITS[carrier],
      dataYear: configured.year ?? null,
      region: null,
      level: null,
      source: { doc: configured.source, issuer: 'park configuration', published: '', locator: 'registry park.accounting.equivalent_factors' },
      confidence: 'C',
      confidenceNote: 'configured by the park; not checked against its source',
      notes: '',
    };
  }
  return out;
}

/** The newest data year the set has for `region`'s MEE/NBS average grid factor. */
function newestGridYear(region: string, set: FactorSet): number {
  const years = set.factors.filter((f) => f.category === 'electricity_co2_location' && f.region === region).map((f) => f.dataYear ?? 0);
  if (years.length === 0) throw new FactorLookupError({ category: 'electricity_co2_location', region }, 'no grid factor for this region in any year');
  return Math.max(...years);
}

function residualOf(configured: string | undefined, year: number, set: FactorSet): ResidualSetting {
  if (configured === 'location_average') return { kind: 'location_average' };
  if (configured !== undefined) return { kind: 'factor', factorId: factorOfCategory(configured, 'electricity_co2_residual', set).id };
  const id = `grid_excl_market_nonfossil_${year}`;
  return set.factors.some((f) => f.id === id) ? { kind: 'factor', factorId: id } : { kind: 'location_average' };
}

/** Every key of `park.accounting`, in schema order (for `defaulted`). */
const parkAccountingKeys: Readonly<Record<keyof ParkAccounting, true>> = {
  province: true,
  grid_factor_year: true,
  coal_basis: true,
  natural_gas_factor: true,
  residual: true,
  size_class: true,
  equivalent_factors: true,
  oil_fuel: true,
  oil_fuel_by_meter: true,
  steam_gj_per_t: true,
  gec_counts_as_green: true,
};

/**
 * The park's factor choice from `park.accounting` (registry). Defaults: region =
 * accounting.province, else park.province, else park.grid_region, else 全国; grid year =
 * the newest in the factor set for that region; 当量值; ce_ng_oilfield; residual =
 * grid_excl_market_nonfossil_<year> when the set has it, else the location average;
 * diesel for oil meters; 3.763 GJ/t steam; GECs count as green; size class from the tce.
 * Fails fast (FactorLookupError) when a chosen factor is not in the set.
 */
export function factorChoiceOf(park: Park, set: FactorSet = FACTOR_SET): FactorChoice {
  const a: ParkAccounting = park.accounting ?? {};
  const defaulted = (Object.keys(parkAccountingKeys) as (keyof ParkAccounting)[]).filter((k) => a[k] === undefined);
  const gridRegion = a.province ?? park.province ?? park.grid_region ?? '全国';
  const gridYear = a.grid_factor_year ?? newestGridYear(gridRegion, set);
  gridAverageFactor(gridRegion, gridYear, set);
  const coalEq: CoalEqOptions = {
    basis: a.coal_basis === '等价值' ? 'primary' : 'calorific',
    naturalGasFactorId: a.natural_gas_factor ?? 'ce_ng_oilfield',
    primaryFactors: configuredPrimaryFactors(a),
    set,
  };
  return {
    coalEq,
    scope2: { gridRegion, gridYear, residual: residualOf(a.residual, gridYear, set), set },
    oilFuel: a.oil_fuel ?? 'diesel',
    oilFuelByMeter: a.oil_fuel_by_meter ?? {},
    steamGjPerT: a.steam_gj_per_t ?? DEFAULT_STEAM_GJ_PER_T,
    gecCountsAsGreen: a.gec_counts_as_green ?? true,
    sizeClass: a.size_class ?? 'auto',
    defaulted,
    factorSetVersion: set.version,
  };
}
