import type { Enterprise, Meter, Registry } from '@lingtan/schema';

/** Constant-time lookups over a loaded registry. */
export interface RegistryIndex {
  readonly registry: Registry;
  readonly parkId: string;
  meter(id: string): Meter | undefined;
  enterprise(id: string): Enterprise | undefined;
  /** Meters of one enterprise, in registry order. */
  metersOf(enterpriseId: string): readonly Meter[];
  /** The meter's ancestors, nearest first (parent, grandparent, ...). */
  ancestors(meterId: string): readonly Meter[];
}

/** Index a validated registry (the schema has already checked its cross-references). */
export function indexRegistry(registry: Registry): RegistryIndex {
  const meters = new Map(registry.meters.map((m) => [m.id, m]));
  const enterprises = new Map(registry.enterprises.map((e) => [e.id, e]));
  const byEnterprise = new Map<string, Meter[]>();
  for (const m of registry.meters) {
    const list = byEnterprise.get(m.enterprise) ?? [];
    list.push(m);
    byEnterprise.set(m.enterprise, list);
  }
  return {
    registry,
    parkId: registry.park.id,
    meter: (id) => meters.get(id),
    enterprise: (id) => enterprises.get(id),
    metersOf: (id) => byEnterprise.get(id) ?? [],
    ancestors: (id) => {
      const chain: Meter[] = [];
      const seen = new Set<string>([id]);
      for (let m = meters.get(meters.get(id)?.parent ?? ''); m !== undefined; m = meters.get(m.parent ?? '')) {
        if (seen.has(m.id)) break;
        seen.add(m.id);
        chain.push(m);
      }
      return chain;
    },
  };
}
