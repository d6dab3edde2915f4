import type { Principal } from '@lingtan/schema';

/**
 * What the signed-in person may open. The gateway refuses anything else anyway (403); the
 * view hides it so an enterprise user never sees a park figure flash up before the refusal.
 */

/** Park-wide views: the overview, the ranking of all enterprises, data quality. */
export function seesPark(p: Principal): boolean {
  return p.role !== 'enterprise_user';
}

/** Whether `p` may open enterprise `id`'s pages. */
export function seesEnterprise(p: Principal, id: string): boolean {
  if (p.role === 'enterprise_user') return p.enterprise === id;
  // Engineers see the registry and latest values of every enterprise, not its business data;
  // the detail page shows what the gateway gives them.
  return true;
}

/** Whether `p` may acknowledge alerts (not engineers: they handle simulations, not operations). */
export function mayAcknowledge(p: Principal): boolean {
  return p.role !== 'engineer';
}

/** Whether `p` may open 工程调试 (the simulator's controls): engineers and admins, as the gateway's `sim:control`. */
export function drivesSimulator(p: Principal): boolean {
  return p.role === 'engineer' || p.role === 'admin';
}

/** Whether `p` may open 园区档案 (edit the registry): admins only, as the gateway's `registry:write`. */
export function editsRegistry(p: Principal): boolean {
  return p.role === 'admin';
}

/** Where someone lands after signing in. */
export function homePath(p: Principal): string {
  return p.role === 'enterprise_user' && p.enterprise !== undefined ? `/enterprises/${encodeURIComponent(p.enterprise)}` : '/';
}
