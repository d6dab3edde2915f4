import type { Principal } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { ACTIONS, authorize } from './authorize.js';
import type { Action, Resource } from './authorize.js';

const principal = (role: Principal['role'], enterprise?: string): Principal => ({
  userId: role,
  displayName: role,
  role,
  park: 'p1',
  ...(enterprise === undefined ? {} : { enterprise }),
  via: 'session',
});

const PARK: Resource = { kind: 'park', park: 'p1' };
const OWN: Resource = { kind: 'enterprise', park: 'p1', enterprise: 'ent-a' };
const OTHER: Resource = { kind: 'enterprise', park: 'p1', enterprise: 'ent-b' };
const OWN_METER: Resource = { kind: 'meter', park: 'p1', enterprise: 'ent-a', meter: 'a-main' };
const OTHER_METER: Resource = { kind: 'meter', park: 'p1', enterprise: 'ent-b', meter: 'b-main' };
const FOREIGN_PARK: Resource = { kind: 'enterprise', park: 'p2', enterprise: 'ent-a' };
const RESOURCES = { PARK, OWN, OTHER, OWN_METER, OTHER_METER } as const;
/** Every action but the park-wide ones (registry writes, the simulator), which no enterprise or meter answers. */
const DATA = ACTIONS.filter((a) => a !== 'registry:write' && a !== 'sim:read' && a !== 'sim:control');

/**
 * The whole matrix: for each role, the actions allowed on each resource ("ent-a" is the
 * enterprise user's own). Everything not listed is refused.
 */
const ALLOWED: Record<string, Record<keyof typeof RESOURCES, readonly Action[]>> = {
  admin: { PARK: ACTIONS, OWN: DATA, OTHER: DATA, OWN_METER: DATA, OTHER_METER: DATA },
  park_operator: {
    PARK: ACTIONS.filter((a) => a !== 'audit:read' && a !== 'registry:write' && a !== 'sim:control'),
    OWN: DATA.filter((a) => a !== 'audit:read'),
    OTHER: DATA.filter((a) => a !== 'audit:read'),
    OWN_METER: DATA.filter((a) => a !== 'audit:read'),
    OTHER_METER: DATA.filter((a) => a !== 'audit:read'),
  },
  engineer: {
    PARK: ['registry:read', 'latest:read', 'summary:read', 'quality:read', 'sim:read', 'sim:control'],
    OWN: ['registry:read', 'latest:read', 'quality:read'],
    OTHER: ['registry:read', 'latest:read', 'quality:read'],
    OWN_METER: ['registry:read', 'latest:read', 'quality:read'],
    OTHER_METER: ['registry:read', 'latest:read', 'quality:read'],
  },
  enterprise_user: {
    PARK: [],
    OWN: ['registry:read', 'latest:read', 'history:read', 'summary:read', 'cost:read', 'alerts:read', 'alerts:handle', 'reports:read', 'quality:read'],
    OTHER: [],
    OWN_METER: ['registry:read', 'latest:read', 'history:read', 'summary:read', 'cost:read', 'alerts:read', 'alerts:handle', 'reports:read', 'quality:read'],
    OTHER_METER: [],
  },
};

describe('authorize: every role x resource x action', () => {
  for (const [role, byResource] of Object.entries(ALLOWED)) {
    const who = principal(role as Principal['role'], role === 'enterprise_user' ? 'ent-a' : undefined);
    for (const [name, resource] of Object.entries(RESOURCES)) {
      it(`${role} on ${name}`, () => {
        const allowed = ACTIONS.filter((a) => authorize(who, a, resource).allowed);
        expect(allowed).toEqual([...byResource[name as keyof typeof RESOURCES]]);
      });
    }
  }

  it('refuses every role in another park, admins included', () => {
    for (const role of ['admin', 'park_operator', 'engineer'] as const) {
      for (const action of ACTIONS) expect(authorize(principal(role), action, FOREIGN_PARK)).toEqual({ allowed: false, reason: 'another park' });
    }
    expect(authorize(principal('enterprise_user', 'ent-a'), 'latest:read', FOREIGN_PARK).allowed).toBe(false);
  });

  it('names why it refused', () => {
    expect(authorize(principal('enterprise_user', 'ent-a'), 'history:read', OTHER_METER)).toEqual({ allowed: false, reason: 'another enterprise' });
    expect(authorize(principal('enterprise_user', 'ent-a'), 'summary:read', PARK)).toEqual({ allowed: false, reason: 'park-wide data is for park roles' });
    expect(authorize(principal('enterprise_user', 'ent-a'), 'audit:read', OWN)).toEqual({ allowed: false, reason: 'enterprise users may not audit:read' });
  });
});
