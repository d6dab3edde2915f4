import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Clock } from '@lingtan/domain';
import type { Logger, Metrics } from '@lingtan/runtime';
import { LIVE_NAMESPACE } from '@lingtan/schema';
import type { AlertEvent, JoinResult, LiveClientToServer, LiveServerToClient, Principal } from '@lingtan/schema';
import { Server } from 'socket.io';
import type { Namespace, Socket } from 'socket.io';
import type { LiveModel } from './live-model.js';
import { useRedisAdapter } from './redis-adapter.js';
import type { RedisLink } from './redis-adapter.js';
import { authorizeJoin, enterpriseRoom, parkRoom, roomOf } from './rooms.js';
import { createTicker } from './tick.js';

/** An audit record of a refused connection or join. */
export interface LiveAuditEntry {
  readonly principal?: Principal;
  readonly action: string;
  readonly target: string;
  readonly reason: string;
}

/** What `attachLiveFeed` needs. */
export interface LiveFeedDeps {
  readonly model: LiveModel;
  /** The session cookie's principal, if any. */
  authenticate(req: IncomingMessage): Promise<Principal | undefined>;
  /** A token (`handshake.auth.token`: a short-lived JWT or an API key) to a principal. */
  authenticateToken(token: string): Promise<Principal | undefined>;
  readonly audit: (entry: LiveAuditEntry) => void;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** With it, alerts published on one instance reach the clients of every instance. */
  readonly redisUrl?: string;
  readonly corsOrigins?: readonly string[];
  readonly clock: Clock;
  /** Packets queued for one client before it is disconnected as too slow. Default 1000. */
  readonly maxBufferedPackets?: number;
  /** Period of the summaries and meter updates. Default 1000 ms. */
  readonly summaryIntervalMs?: number;
  /** Rooms one client may be in at once (meter rooms mostly). Default 200. */
  readonly maxRoomsPerClient?: number;
}

/** The running live feed. */
export interface LiveFeed {
  /** Send an alert event to the park room and to its owner's enterprise room (through Redis when configured). */
  publishAlert(event: AlertEvent): void;
  readonly io: Server;
  /** Resolves once the Redis clients are connected (at once without Redis); rejects if they cannot. */
  readonly ready: Promise<void>;
  /** Disconnect every client, stop the timers and the Redis clients. The HTTP server is the caller's to close. */
  close(): Promise<void>;
}

export interface LiveSocketData {
  principal: Principal;
  /** Meters whose rooms this client joined (for its `meters:update`). */
  meters: Set<string>;
}

export type LiveNamespace = Namespace<LiveClientToServer, LiveServerToClient, Record<string, never>, LiveSocketData>;
export type LiveSocket = Socket<LiveClientToServer, LiveServerToClient, Record<string, never>, LiveSocketData>;

/**
 * Packets engine.io holds for the client, not yet handed to the transport: they pile up
 * while the transport is busy with a write the client does not read. `writeBuffer` is
 * private in engine.io's typings but is the only measure of it (engine.io 6).
 */
function bufferedPackets(socket: LiveSocket): number {
  return (socket.conn as unknown as { readonly writeBuffer: readonly unknown[] }).writeBuffer.length;
}

/**
 * The live feed on `server`: socket.io namespace `/live`, typed with the schema's
 * contract. Every connection is authenticated (session cookie, else `auth.token`), every
 * join authorized on the server and refusals audited; a joined client gets a snapshot at
 * once, then summaries and meter updates every `summaryIntervalMs` (volatile: a client that
 * cannot take them misses them rather than queueing them) and alerts as they come. A client
 * with more than `maxBufferedPackets` queued is disconnected and counted.
 */
export function attachLiveFeed(server: HttpServer, deps: LiveFeedDeps): LiveFeed {
  const { model, logger, metrics } = deps;
  const index = model.registry;
  const maxBuffered = deps.maxBufferedPackets ?? 1000;
  const maxRooms = deps.maxRoomsPerClient ?? 200;
  const io = new Server(server, {
    serveClient: false,
    // Clients send only join and leave requests.
    maxHttpBufferSize: 16 * 1024,
    ...(deps.corsOrigins === undefined ? {} : { cors: { origin: [...deps.corsOrigins], credentials: true } }),
  });
  const redis: RedisLink | undefined = deps.redisUrl === undefined ? undefined : useRedisAdapter(io, deps.redisUrl, logger);
  // Nothing is served on the main namespace.
  io.of('/').use((_socket, next) => next(new Error('not_found')));
  const nsp = io.of(LIVE_NAMESPACE) as unknown as LiveNamespace;
  metrics.gauge('lingtan_live_clients', () => nsp.sockets.size);

  const dropIfSlow = (socket: LiveSocket): boolean => {
    if (bufferedPackets(socket) <= maxBuffered) return false;
    metrics.inc('lingtan_live_slow_disconnects_total');
    logger.warn({ user: socket.data.principal.userId, buffered: bufferedPackets(socket), max: maxBuffered }, 'live feed: client too slow, disconnected');
    socket.disconnect(true);
    // A WebSocket close waits up to 30 s for the client's close frame, which a client that
    // does not read never sends; until then the unsent data stays in memory. Drop it now.
    socket.request.socket.destroy();
    return true;
  };

  nsp.use((socket, next) => {
    const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.['token'];
    void (async () => {
      const principal = (await deps.authenticate(socket.request)) ?? (typeof token === 'string' && token !== '' ? await deps.authenticateToken(token) : undefined);
      if (principal === undefined) {
        metrics.inc('lingtan_live_refused_total', { code: 'unauthenticated' });
        deps.audit({ action: 'live.connect', target: LIVE_NAMESPACE, reason: 'unauthenticated: no valid session or token' });
        next(new Error('unauthenticated'));
        return;
      }
      socket.data.principal = principal;
      socket.data.meters = new Set();
      next();
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'live feed: authentication failed');
      next(new Error('unauthenticated'));
    });
  });

  nsp.on('connection', (socket) => {
    const principal = socket.data.principal;
    socket.on('join', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const decision = authorizeJoin(principal, raw, index);
      if (!decision.ok) {
        metrics.inc('lingtan_live_refused_total', { code: decision.code });
        deps.audit({ principal, action: 'live.join', target: decision.target, reason: `${decision.code}: ${decision.message}` });
        ack({ ok: false, code: decision.code, message: decision.message });
        return;
      }
      if (!socket.rooms.has(decision.room) && socket.rooms.size > maxRooms) {
        ack({ ok: false, code: 'invalid', message: `at most ${maxRooms} rooms at once` });
        return;
      }
      void socket.join(decision.room);
      metrics.inc('lingtan_live_joins_total', { kind: decision.request.kind });
      ack({ ok: true, room: decision.room } satisfies JoinResult);
      const r = decision.request;
      if (r.kind === 'park') socket.emit('park:summary', model.parkSummary());
      else if (r.kind === 'enterprise') {
        const summary = model.enterpriseSummary(r.enterprise);
        if (summary !== undefined) socket.emit('enterprise:summary', summary);
      } else {
        socket.data.meters.add(r.meter);
        const update = model.meterUpdate(r.meter);
        if (update !== undefined) socket.emit('meters:update', [update]);
      }
      dropIfSlow(socket);
    });
    socket.on('leave', (raw, ack) => {
      if (typeof ack !== 'function') return;
      const room = roomOf(raw, index);
      if (room === undefined) {
        ack({ ok: false, code: 'invalid', message: 'not a room request' });
        return;
      }
      void socket.leave(room);
      const parsed = raw as { kind?: unknown; meter?: unknown };
      if (parsed.kind === 'meter' && typeof parsed.meter === 'string') socket.data.meters.delete(parsed.meter);
      ack({ ok: true, room });
    });
  });

  const tick = createTicker(nsp, model);
  const timer = setInterval(() => {
    try {
      tick();
      for (const socket of nsp.sockets.values()) dropIfSlow(socket);
    } catch (error) {
      logger.error({ err: error }, 'live feed: summary tick failed');
    }
  }, deps.summaryIntervalMs ?? 1000);
  timer.unref();

  return {
    io,
    ready: redis?.ready ?? Promise.resolve(),
    publishAlert: (event) => {
      if (event.park !== index.parkId) return;
      metrics.inc('lingtan_live_alerts_published_total');
      // To the park room, and to the owner's room only: another enterprise never gets it.
      const rooms = event.owner.scope === 'enterprise' ? [parkRoom(index.parkId), enterpriseRoom(event.owner.id)] : [parkRoom(index.parkId)];
      nsp.to(rooms).emit('alert', event);
      for (const room of rooms) {
        for (const id of nsp.adapter.rooms.get(room) ?? []) {
          const socket = nsp.sockets.get(id);
          if (socket !== undefined) dropIfSlow(socket);
        }
      }
    },
    close: async () => {
      clearInterval(timer);
      nsp.local.disconnectSockets(true);
      io.engine.close();
      await redis?.close();
    },
  };
}
