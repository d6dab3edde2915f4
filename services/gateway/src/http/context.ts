import type { Request, Response } from 'express';
import type { Principal } from '@lingtan/schema';
import type { RegistryIndex } from '@lingtan/domain';
import { authorize, describeResource } from '../auth/authorize.js';
import type { Action, Resource } from '../auth/authorize.js';
import { ApiFailure } from './api-error.js';

/** The authenticated caller of a request under /api/v1 (set by the auth middleware). */
export function principalOf(res: Response): Principal {
  const principal = (res.locals as { principal?: Principal }).principal;
  if (principal === undefined) throw new ApiFailure(401, 'unauthenticated', 'log in or send an API key');
  return principal;
}

/** Authorize or throw 403 `forbidden` (the error middleware audits it). */
export function allow(res: Response, action: Action, resource: Resource): void {
  const decision = authorize(principalOf(res), action, resource);
  if (!decision.allowed) {
    throw new ApiFailure(403, 'forbidden', `not allowed: ${action} on ${describeResource(resource)}`, undefined, {
      action,
      resource: describeResource(resource),
      detail: decision.reason,
    });
  }
}

/** Whether the caller may, without refusing (for filtering lists and hiding costs). */
export function may(res: Response, action: Action, resource: Resource): boolean {
  return authorize(principalOf(res), action, resource).allowed;
}

/** Registry lookups that answer 404 for unknown ids, and resources for `allow`. */
export function resources(registry: RegistryIndex) {
  const park = registry.parkId;
  return {
    park: (): Resource => ({ kind: 'park', park }),
    enterprise(id: string, field = 'enterprise'): Resource {
      if (registry.enterprise(id) === undefined) throw new ApiFailure(404, 'not_found', `no enterprise "${id}" in this park`, field, { action: 'lookup', resource: `enterprise:${id}` });
      return { kind: 'enterprise', park, enterprise: id };
    },
    meter(id: string, field = 'meter'): Resource & { kind: 'meter' } {
      const meter = registry.meter(id);
      if (meter === undefined) throw new ApiFailure(404, 'not_found', `no meter "${id}" in this park`, field, { action: 'lookup', resource: `meter:${id}` });
      return { kind: 'meter', park, enterprise: meter.enterprise, meter: id };
    },
  };
}

/** The request's id (from the metrics middleware), for log lines and audit entries. */
export const requestIdOf = (req: Request): string | undefined => (req as Request & { id?: string }).id;
