import type { RegistryIndex } from '@lingtan/domain';
import { TELEMETRY_SUBSCRIPTION } from '@lingtan/schema';

/** Which share of the park this ingestor takes: partition `index` of `count`. */
export interface Partition {
  readonly index: number;
  readonly count: number;
}

/** FNV-1a: a stable hash, so every replica computes the same partition for an enterprise. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The partition an enterprise belongs to. */
export function partitionOf(enterpriseId: string, count: number): number {
  return hash(enterpriseId) % count;
}

/**
 * The topic filters to subscribe to. One partition: every telemetry topic. Several: one
 * filter per enterprise of this partition, so a meter's readings all reach one ingestor
 * (topics of enterprises not in the registry then reach none, and are not dead-lettered).
 * A shared group prefixes each filter with `$share/{group}/`.
 */
export function subscriptionTopics(registry: RegistryIndex, partition: Partition, shareGroup: string | undefined): string[] {
  const share = (filter: string) => (shareGroup === undefined ? filter : `$share/${shareGroup}/${filter}`);
  if (partition.count === 1) return [share(TELEMETRY_SUBSCRIPTION)];
  return registry.registry.enterprises
    .filter((e) => partitionOf(e.id, partition.count) === partition.index)
    .map((e) => share(`ems/v1/${registry.parkId}/${e.id}/+/telemetry`));
}
