import { COAL_EQ_FACTORS } from './coal-eq-factors.js';
import { EMISSION_FACTORS } from './emission-factors.js';
import type { Factor, FactorCategory, WithheldFactor } from './factor-types.js';
import { FactorLookupError } from './factor-types.js';
import { GRID_AVERAGE_FACTORS, WITHHELD_GRID_FACTORS } from './grid-factors.js';

/**
 * Version of the factor data set. Bump it whenever a value, grade or row changes: every
 * carbon figure names the version it was computed with (factor-set.test.ts pins a checksum
 * of the values to this version, so a silent edit fails the tests).
 */
export const FACTOR_SET_VERSION = 'lingtan-cn-factors@2026.1';

/** A versioned, read-only factor data set. */
export interface FactorSet {
  readonly version: string;
  /** Where the rows come from. */
  readonly derivedFrom: string;
  readonly factors: readonly Factor[];
  readonly withheld: readonly WithheldFactor[];
}

/** The project's factor data set, derived from `shared/reference/factors-sourced.csv`. */
export const FACTOR_SET: FactorSet = Object.freeze({
  version: FACTOR_SET_VERSION,
  derivedFrom: 'shared/reference/factors-sourced.csv',
  factors: Object.freeze([...GRID_AVERAGE_FACTORS, ...COAL_EQ_FACTORS, ...EMISSION_FACTORS]),
  withheld: WITHHELD_GRID_FACTORS,
});

/** A factor query: category is required, the rest narrows. */
export interface FactorQuery {
  readonly category: FactorCategory;
  /** Grid region as the issuer writes it (`全国`, `华东`, `江苏`). */
  readonly region?: string;
  /** Data year; matched exactly, never the nearest year. */
  readonly year?: number;
  readonly id?: string;
}

function withheldReason(set: FactorSet, query: FactorQuery): string | undefined {
  if (query.region === undefined || query.year === undefined) return undefined;
  const id = `grid_avg_${query.year}_${query.region}`;
  return set.withheld.find((w) => w.id === id)?.reason;
}

function describeAvailable(inCategory: readonly Factor[], query: FactorQuery): string {
  if (inCategory.length === 0) return 'the category is empty';
  const sameRegion = inCategory.filter((f) => f.region === query.region);
  if (query.region !== undefined && sameRegion.length > 0) {
    return `years available for ${query.region}: ${sameRegion.map((f) => f.dataYear ?? '-').join(', ')}`;
  }
  const regions = [...new Set(inCategory.map((f) => f.region ?? '-'))];
  return `regions available: ${regions.join(', ')}`;
}

/**
 * The one factor matching `query`. Throws `FactorLookupError` when none matches (with what
 * is available) or when more than one does: a missing factor is never a silent zero.
 */
export function findFactor(query: FactorQuery, set: FactorSet = FACTOR_SET): Factor {
  const inCategory = set.factors.filter((f) => f.category === query.category);
  const matches = inCategory.filter(
    (f) =>
      (query.region === undefined || f.region === query.region) &&
      (query.year === undefined || f.dataYear === query.year) &&
      (query.id === undefined || f.id === query.id),
  );
  const [only, second] = matches;
  if (only !== undefined && second === undefined) return only;
  if (only !== undefined) {
    throw new FactorLookupError({ ...query }, `ambiguous, ${matches.length} factors match (${matches.map((f) => f.id).join(', ')})`);
  }
  const withheld = withheldReason(set, query);
  throw new FactorLookupError({ ...query }, withheld ?? describeAvailable(inCategory, query));
}

/** The factor with this id; throws `FactorLookupError` when the set has none. */
export function factorById(id: string, set: FactorSet = FACTOR_SET): Factor {
  const found = set.factors.find((f) => f.id === id);
  if (found !== undefined) return found;
  const withheld = set.withheld.find((w) => w.id === id);
  throw new FactorLookupError({ id }, withheld?.reason ?? `not in ${set.version}`);
}

/**
 * The factor with this id, checked to be of `category`: a carbon-market or footprint factor
 * asked for where an average grid factor belongs is refused, not used.
 */
export function factorOfCategory(id: string, category: FactorCategory, set: FactorSet = FACTOR_SET): Factor {
  const factor = factorById(id, set);
  if (factor.category !== category) {
    throw new FactorLookupError({ id, category }, `factor is ${factor.category}, not ${category}`);
  }
  return factor;
}
