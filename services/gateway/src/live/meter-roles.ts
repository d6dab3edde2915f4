import { accountingMeters } from '@lingtan/domain';
import type { RegistryIndex } from '@lingtan/domain';
import type { Meter } from '@lingtan/schema';

/**
 * What each registry meter stands for in the live figures, worked out once per registry:
 * which meters make up an enterprise's consumption (the domain's accounting meters, so a
 * sub-meter under its enterprise's main meter is not counted twice), which are the park's
 * main incomers (grid exchange), its PV, storage and CHP heat.
 */
export interface MeterRoles {
  /** Meters whose deltas and power count towards their enterprise's and the park's totals. */
  readonly accounting: ReadonlySet<string>;
  /** Top of the electrical tree (no parent; distribution, or an electricity main): the grid connection. */
  readonly incomers: ReadonlySet<string>;
  readonly pv: ReadonlySet<string>;
  readonly storage: ReadonlySet<string>;
  /** Heat meters with role generation (the CHP's heat output). */
  readonly chpHeat: ReadonlySet<string>;
  /** Production meters (output value for intensity). */
  readonly production: ReadonlySet<string>;
}

function isIncomer(m: Meter): boolean {
  return m.parent === null && (m.carrier === 'distribution' || (m.carrier === 'electricity' && m.role === 'main'));
}

/** Classify the registry's meters; see `MeterRoles`. */
export function meterRolesOf(index: RegistryIndex): MeterRoles {
  const meters = index.registry.meters;
  const ids = (keep: (m: Meter) => boolean): ReadonlySet<string> => new Set(meters.filter(keep).map((m) => m.id));
  return {
    accounting: accountingMeters(index),
    incomers: ids(isIncomer),
    pv: ids((m) => m.carrier === 'pv'),
    storage: ids((m) => m.carrier === 'storage'),
    chpHeat: ids((m) => m.carrier === 'heat' && m.role === 'generation'),
    production: ids((m) => m.carrier === 'production'),
  };
}
