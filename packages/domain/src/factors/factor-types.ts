/**
 * Factor categories. Each is a different product from a different method and they are
 * never substituted for one another: the MEE/NBS average grid factor (location-based
 * scope 2), the carbon-market (ETS) grid factor, the product-footprint (PCF, life-cycle)
 * factor, and the rest.
 */
export type FactorCategory =
  | 'electricity_co2_location'
  | 'electricity_co2_residual'
  | 'electricity_co2_fossil'
  | 'electricity_co2_ets'
  | 'electricity_cfp'
  | 'heat_co2'
  | 'coal_eq'
  | 'fuel_co2';

/** Administrative level of a grid factor's region. */
export type GridLevel = 'national' | 'regional' | 'provincial';

/**
 * Confidence grade from the reference file. Only `A` is final; every other grade makes a
 * figure that uses the factor provisional.
 */
export type ConfidenceGrade = 'A' | 'A-' | 'B' | 'C';

/** Where a factor comes from: the document, who issued it, when, and where it was read. */
export interface FactorSource {
  readonly doc: string;
  readonly issuer: string;
  /** As written in the reference (a date, a month or a year); empty when unknown. */
  readonly published: string;
  /** Where the value was read (official URL, transcription). */
  readonly locator: string;
}

/** Fuel parameters per GB/T 32150-2015 Annex A: EF = NCV x CC x OF x 44/12. */
export interface FuelParameters {
  /** Net calorific value, GJ per `perUnit` of fuel. */
  readonly ncvGj: number;
  readonly perUnit: 't' | '10^4Nm3';
  /** Carbon content per unit of heat, tC/GJ. */
  readonly carbonTcPerGj: number;
  /** Oxidation rate, a fraction (0.98 = 98 %). */
  readonly oxidationRate: number;
}

/** One factor of the data set, traceable to one row of the reference file. */
export interface Factor {
  /** The reference row's id, kept unchanged (e.g. `grid_avg_2022_江苏`). */
  readonly id: string;
  readonly category: FactorCategory;
  /** The reference row's description. */
  readonly item: string;
  readonly value: number;
  readonly unit: string;
  /** Year the factor describes; null for coefficients that are not tied to a year. */
  readonly dataYear: number | null;
  /** Grid region name as the issuer writes it (`全国`, `华东`, `江苏`); null otherwise. */
  readonly region: string | null;
  readonly level: GridLevel | null;
  readonly source: FactorSource;
  readonly confidence: ConfidenceGrade;
  /** The reference file's grade text where it says more than the grade. */
  readonly confidenceNote: string;
  readonly notes: string;
  /** Only on `fuel_co2` rows. */
  readonly fuel?: FuelParameters;
}

/** Reference rows left out of the data set on purpose, with the reason. */
export interface WithheldFactor {
  readonly id: string;
  readonly reason: string;
}

/** A factor lookup that found nothing: carbon figures never fall back to zero. */
export class FactorLookupError extends Error {
  readonly code = 'factor_not_found';
  constructor(
    readonly query: Readonly<Record<string, unknown>>,
    detail: string,
  ) {
    super(`no factor for ${JSON.stringify(query)}: ${detail}`);
    this.name = 'FactorLookupError';
  }
}
