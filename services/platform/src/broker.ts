import { createServer } from 'node:net';
import { Aedes } from 'aedes';
import type { Logger } from '@lingtan/runtime';

/** The in-process MQTT broker of the embedded platform. */
export interface EmbeddedBroker {
  readonly url: string;
  /** Resolves when a client with this id has subscribed to something. */
  subscribed(clientId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Start Aedes (MQTT 3.1.1, QoS 1, persistent sessions kept in memory) on `host:port`.
 * Production uses Mosquitto or EMQX; Aedes keeps `pnpm start` free of system packages.
 */
export async function startEmbeddedBroker(host: string, port: number, logger: Logger): Promise<EmbeddedBroker> {
  const aedes = await Aedes.createBroker({ drainTimeout: 30_000 });
  aedes.on('clientError', (client, error) => logger.debug({ client: client.id, err: error.message }, 'mqtt client error'));
  const server = createServer(aedes.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${port} is in use: another broker running? Set LINGTAN_BROKER_PORT to another port`) : error),
    );
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const boundPort = address !== null && typeof address === 'object' ? address.port : port;
  const subscribers = new Set<string>();
  aedes.on('subscribe', (_subscriptions, client) => {
    if (client !== null) subscribers.add(client.id);
  });
  return {
    url: `mqtt://${host}:${boundPort}`,
    subscribed: (clientId) =>
      new Promise<void>((resolve) => {
        if (subscribers.has(clientId)) return resolve();
        const check = (_s: unknown, client: { id: string } | null) => {
          if (client?.id !== clientId) return;
          aedes.removeListener('subscribe', check);
          resolve();
        };
        aedes.on('subscribe', check);
      }),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
    },
  };
}
