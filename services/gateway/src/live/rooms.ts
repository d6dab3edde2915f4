import type { RegistryIndex } from '@lingtan/domain';
import { roomRequestSchema } from '@lingtan/schema';
import type { Principal, Role, RoomRequest } from '@lingtan/schema';

/** Room names; ids cannot hold `:` (ID_PATTERN), so names of different kinds never collide. */
export const parkRoom = (park: string): string => `park:${park}`;
export const enterpriseRoom = (enterprise: string): string => `enterprise:${enterprise}`;
export const meterRoom = (meter: string): string => `meter:${meter}`;
export const ENTERPRISE_ROOM_PREFIX = 'enterprise:';
export const METER_ROOM_PREFIX = 'meter:';

/** A join the server allows, with what the room shows. */
export type JoinDecision =
  | { readonly ok: true; readonly room: string; readonly request: RoomRequest }
  | { readonly ok: false; readonly code: 'forbidden' | 'not_found' | 'invalid'; readonly message: string; readonly target: string };

/** Roles that see the whole park (the park room and every enterprise's and meter's room). */
const PARK_WIDE: ReadonlySet<Role> = new Set(['park_operator', 'admin']);
/** Roles that may join the park room: engineers too (simulation controls need the park's picture). */
const PARK_ROOM: ReadonlySet<Role> = new Set(['park_operator', 'admin', 'engineer']);

function targetOf(raw: unknown): string {
  try {
    return JSON.stringify(raw)?.slice(0, 200) ?? String(raw);
  } catch {
    return '(unprintable)';
  }
}

function refuse(code: 'forbidden' | 'not_found' | 'invalid', message: string, target: string): JoinDecision {
  return { ok: false, code, message, target };
}

/**
 * Whether `principal` may join the room `raw` asks for, decided on the server from the
 * caller's role and enterprise only (issue 7: enterprise A never sees enterprise B's data by
 * any route). Enterprise users: their own enterprise's room and their own meters' rooms; a
 * meter or enterprise of another tenant is `forbidden`, an unknown one `not_found`. Park
 * operators and admins: everything in their park. Engineers: the park room only, no
 * enterprise's own rooms. Anything that is not a room request is `invalid`.
 */
export function authorizeJoin(principal: Principal, raw: unknown, index: RegistryIndex): JoinDecision {
  const parsed = roomRequestSchema.safeParse(raw);
  const target = targetOf(raw);
  if (!parsed.success) return refuse('invalid', `not a room request: ${parsed.error.issues[0]?.message ?? 'invalid'}`, target);
  const request = parsed.data;
  if (principal.park !== index.parkId) return refuse('forbidden', `your account belongs to park ${principal.park}`, target);
  switch (request.kind) {
    case 'park':
      return PARK_ROOM.has(principal.role) ? { ok: true, room: parkRoom(index.parkId), request } : refuse('forbidden', 'the park room is for park operators, engineers and admins', target);
    case 'enterprise': {
      if (principal.role === 'enterprise_user') {
        if (request.enterprise !== principal.enterprise) return refuse('forbidden', 'you may join your own enterprise only', target);
      } else if (!PARK_WIDE.has(principal.role)) return refuse('forbidden', 'engineers see the park room only', target);
      if (index.enterprise(request.enterprise) === undefined) return refuse('not_found', `no enterprise ${request.enterprise} in this park`, target);
      return { ok: true, room: enterpriseRoom(request.enterprise), request };
    }
    case 'meter': {
      const meter = index.meter(request.meter);
      if (meter === undefined) return refuse('not_found', `no meter ${request.meter} in this park`, target);
      if (principal.role === 'enterprise_user') {
        if (meter.enterprise !== principal.enterprise) return refuse('forbidden', 'you may join your own enterprise\'s meters only', target);
      } else if (!PARK_WIDE.has(principal.role)) return refuse('forbidden', 'engineers see the park room only', target);
      return { ok: true, room: meterRoom(meter.id), request };
    }
  }
}

/** The room a leave names, or undefined when it is not a room request. */
export function roomOf(raw: unknown, index: RegistryIndex): string | undefined {
  const parsed = roomRequestSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  return r.kind === 'park' ? parkRoom(index.parkId) : r.kind === 'enterprise' ? enterpriseRoom(r.enterprise) : meterRoom(r.meter);
}
