import type { Principal } from '@lingtan/schema';

/** What a caller wants to do. */
export const ACTIONS = [
  'registry:read',
  'latest:read',
  'history:read',
  'summary:read',
  'cost:read',
  'alerts:read',
  'alerts:handle',
  'reports:read',
  'quality:read',
  'audit:read',
  /** Change the park's registry (enterprises, meters): admins only. */
  'registry:write',
  /** See the simulator and replay status. */
  'sim:read',
  /** Drive the simulator: pause, speed, faults, replays (engineers and admins). */
  'sim:control',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What it acts on: the whole park, one enterprise, or one meter (with its owner). */
export type Resource =
  | { readonly kind: 'park'; readonly park: string }
  | { readonly kind: 'enterprise'; readonly park: string; readonly enterprise: string }
  | { readonly kind: 'meter'; readonly park: string; readonly enterprise: string; readonly meter: string };

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

const ALLOW: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Engineers see the park's registry, live values, data quality and the park's own summary (issue 7: no business data beyond the park's). */
const ENGINEER_ANY: ReadonlySet<Action> = new Set(['registry:read', 'latest:read', 'quality:read']);
/** Engineers' own work: simulation and replay controls, park-wide only. */
const ENGINEER_PARK: ReadonlySet<Action> = new Set(['summary:read', 'sim:read', 'sim:control']);
/** What only admins do. */
const ADMIN_ONLY: ReadonlySet<Action> = new Set(['audit:read', 'registry:write']);
/** Actions that act on the park as a whole, never on one enterprise's data. */
const PARK_ONLY: ReadonlySet<Action> = new Set(['registry:write', 'sim:read', 'sim:control']);
/** What an enterprise user may do with its own enterprise's data: everything but the admin's, the audit log and the simulator. */
const ENTERPRISE_OWN: ReadonlySet<Action> = new Set(ACTIONS.filter((a) => !ADMIN_ONLY.has(a) && !PARK_ONLY.has(a)));

/** A short name of the resource, for audit lines. */
export function describeResource(resource: Resource): string {
  switch (resource.kind) {
    case 'park':
      return `park:${resource.park}`;
    case 'enterprise':
      return `enterprise:${resource.enterprise}`;
    case 'meter':
      return `meter:${resource.meter}(${resource.enterprise})`;
  }
}

/**
 * Whether `principal` may do `action` on `resource`, from its role and enterprise only (never
 * from anything the client says). Pure, so every role x resource pair is unit-tested.
 * park_operator and admin: everything in their park (the audit log and registry writes:
 * admin only; driving the simulator: engineers and admins, operators may watch it);
 * enterprise_user: its own enterprise's data, never park-wide data or another enterprise's;
 * engineer: registry, latest values, quality, the park-level summary and the simulator.
 * Registry writes and the simulator are park-wide actions: asked of anything but the park,
 * they are refused.
 */
export function authorize(principal: Principal, action: Action, resource: Resource): Decision {
  if (resource.park !== principal.park) return deny('another park');
  if (PARK_ONLY.has(action) && resource.kind !== 'park') return deny(`${action} acts on the whole park`);
  switch (principal.role) {
    case 'admin':
      return ALLOW;
    case 'park_operator':
      if (action === 'audit:read') return deny('the audit log is for admins');
      if (action === 'registry:write') return deny('registry changes are for admins');
      if (action === 'sim:control') return deny('the simulator is driven by engineers');
      return ALLOW;
    case 'engineer':
      if (ENGINEER_ANY.has(action)) return ALLOW;
      if (ENGINEER_PARK.has(action) && resource.kind === 'park') return ALLOW;
      return deny(`engineers may not ${action}${resource.kind === 'park' ? '' : ` of ${resource.kind}s`}`);
    case 'enterprise_user':
      if (resource.kind === 'park') return deny('park-wide data is for park roles');
      if (resource.enterprise !== principal.enterprise) return deny('another enterprise');
      return ENTERPRISE_OWN.has(action) ? ALLOW : deny(`enterprise users may not ${action}`);
  }
}
