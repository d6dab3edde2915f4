import { createAdapter } from '@socket.io/redis-adapter';
import type { Logger } from '@lingtan/runtime';
import { createClient } from 'redis';
import type { Server } from 'socket.io';

/** The Redis clients behind the adapter: `ready` once both are connected; `close` quits them. */
export interface RedisLink {
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Share broadcasts between gateway instances through `@socket.io/redis-adapter` (Redis
 * pub/sub, redis 5 clients: one publishing, one subscribed). The adapter is installed at
 * once; commands wait in the clients' offline queue until they connect, so no broadcast
 * made meanwhile is lost on this side. Connection errors are logged, and the clients
 * reconnect by themselves.
 */
export function useRedisAdapter(io: Server, redisUrl: string, logger: Logger): RedisLink {
  const pub = createClient({ url: redisUrl });
  const sub = pub.duplicate();
  for (const [name, client] of [['pub', pub], ['sub', sub]] as const) {
    client.on('error', (error: unknown) => logger.warn({ err: error, client: name }, 'live feed: redis client error'));
  }
  // Installed before connecting, so namespaces created later get the shared adapter too.
  io.adapter(createAdapter(pub, sub));
  const ready = Promise.all([pub.connect(), sub.connect()]).then(() => undefined);
  return {
    ready,
    close: async () => {
      await ready.catch(() => undefined);
      await Promise.allSettled([pub.close(), sub.close()]);
    },
  };
}
