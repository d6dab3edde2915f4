import type { Logger, Metrics } from '@lingtan/runtime';
import { LIVE_NAMESPACE } from '@lingtan/schema';
import type { JoinResult, RoomRequest } from '@lingtan/schema';
import type { ExtendedError } from 'socket.io';
import type { LiveFeedDeps } from './live-feed.js';
import type { LiveModel } from './live-model.js';
import type { LiveSocket } from './live-socket.js';
import { authorizeJoin, roomOf } from './rooms.js';

/**
 * Handshake middleware: the session cookie's principal, else `handshake.auth.token`'s;
 * without either the connection is refused (`unauthenticated`), counted and audited.
 */
export function authenticateHandshake(deps: Pick<LiveFeedDeps, 'authenticate' | 'authenticateToken' | 'audit' | 'logger' | 'metrics'>) {
  return (socket: LiveSocket, next: (err?: ExtendedError) => void): void => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.['token'];
    void (async () => {
      const principal = (await deps.authenticate(socket.request)) ?? (typeof token === 'string' && token !== '' ? await deps.authenticateToken(token) : undefined);
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

/** What the room handlers need. */
export interface RoomHandlerContext {
  readonly model: LiveModel;
  readonly audit: LiveFeedDeps['audit'];
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly maxRooms: number;
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
  socket.on('join', (raw, ack) => {
    if (typeof ack !== 'function') return;
    const decision = authorizeJoin(principal, raw, index);
    if (!decision.ok) {
      ctx.metrics.inc('lingtan_live_refused_total', { code: decision.code });
      ctx.audit({ principal, action: 'live.join', target: decision.target, reason: `${decision.code}: ${decision.message}` });
      ack({ ok: false, code: decision.code, message: decision.message });
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
