import type { RegistryIndex } from './registry-index.js';

/** A share of the park's enterprises: partition `index` of `count` (0-based). */
export interface Partition {
  readonly index: number;
  readonly count: number;
}

/** The whole park. */
export const WHOLE_PARK: Partition = { index: 0, count: 1 };

/** FNV-1a: a stable hash, so every instance computes the same partition for an enterprise. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The partition an enterprise belongs to. */
export function partitionOf(enterpriseId: string, count: number): number {
  return fnv1a(enterpriseId) % count;
}

/**
 * The enterprises a partition owns, in registry order. Services that keep state per meter
 * (ingestor counters, rule trackers) scale out by owning whole enterprises, so every
 * reading of a meter reaches the one instance that holds its state.
 */
export function enterprisesOf(registry: RegistryIndex, partition: Partition): string[] {
  return registry.registry.enterprises.map((e) => e.id).filter((id) => partitionOf(id, partition.count) === partition.index);
}
