import type { LiveRegistry, RegistryIndex } from '@lingtan/domain';

/**
 * Whether a registry index can change while the gateway runs (`createLiveRegistry`). Tests
 * and tools may build the gateway over a fixed `indexRegistry`; code that derives state
 * from the registry follows changes only when it is live, and admin writes need one.
 */
export function isLiveRegistry(registry: RegistryIndex): registry is LiveRegistry {
  const r = registry as Partial<LiveRegistry>;
  return typeof r.replace === 'function' && typeof r.onChange === 'function';
}
