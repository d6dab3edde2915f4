// Composition root of the ingestor: the only file that reads the environment, opens
// connections and handles signals.
import { Metrics, createLogger, createMqttClient, installShutdown, loadConfig, loadLiveRegistry, openMqtt, registryReloader, runMain, serveOps, watchRegistryFile } from '@lingtan/runtime';
import { ingestorConfigSchema } from '@lingtan/schema';
import { describeStore, openStore } from '@lingtan/store';
import { buildIngestor } from './app.js';
import { Spool } from './spool/spool.js';

async function main(): Promise<void> {
  const config = loadConfig(ingestorConfigSchema);
  const logger = createLogger('ingestor', config.logLevel);
  const { live: registry, text: registryText } = await loadLiveRegistry(config.registryPath);
  logger.info({ park: registry.parkId, meters: registry.registry.meters.length, registry: config.registryPath }, 'registry loaded');

  const spool = await Spool.open(config.spool);
  logger.info({ dir: config.spool.dir, undrainedBytes: spool.depthBytes, maxBytes: config.spool.maxBytes }, 'spool open');
  const store = openStore(config.store, registry.registry.park.timezone);
  // The store may be down at start: the spool takes readings meanwhile and the drainer retries.
  await store.init().catch((error: unknown) => logger.warn({ err: String(error), ...describeStore(config.store) }, 'store not reachable yet; spooling'));
  logger.info(describeStore(config.store), 'store configured');

  const mqtt = createMqttClient({ url: config.mqtt.url, clientId: config.clientId, username: config.mqtt.username, password: config.mqtt.password, clean: false });
  mqtt.on('error', (error) => logger.warn({ err: error.message }, 'mqtt error'));
  mqtt.on('offline', () => logger.warn('mqtt offline; reconnecting'));

  const metrics = new Metrics();
  const ingestor = buildIngestor({ mqtt, store, spool, registry, config, clock: { nowMs: () => Date.now() }, logger, metrics });
  // An admin's registry edit reaches validation, counter state and subscriptions without a restart.
  const reloader = registryReloader(registry, { metrics, logger: logger.child({ component: 'registry' }), nowMs: () => Date.now(), source: config.registryPath });
  const stopWatching = watchRegistryFile(config.registryPath, registryText, config.registryPollMs, reloader);
  const ops = await serveOps(
    {
      mqtt: () => Promise.resolve({ ok: mqtt.connected }),
      store: () => store.ping().then(() => ({ ok: true })),
      spool: () => Promise.resolve({ ok: !spool.full, detail: { bytes: spool.depthBytes, oldestAgeSeconds: spool.oldestAgeMs(Date.now()) / 1000 } }),
      registry: () => reloader.health(),
    },
    metrics,
    logger,
    config.http,
  );
  installShutdown(logger, [
    () => store.close(),
    async () => {
      stopWatching();
      await ingestor.stop();
      logger.info({ metrics: metrics.snapshot() }, 'final stats');
    },
    () => ops.close(),
  ]);
  await openMqtt(mqtt);
  await ingestor.start();
  logger.info({ mqtt: config.mqtt.url, ops: ops.url }, 'ingestor running');
}

runMain('ingestor', main);
