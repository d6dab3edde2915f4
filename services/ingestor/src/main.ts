// Composition root of the ingestor: the only file that reads the environment, opens
// connections and handles signals.
import { indexRegistry } from '@lingtan/domain';
import { Metrics, connectMqtt, createLogger, installShutdown, loadConfig, loadRegistryFile } from '@lingtan/runtime';
import { ingestorConfigSchema } from '@lingtan/schema';
import { describeStore, openStore } from '@lingtan/store';
import { buildIngestor } from './app.js';

async function main(): Promise<void> {
  const config = loadConfig(ingestorConfigSchema);
  const logger = createLogger('ingestor', config.logLevel);
  const registry = indexRegistry(await loadRegistryFile(config.registryPath));
  logger.info({ park: registry.parkId, meters: registry.registry.meters.length, registry: config.registryPath }, 'registry loaded');

  const store = openStore(config.store);
  await store.init();
  logger.info(describeStore(config.store), 'store ready');

  const mqtt = await connectMqtt({
    url: config.mqtt.url,
    clientId: config.clientId,
    username: config.mqtt.username,
    password: config.mqtt.password,
    clean: false,
  });
  mqtt.on('error', (error) => logger.warn({ err: error.message }, 'mqtt error'));
  mqtt.on('reconnect', () => logger.warn('mqtt reconnecting'));

  const metrics = new Metrics();
  const ingestor = buildIngestor({ mqtt, store, registry, config, clock: { nowMs: () => Date.now() }, logger, metrics });
  const statsTimer = setInterval(() => logger.info({ metrics: metrics.snapshot() }, 'stats'), 30_000);
  statsTimer.unref();
  installShutdown(logger, [
    () => store.close(),
    async () => {
      await ingestor.stop();
      logger.info({ metrics: metrics.snapshot() }, 'final stats');
    },
  ]);
  await ingestor.start();
  logger.info({ mqtt: config.mqtt.url }, 'ingestor running');
}

main().catch((error: unknown) => {
  // Before the logger exists (bad config), a plain message on stderr is what a person reads.
  process.stderr.write(`ingestor failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
