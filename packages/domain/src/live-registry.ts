import type { Registry } from '@lingtan/schema';
import { indexRegistry } from './registry-index.js';
import type { RegistryIndex } from './registry-index.js';

/** Ids added, removed and changed between two registries, in the new (or, for removed, the old) order. */
export interface IdChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly string[];
}

/** What one registry replacement changed. */
export interface RegistryChange {
  /** The live registry's revision after the change (1 is the registry it started with). */
  readonly revision: number;
  readonly previous: Registry;
  readonly current: Registry;
  /** The park's own entry (name, budgets, accounting...) changed. */
  readonly parkChanged: boolean;
  readonly enterprises: IdChanges;
  readonly meters: IdChanges;
}

/**
 * A registry index whose content can be replaced while services run (an admin's edit, a
 * reloaded file). Every lookup reads the current registry, so code that holds the object
 * and calls it sees the change at once; code that derived something from the registry
 * (subscriptions, per-meter state, rule subjects) listens with `onChange`.
 */
export interface LiveRegistry extends RegistryIndex {
  /** 1 at start, +1 per accepted change. */
  readonly revision: number;
  /**
   * Swap in `next` (already schema-validated). Refused with a `RegistryChangeRefused` when
   * `checkRegistryChange` finds a reason; returns undefined when nothing changed (no
   * listener is called); else calls each listener, in registration order, then returns.
   * Listeners that throw do not stop the others; their errors come back as one AggregateError
   * after the change is applied.
   */
  replace(next: Registry): RegistryChange | undefined;
  /** Call `listener` after each accepted change; returns a function that stops it. */
  onChange(listener: (change: RegistryChange) => void): () => void;
}

/** A registry change a running platform cannot take, with every reason. */
export class RegistryChangeRefused extends Error {
  constructor(readonly reasons: readonly string[]) {
    super(`registry change refused: ${reasons.join('; ')}`);
    this.name = 'RegistryChangeRefused';
  }
}

/** JSON with object keys sorted, so that two equal entries compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

function idChanges<T extends { readonly id: string }>(before: readonly T[], after: readonly T[]): IdChanges {
  const old = new Map(before.map((x) => [x.id, canonical(x)]));
  const now = new Set(after.map((x) => x.id));
  return {
    added: after.filter((x) => !old.has(x.id)).map((x) => x.id),
    removed: before.filter((x) => !now.has(x.id)).map((x) => x.id),
    changed: after.filter((x) => old.has(x.id) && old.get(x.id) !== canonical(x)).map((x) => x.id),
  };
}

/**
 * Why a running platform must not take `next` in place of `previous` (empty: it may).
 * The schema has already checked `next` on its own; these are the changes that would make
 * stored data mean something else or leak it:
 * - the park's id: every stored point, topic and session is keyed by it;
 * - the park's time zone: daily and monthly rollups are aligned to local days already;
 * - a meter's carrier: its stored series and counter state are of the old carrier;
 * - a meter moving to another enterprise: its history would become visible to the new
 *   owner (tenant isolation); retire the meter and register a new id instead.
 */
export function checkRegistryChange(previous: Registry, next: Registry): string[] {
  const reasons: string[] = [];
  if (next.park.id !== previous.park.id) reasons.push(`the park id cannot change (${previous.park.id} -> ${next.park.id})`);
  if (next.park.timezone !== previous.park.timezone) {
    reasons.push(`the park time zone cannot change while rollups exist (${previous.park.timezone} -> ${next.park.timezone})`);
  }
  const old = new Map(previous.meters.map((m) => [m.id, m]));
  for (const m of next.meters) {
    const before = old.get(m.id);
    if (before === undefined) continue;
    if (before.carrier !== m.carrier) reasons.push(`meter ${m.id}: the carrier cannot change (${before.carrier} -> ${m.carrier}); register a new meter id`);
    if (before.enterprise !== m.enterprise) {
      reasons.push(`meter ${m.id}: cannot move to another enterprise (${before.enterprise} -> ${m.enterprise}); retire it and register a new meter id`);
    }
  }
  return reasons;
}

/** Describe what changed between two registries (revision 0: the caller sets it). */
export function diffRegistries(previous: Registry, current: Registry, revision: number): RegistryChange {
  return {
    revision,
    previous,
    current,
    parkChanged: canonical(previous.park) !== canonical(current.park),
    enterprises: idChanges(previous.enterprises, current.enterprises),
    meters: idChanges(previous.meters, current.meters),
  };
}

const isEmpty = (c: RegistryChange): boolean =>
  !c.parkChanged && [c.enterprises, c.meters].every((x) => x.added.length === 0 && x.removed.length === 0 && x.changed.length === 0);

/** A live registry starting from `initial`. */
export function createLiveRegistry(initial: Registry): LiveRegistry {
  let index = indexRegistry(initial);
  let revision = 1;
  const listeners = new Set<(change: RegistryChange) => void>();
  return {
    get registry() {
      return index.registry;
    },
    get parkId() {
      return index.parkId;
    },
    get revision() {
      return revision;
    },
    meter: (id) => index.meter(id),
    enterprise: (id) => index.enterprise(id),
    metersOf: (id) => index.metersOf(id),
    ancestors: (id) => index.ancestors(id),
    replace(next) {
      const reasons = checkRegistryChange(index.registry, next);
      if (reasons.length > 0) throw new RegistryChangeRefused(reasons);
      const change = diffRegistries(index.registry, next, revision + 1);
      if (isEmpty(change)) return undefined;
      index = indexRegistry(next);
      revision = change.revision;
      // The change is made: one listener failing must not keep it from the others.
      const failures: unknown[] = [];
      for (const listener of [...listeners]) {
        try {
          listener(change);
        } catch (error) {
          failures.push(error);
        }
      }
      if (failures.length > 0) throw new AggregateError(failures, `registry revision ${revision} applied, but ${failures.length} listener(s) failed`);
      return change;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
