import type { Carrier, Registry } from '@lingtan/schema';
import { registrySchema } from '@lingtan/schema';

/** The shape of a synthetic park for load tests and the first slice. */
export interface SyntheticParkOptions {
  readonly parkId?: string;
  readonly enterprises: number;
  readonly metersPerEnterprise: number;
  readonly intervalS?: number;
}

/** Carriers handed out in turn: every enterprise has an electricity main meter first. */
const ROTATION: readonly Carrier[] = ['electricity', 'electricity', 'heat', 'gas', 'water', 'steam', 'cooling', 'oil', 'production', 'pv', 'storage', 'distribution'];

/** A valid registry with `enterprises` x `metersPerEnterprise` meters. */
export function syntheticRegistry(options: SyntheticParkOptions): Registry {
  const park = options.parkId ?? 'sim-park';
  const enterprises = Array.from({ length: options.enterprises }, (_, e) => ({ id: `ent-${String(e + 1).padStart(3, '0')}`, name: `Enterprise ${e + 1}`, industry: 'manufacturing' }));
  const meters = enterprises.flatMap((enterprise) =>
    Array.from({ length: options.metersPerEnterprise }, (_, m) => {
      const carrier = ROTATION[m % ROTATION.length]!;
      const id = `${enterprise.id}-m${String(m + 1).padStart(3, '0')}`;
      return {
        id,
        enterprise: enterprise.id,
        carrier,
        role: m === 0 ? ('main' as const) : carrier === 'pv' ? ('generation' as const) : carrier === 'storage' ? ('storage' as const) : ('sub' as const),
        parent: m === 0 || carrier !== 'electricity' ? null : `${enterprise.id}-m001`,
        interval_s: options.intervalS ?? 15,
      };
    }),
  );
  return registrySchema.parse({ park: { id: park, name: `Simulated park ${park}`, timezone: 'Asia/Shanghai' }, enterprises, meters });
}
