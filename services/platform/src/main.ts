// `pnpm start`: the whole platform on embedded defaults, on a fresh machine with nothing else
// installed: an in-process MQTT broker (Aedes), the ingestor on the embedded store (DuckDB
// under LINGTAN_DATA_DIR), the rules service, and the simulator playing the demo park.
import { fileURLToPath } from 'node:url';
import { createLogger, installShutdown, loadConfig, loadRegistryFile, runMain } from '@lingtan/runtime';
import { platformConfigSchema } from '@lingtan/schema';
import { startEmbeddedBroker } from './broker.js';
import { supervise } from './supervisor.js';
import type { SupervisedProcess } from './supervisor.js';

const INGESTOR_CLIENT_ID = 'lingtan-ingestor';
const RULES_CLIENT_ID = 'lingtan-rules';
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Faster than real time, device time runs ahead of the clock, and the ingestor refuses
 * readings from the future; so a fast simulator starts a day back and catches up.
 */
function simulatorStart(speed: number): string {
  return speed <= 1 ? 'now' : new Date(Math.floor(Date.now() / 60_000) * 60_000 - 86_400_000).toISOString();
}

async function main(): Promise<void> {
  const config = loadConfig(platformConfigSchema);
  const logger = createLogger('platform', config.logLevel);
  const registry = await loadRegistryFile(config.registryPath);
  const broker = await startEmbeddedBroker(config.broker.host, config.broker.port, logger.child({ component: 'broker' }));
  logger.info({ url: broker.url }, 'embedded MQTT broker listening');

  const shared = { LINGTAN_MQTT_URL: broker.url, LINGTAN_REGISTRY: config.registryPath, LINGTAN_LOG_LEVEL: config.logLevel };
  const parts: SupervisedProcess[] = [
    supervise({ name: 'ingestor', entry: 'services/ingestor/src/main.ts', env: { ...shared, LINGTAN_STORE: 'embedded', LINGTAN_DATA_DIR: config.dataDir, LINGTAN_INGESTOR_CLIENT_ID: INGESTOR_CLIENT_ID }, restart: true }, REPO_ROOT, logger),
    supervise({ name: 'rules', entry: 'services/rules/src/main.ts', env: { ...shared, LINGTAN_RULES_CLIENT_ID: RULES_CLIENT_ID }, restart: true }, REPO_ROOT, logger),
  ];
  // The simulator starts once the ingestor's and the rules service's persistent sessions exist,
  // so no first readings are lost.
  await broker.subscribed(INGESTOR_CLIENT_ID);
  await broker.subscribed(RULES_CLIENT_ID);
  if (config.simSpeed > 0) {
    parts.push(
      supervise(
        { name: 'simulator', entry: 'simulator/src/cli.ts', args: ['run', ...(config.simScenario === undefined ? ['--registry', config.registryPath] : ['--scenario', config.simScenario]), '--mqtt', broker.url, '--speed', String(config.simSpeed), '--start', simulatorStart(config.simSpeed)], env: {}, restart: true },
        REPO_ROOT,
        logger,
      ),
    );
  }
  installShutdown(logger, [() => broker.close(), ...parts.map((p) => () => p.stop())]);
  logger.info(
    { park: registry.park.id, meters: registry.meters.length, broker: broker.url, store: `${config.dataDir}/lingtan.duckdb`, simulatorSpeed: config.simSpeed },
    `Lingtan is running: park ${registry.park.name} (${registry.meters.length} meters). Publish telemetry to ${broker.url} on ems/v1/{park}/{enterprise}/{meter}/telemetry. Ctrl-C stops.`,
  );
}

runMain('platform', main);
