import type { ConfidenceGrade, Factor, FactorCategory, FactorSource, FuelParameters } from './factor-types.js';

/** Builds one data-set row from a reference row's columns, in the reference file's order. */
export function row(
  id: string,
  category: FactorCategory,
  item: string,
  value: number,
  unit: string,
  dataYear: number | null,
  source: FactorSource,
  confidence: ConfidenceGrade,
  confidenceNote: string,
  notes: string,
  fuel?: FuelParameters,
): Factor {
  const base = { id, category, item, value, unit, dataYear, region: null, level: null, source, confidence, confidenceNote, notes };
  return fuel === undefined ? base : { ...base, fuel };
}
