import type { ParkSizeClass } from '@lingtan/schema';
import { toTce } from '../energy/coal-equivalent.js';
import type { CoalEqOptions } from '../energy/coal-equivalent.js';
import { coalEqFactor } from '../energy/coal-equivalent.js';
import { FACTOR_SET } from '../factors/factor-set.js';
import { mergeProvenance, provenanceOf } from '../factors/provenance.js';
import type { Provenance } from '../factors/provenance.js';
import { ZERO_CARBON_THRESHOLDS, sizeClassOf, thresholdOfClass } from './thresholds.js';
import type { ZeroCarbonThresholdTable } from './thresholds.js';
import { nonNegative } from '../checks.js';

/** A park's year, as the zero-carbon indicators need it. */
export interface ZeroCarbonInput {
  /** Energy-related CO2 of the park in the year (scope 1 + scope 2), kg. */
  readonly co2Kg: number;
  /** Comprehensive energy consumption (综合能耗) of the year, tce. */
  readonly tce: number;
  /** Provenance of `co2Kg` and `tce`. */
  readonly provenance: Provenance;
  /** Green electricity consumed (e.g. `greenShares(...).annual.greenKwh`), converted on the park's basis. */
  readonly greenElectricityKwh: number;
  /** Other clean energy consumed (biomass, geothermal, solar heat), tce. */
  readonly otherCleanTce?: number;
}

export interface ZeroCarbonOptions {
  readonly coalEq: CoalEqOptions;
  /** The park's configured class, or `auto` (from `tce`). */
  readonly sizeClass: ParkSizeClass | 'auto';
  readonly table?: ZeroCarbonThresholdTable;
}

/** One indicator against its threshold; `meets` is null when there is no value or no threshold. */
export interface IndicatorCheck {
  readonly value: number | null;
  readonly threshold: number | null;
  readonly comparison: '<=' | '>=';
  readonly meets: boolean | null;
  /** True when the threshold's grade or any factor behind the value is below A. */
  readonly provisional: boolean;
}

export interface ZeroCarbonIndicators {
  /** 单位能耗碳排放, tCO2/tce (core indicator). */
  readonly carbonPerEnergy: IndicatorCheck & { readonly sizeClass: ParkSizeClass; readonly sizeClassFrom: 'configured' | 'tce' };
  /** 清洁能源消费占比, 0-1 (guiding indicator). */
  readonly cleanEnergyShare: IndicatorCheck & { readonly cleanTce: number };
  readonly thresholdVersion: string;
  readonly provenance: Provenance;
  readonly provisional: boolean;
}

function check(value: number | null, threshold: number | null, comparison: '<=' | '>=', provisional: boolean): IndicatorCheck {
  const meets = value === null || threshold === null ? null : comparison === '<=' ? value <= threshold : value >= threshold;
  return { value, threshold, comparison, meets, provisional };
}

/**
 * Zero-carbon park indicators (发改环资〔2025〕910号 附件3): 单位能耗碳排放 = tCO2 / tce
 * against the ceiling of the park's size class, and 清洁能源消费占比 = clean tce / total tce
 * (green electricity converted with the park's coal basis) against the floor. Each is
 * provisional when the threshold or a factor behind the value is graded below A.
 */
export function zeroCarbonIndicators(input: ZeroCarbonInput, options: ZeroCarbonOptions): ZeroCarbonIndicators {
  const table = options.table ?? ZERO_CARBON_THRESHOLDS;
  for (const [name, v] of Object.entries({ co2Kg: input.co2Kg, tce: input.tce, greenElectricityKwh: input.greenElectricityKwh, otherCleanTce: input.otherCleanTce })) nonNegative(v, name);
  const row = options.sizeClass === 'auto' ? sizeClassOf(input.tce, table) : thresholdOfClass(options.sizeClass, table);
  const cleanTce = toTce({ item: 'electricity', kwh: input.greenElectricityKwh }, options.coalEq).tce + (input.otherCleanTce ?? 0);
  const elecFactor = coalEqFactor('electricity', options.coalEq);
  const cleanProvenance = mergeProvenance([input.provenance, provenanceOf([elecFactor], (options.coalEq.set ?? FACTOR_SET).version)]);
  const perEnergy = input.tce > 0 ? input.co2Kg / 1000 / input.tce : null;
  const cleanShare = input.tce > 0 ? Math.min(1, cleanTce / input.tce) : null;
  const carbonPerEnergy = {
    ...check(perEnergy, row.maxTco2PerTce, '<=', table.carbonPerEnergyConfidence !== 'A' || input.provenance.provisional),
    sizeClass: row.sizeClass,
    sizeClassFrom: options.sizeClass === 'auto' ? ('tce' as const) : ('configured' as const),
  };
  const cleanEnergyShare = { ...check(cleanShare, table.cleanEnergyShareMin, '>=', table.cleanEnergyShareConfidence !== 'A' || cleanProvenance.provisional), cleanTce };
  return {
    carbonPerEnergy,
    cleanEnergyShare,
    thresholdVersion: table.version,
    provenance: cleanProvenance,
    provisional: carbonPerEnergy.provisional || cleanEnergyShare.provisional,
  };
}
