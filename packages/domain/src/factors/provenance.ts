import { FACTOR_SET_VERSION } from './factor-set.js';
import type { Factor } from './factor-types.js';

/** What a figure was computed from: the factor ids, the data-set version, and whether it is final. */
export interface Provenance {
  /** Sorted, without duplicates. */
  readonly factorIds: readonly string[];
  readonly factorSetVersion: string;
  /** True when any factor used has a confidence grade other than A. */
  readonly provisional: boolean;
}

/** Provenance of a figure computed from `factors` (data set `version`). */
export function provenanceOf(factors: readonly Factor[], version: string = FACTOR_SET_VERSION): Provenance {
  return {
    factorIds: [...new Set(factors.map((f) => f.id))].sort(),
    factorSetVersion: version,
    provisional: factors.some((f) => f.confidence !== 'A'),
  };
}

/**
 * Provenance of a sum of figures. Figures from different data-set versions are never added:
 * that would hide which factors a total used.
 */
export function mergeProvenance(parts: readonly Provenance[]): Provenance {
  const [first] = parts;
  if (first === undefined) return { factorIds: [], factorSetVersion: FACTOR_SET_VERSION, provisional: false };
  const versions = new Set(parts.map((p) => p.factorSetVersion));
  if (versions.size > 1) {
    throw new Error(`cannot add figures from factor sets ${[...versions].join(', ')}; recompute them with one version`);
  }
  return {
    factorIds: [...new Set(parts.flatMap((p) => p.factorIds))].sort(),
    factorSetVersion: first.factorSetVersion,
    provisional: parts.some((p) => p.provisional),
  };
}
