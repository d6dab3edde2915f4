import type { Partition, RegistryIndex } from '@lingtan/domain';
import { enterprisesOf } from '@lingtan/domain';
import { TELEMETRY_SUBSCRIPTION } from '@lingtan/schema';

/**
 * The topic filters to subscribe to. One partition: every telemetry topic. Several: one
 * filter per enterprise of this partition, so a meter's readings all reach one ingestor
 * (topics of enterprises not in the registry then reach none, and are not dead-lettered).
 * A shared group prefixes each filter with `$share/{group}/`.
 */
export function subscriptionTopics(registry: RegistryIndex, partition: Partition, shareGroup: string | undefined): string[] {
  const share = (filter: string) => (shareGroup === undefined ? filter : `$share/${shareGroup}/${filter}`);
  if (partition.count === 1) return [share(TELEMETRY_SUBSCRIPTION)];
  return enterprisesOf(registry, partition).map((id) => share(`ems/v1/${registry.parkId}/${id}/+/telemetry`));
}
