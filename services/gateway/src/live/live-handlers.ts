import type { Logger, Metrics } from '@lingtan/runtime';
import { LIVE_NAMESPACE } from '@lingtan/schema';
import type { JoinResult, Principal, RoomRequest } from '@lingtan/schema';
import type { ExtendedError } from 'socket.io';
import type { LiveFeedDeps } from './live-feed.js';
import type { RegistryChange } from '@lingtan/domain';
import type { LiveModel } from './live-model.js';
import type { LiveNamespace, LiveSocket } from './live-socket.js';
import { authorizeJoin, enterpriseRoom, meterRoom, roomOf } from './rooms.js';

type AuthDeps = Pick<LiveFeedDeps, 'authenticate' | 'authenticateToken' | 'audit' | 'logger' | 'metrics'>;

/** The principal of the socket's handshake: its session cookie, else its `auth.token`. */
async function principalOf(socket: LiveSocket, deps: AuthDeps): Promise<Principal | undefined> {
  const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.['token'];
  return (await deps.authenticate(socket.request)) ?? (typeof token === 'string' && token !== '' ? await deps.authenticateToken(token) : undefined);
}

/**
 * Handshake middleware: the session cookie's principal, else `handshake.auth.token`'s;
 * without either the connection is refused (`unauthenticated`), counted and audited.
 */
export function authenticateHandshake(deps: AuthDeps) {
  return (socket: LiveSocket, next: (err?: ExtendedError) => void): void => {
    void (async () => {
      const principal = await principalOf(socket, deps);
      if (principal === undefined) {
        deps.metrics.inc('lingtan_live_refused_total', { code: 'unauthenticated' });
        deps.audit({ action: 'live.connect', target: LIVE_NAMESPACE, reason: 'unauthenticated: no valid session or token' });
        next(new Error('unauthenticated'));
        return;
      }
      socket.data.principal = principal;
      socket.data.meters = new Set();
      next();
    })().catch((error: unknown) => {
      deps.logger.error({ err: error }, 'live feed: authentication failed');
      next(new Error('unauthenticated'));
    });
  };
}

/**
 * Check every client's credentials again: a session that expired or was revoked, or a
 * principal whose role or enterprise changed, ends the connection (counted and audited), so
 * a socket never outlives the right to see what it joined.
 */
export async function recheckSessions(nsp: LiveNamespace, deps: AuthDeps): Promise<void> {
  for (const socket of [...nsp.sockets.values()]) {
    const before = socket.data.principal;
    let now: Principal | undefined;
    try {
      now = await principalOf(socket, deps);
    } catch (error) {
      deps.logger.warn({ err: error, user: before.userId }, 'live feed: re-authentication failed; keeping the connection until the next check');
      continue;
    }
    if (now !== undefined && now.userId === before.userId && now.role === before.role && now.enterprise === before.enterprise && now.park === before.park) continue;
    deps.metrics.inc('lingtan_live_refused_total', { code: 'session_ended' });
    deps.audit({ principal: before, action: 'live.session', target: LIVE_NAMESPACE, reason: 'session ended or changed: disconnected' });
    socket.disconnect(true);
  }
}

/**
 * After a registry change, this instance's clients leave the rooms of removed meters and
 * enterprises (a room must not outlive what it names: an id registered again later could
 * belong to someone else). Rooms of new meters need nothing: joins check the live registry.
 */
export function leaveRemovedRooms(nsp: LiveNamespace, change: RegistryChange): void {
  for (const id of change.meters.removed) {
    nsp.local.in(meterRoom(id)).socketsLeave(meterRoom(id));
    for (const socket of nsp.sockets.values()) socket.data.meters.delete(id);
  }
  for (const id of change.enterprises.removed) nsp.local.in(enterpriseRoom(id)).socketsLeave(enterpriseRoom(id));
}

/** What the room handlers need. */
export interface RoomHandlerContext {
  readonly model: LiveModel;
  readonly audit: LiveFeedDeps['audit'];
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly maxRooms: number;
  readonly maxRefused: number;
  readonly dropIfSlow: (socket: LiveSocket) => boolean;
}

/** The snapshot a client gets right after joining. */
function sendSnapshot(socket: LiveSocket, request: RoomRequest, model: LiveModel): void {
  if (request.kind === 'park') socket.emit('park:summary', model.parkSummary());
  else if (request.kind === 'enterprise') {
    const summary = model.enterpriseSummary(request.enterprise);
    if (summary !== undefined) socket.emit('enterprise:summary', summary);
  } else {
    socket.data.meters.add(request.meter);
    const update = model.meterUpdate(request.meter);
    if (update !== undefined) socket.emit('meters:update', [update]);
  }
}

/**
 * `join` and `leave`: every join is authorized on the server (`authorizeJoin`) from the
 * socket's principal; a refusal is answered with its code, counted and audited; a granted
 * join is acknowledged, then the snapshot follows. Calls without an acknowledgement are ignored.
 */
export function handleRooms(socket: LiveSocket, ctx: RoomHandlerContext): void {
  const principal = socket.data.principal;
  const index = ctx.model.registry;
  let refused = 0;
  socket.on('join', (raw, ack) => {
    if (typeof ack !== 'function') return;
    const decision = authorizeJoin(principal, raw, index);
    if (!decision.ok) {
      ctx.metrics.inc('lingtan_live_refused_total', { code: decision.code });
      ctx.audit({ principal, action: 'live.join', target: decision.target, reason: `${decision.code}: ${decision.message}` });
      ack({ ok: false, code: decision.code, message: decision.message });
      refused += 1;
      if (refused > ctx.maxRefused) {
        // Someone walking through ids: stop answering rather than fill the audit log.
        ctx.audit({ principal, action: 'live.connect', target: LIVE_NAMESPACE, reason: `more than ${ctx.maxRefused} refused joins: disconnected` });
        socket.disconnect(true);
      }
      return;
    }
    if (!socket.rooms.has(decision.room) && socket.rooms.size > ctx.maxRooms) {
      ack({ ok: false, code: 'invalid', message: `at most ${ctx.maxRooms} rooms at once` });
      return;
    }
    void socket.join(decision.room);
    ctx.metrics.inc('lingtan_live_joins_total', { kind: decision.request.kind });
    ack({ ok: true, room: decision.room } satisfies JoinResult);
    sendSnapshot(socket, decision.request, ctx.model);
    ctx.dropIfSlow(socket);
  });
  socket.on('leave', (raw, ack) => {
    if (typeof ack !== 'function') return;
    const room = roomOf(raw, index);
    if (room === undefined) {
      ack({ ok: false, code: 'invalid', message: 'not a room request' });
      return;
    }
    void socket.leave(room);
    const r = raw as { kind?: unknown; meter?: unknown };
    if (r.kind === 'meter' && typeof r.meter === 'string') socket.data.meters.delete(r.meter);
    ack({ ok: true, room });
  });
}
