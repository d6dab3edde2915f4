import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Clock } from '@lingtan/domain';
import type { Logger, Metrics } from '@lingtan/runtime';
import { LIVE_NAMESPACE, alertEventSchema } from '@lingtan/schema';
import type { AlertEvent, Principal } from '@lingtan/schema';
import { Server } from 'socket.io';
import { isLiveRegistry } from '../registry/is-live.js';
import { authenticateHandshake, handleRooms, leaveRemovedRooms, recheckSessions } from './live-handlers.js';
import type { LiveModel } from './live-model.js';
import { slowClientGuard } from './live-socket.js';
import type { LiveNamespace } from './live-socket.js';
import { originAllowed } from './origin-check.js';
import { useRedisAdapter } from './redis-adapter.js';
import type { RedisLink } from './redis-adapter.js';
import { enterpriseRoom, parkRoom } from './rooms.js';
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
  /** Refused joins one client may make before it is disconnected (probing other tenants' ids). Default 50. */
  readonly maxRefusedJoins?: number;
  /** How often every client's session or token is checked again; a revoked or expired one is disconnected. Default 60 s. */
  readonly reauthIntervalMs?: number;
}

/** The running live feed. */
export interface LiveFeed {
  /**
   * Send an alert event to the park room and to its owner's enterprise room (through Redis
   * when configured), and apply it to every instance's live model (open-alert counts).
   */
  publishAlert(event: AlertEvent): void;
  readonly io: Server;
  /** Resolves once the Redis clients are connected (at once without Redis); rejects if they cannot. */
  readonly ready: Promise<void>;
  /** Disconnect every client, stop the timers and the Redis clients. The HTTP server is the caller's to close. */
  close(): Promise<void>;
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
  const io = new Server(server, {
    serveClient: false,
    // Clients send only join and leave requests.
    maxHttpBufferSize: 16 * 1024,
    allowRequest: (req, callback) => {
      const ok = originAllowed(req, deps.corsOrigins ?? []);
      if (!ok) {
        metrics.inc('lingtan_live_refused_total', { code: 'origin' });
        deps.audit({ action: 'live.connect', target: LIVE_NAMESPACE, reason: `origin ${req.headers.origin ?? ''} is not allowed` });
      }
      callback(ok ? null : 'origin not allowed', ok);
    },
    ...(deps.corsOrigins === undefined ? {} : { cors: { origin: [...deps.corsOrigins], credentials: true } }),
  });
  const redis: RedisLink | undefined = deps.redisUrl === undefined ? undefined : useRedisAdapter(io, deps.redisUrl, logger);
  // Nothing is served on the main namespace.
  io.of('/').use((_socket, next) => next(new Error('not_found')));
  const nsp = io.of(LIVE_NAMESPACE) as unknown as LiveNamespace;
  metrics.gauge('lingtan_live_clients', () => nsp.sockets.size);
  const dropIfSlow = slowClientGuard(deps.maxBufferedPackets ?? 1000, metrics, logger);

  nsp.use(authenticateHandshake(deps));
  const rooms = { model, audit: deps.audit, metrics, logger, maxRooms: deps.maxRoomsPerClient ?? 200, maxRefused: deps.maxRefusedJoins ?? 50, dropIfSlow };
  nsp.on('connection', (socket) => handleRooms(socket, rooms));
  // Alert events reach one instance (an MQTT shared subscription); the others learn of them here.
  nsp.on('alert:model', (raw) => {
    const parsed = alertEventSchema.safeParse(raw);
    if (parsed.success) model.onAlert(parsed.data);
    else logger.warn({ issue: parsed.error.issues[0]?.message }, 'live feed: refused an alert event from another instance');
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
  const reauth = setInterval(() => void recheckSessions(nsp, deps), deps.reauthIntervalMs ?? 60_000);
  reauth.unref();
  const unfollow = isLiveRegistry(index) ? index.onChange((change) => leaveRemovedRooms(nsp, change)) : () => undefined;

  return {
    io,
    ready: redis?.ready ?? Promise.resolve(),
    publishAlert: (event) => {
      if (event.park !== index.parkId) return;
      metrics.inc('lingtan_live_alerts_published_total');
      model.onAlert(event);
      if (redis !== undefined) nsp.serverSideEmit('alert:model', event);
      // To the park room, and to the owner's room only: another enterprise never gets it.
      const targets = event.owner.scope === 'enterprise' ? [parkRoom(index.parkId), enterpriseRoom(event.owner.id)] : [parkRoom(index.parkId)];
      nsp.to(targets).emit('alert', event);
      for (const room of targets) {
        for (const id of nsp.adapter.rooms.get(room) ?? []) {
          const socket = nsp.sockets.get(id);
          if (socket !== undefined) dropIfSlow(socket);
        }
      }
    },
    close: async () => {
      clearInterval(timer);
      clearInterval(reauth);
      unfollow();
      nsp.local.disconnectSockets(true);
      io.engine.close();
      await redis?.close();
    },
  };
}
