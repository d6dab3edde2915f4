// `pnpm start`: the whole platform on embedded defaults, on a fresh machine with nothing else
// installed: an in-process MQTT broker (Aedes), the embedded store (DuckDB under
// LINGTAN_DATA_DIR) opened here and served over HTTP to the services, the ingestor, the
// rules service, the gateway with the control view, and the simulator playing the demo park.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, installShutdown, loadConfig, loadRegistryFile, runMain } from '@lingtan/runtime';
import { platformConfigSchema } from '@lingtan/schema';
import { createDuckDbStore, startStoreServer } from '@lingtan/store';
import { startEmbeddedBroker } from './broker.js';
import { supervise } from './supervisor.js';
import type { SupervisedProcess } from './supervisor.js';

const INGESTOR_CLIENT_ID = 'lingtan-ingestor';
const RULES_CLIENT_ID = 'lingtan-rules';
const GATEWAY_CLIENT_ID = 'lingtan-gateway';
/** The logins of config/users.demo.yaml, printed at start when that file is in use. */
const DEMO_LOGINS = [
  'operator / lingtan-operator-demo   (park operator: the whole park)',
  'steel    / lingtan-steel-demo      (enterprise user: 联鑫钢铁 only)',
  'chem     / lingtan-chem-demo       (enterprise user: 海润化工 only)',
  'engineer / lingtan-engineer-demo   (engineer)',
  'admin    / lingtan-admin-demo      (admin)',
];
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** Stopping waits for the services to drain (each gets 10 s before SIGKILL), then closes the store. */
const SHUTDOWN_GRACE_MS = 30_000;

/**
 * Faster than real time, device time runs ahead of the clock, and the ingestor refuses
 * readings from the future; so a fast simulator starts a day back and catches up.
 */
function simulatorStart(speed: number): string {
  return speed <= 1 ? 'now' : new Date(Math.floor(Date.now() / 60_000) * 60_000 - 86_400_000).toISOString();
}

/**
 * The gateway's session key, made once and kept in the data directory, so that logins
 * survive a restart of the platform (the file is readable by its owner only).
 */
async function sessionSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, 'gateway-session.key');
  if (existsSync(path)) return (await readFile(path, 'utf8')).trim();
  const secret = randomBytes(32).toString('hex');
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The registry the services use and an admin edits through the gateway. Unless
 * LINGTAN_REGISTRY names one, it is a copy of the shipped demo registry in the data
 * directory, made on first start: admins' edits then stay with the data (and survive
 * restarts) instead of changing the repository's config/registry.demo.yaml. Delete the data
 * directory to start again from the demo.
 */
async function workingRegistry(configured: string, dataDir: string): Promise<string> {
  if (process.env.LINGTAN_REGISTRY !== undefined) return resolve(configured);
  const path = join(dataDir, 'registry.yaml');
  if (!existsSync(path)) await copyFile(resolve(configured), path);
  return path;
}

async function main(): Promise<void> {
  const config = loadConfig(platformConfigSchema);
  const logger = createLogger('platform', config.logLevel);
  const broker = await startEmbeddedBroker(config.broker.host, config.broker.port, logger.child({ component: 'broker' }));
  logger.info({ url: broker.url }, 'embedded MQTT broker listening');

  // DuckDB lets one process open the file, and both the ingestor (readings) and the rules
  // service (alert events) write to it: so this process owns it and serves it to them.
  // Absolute, so the children (started in the repository root) find the same directory.
  const dataDir = resolve(config.dataDir);
  await mkdir(dataDir, { recursive: true });
  // Recordings an engineer may replay from the simulation view (start_replay names a file here).
  const recordingsDir = join(dataDir, 'recordings');
  await mkdir(recordingsDir, { recursive: true });
  const registryPath = await workingRegistry(config.registryPath, dataDir);
  const registry = await loadRegistryFile(registryPath);
  const storePath = join(dataDir, 'lingtan.duckdb');
  const store = createDuckDbStore({ path: storePath });
  await store.init();
  const storeServer = await startStoreServer(store, { host: '127.0.0.1', port: config.storePort, logger: logger.child({ component: 'store' }) });
  logger.info({ url: storeServer.url, path: storePath }, 'embedded store served');

  const shared = {
    LINGTAN_MQTT_URL: broker.url,
    LINGTAN_REGISTRY: registryPath,
    LINGTAN_LOG_LEVEL: config.logLevel,
    LINGTAN_STORE: 'remote',
    LINGTAN_STORE_URL: storeServer.url,
    LINGTAN_DATA_DIR: dataDir,
  };
  const services: SupervisedProcess[] = [
    supervise({ name: 'ingestor', entry: 'services/ingestor/src/main.ts', env: { ...shared, LINGTAN_INGESTOR_CLIENT_ID: INGESTOR_CLIENT_ID }, restart: true }, REPO_ROOT, logger),
    supervise({ name: 'rules', entry: 'services/rules/src/main.ts', env: { ...shared, LINGTAN_RULES_CLIENT_ID: RULES_CLIENT_ID }, restart: true }, REPO_ROOT, logger),
    supervise(
      {
        name: 'gateway',
        entry: 'services/gateway/src/main.ts',
        env: {
          ...shared,
          LINGTAN_GATEWAY_CLIENT_ID: GATEWAY_CLIENT_ID,
          LINGTAN_GATEWAY_HOST: config.gateway.host,
          LINGTAN_GATEWAY_PORT: String(config.gateway.port),
          LINGTAN_GATEWAY_SESSION_SECRET: process.env.LINGTAN_GATEWAY_SESSION_SECRET ?? (await sessionSecret(dataDir)),
          // The demo park's illustrative time-of-use tariff, for cost figures.
          LINGTAN_GATEWAY_TARIFF: process.env.LINGTAN_GATEWAY_TARIFF ?? 'config/tariff.demo.yaml',
          LINGTAN_SIM_RECORDINGS: recordingsDir,
        },
        restart: true,
      },
      REPO_ROOT,
      logger,
    ),
  ];
  // The simulator starts once the ingestor's and the rules service's persistent sessions exist,
  // so no first readings are lost.
  await broker.subscribed(INGESTOR_CLIENT_ID);
  await broker.subscribed(RULES_CLIENT_ID);
  const simArgs = ['run', ...(config.simScenario === undefined ? ['--registry', registryPath] : ['--scenario', config.simScenario]), '--mqtt', broker.url, '--speed', String(config.simSpeed), '--start', simulatorStart(config.simSpeed), '--control', '--recordings', recordingsDir];
  const simulator = config.simSpeed > 0 ? supervise({ name: 'simulator', entry: 'simulator/src/cli.ts', args: simArgs, env: {}, restart: true }, REPO_ROOT, logger) : undefined;
  // Closers run last first: the simulator, then the services (the ingestor drains its spool
  // into the store), then the store server, the DuckDB file (checkpointed on close), the broker.
  installShutdown(
    logger,
    [
      () => broker.close(),
      () => store.close(),
      () => storeServer.close(),
      async () => {
        await Promise.all(services.map((p) => p.stop()));
      },
      async () => {
        await simulator?.stop();
      },
    ],
    SHUTDOWN_GRACE_MS,
  );
  const viewUrl = `http://${config.gateway.host}:${config.gateway.port}/`;
  const demoUsers = process.env.LINGTAN_GATEWAY_USERS === undefined;
  logger.info(
    { park: registry.park.id, meters: registry.meters.length, broker: broker.url, store: storePath, storeUrl: storeServer.url, controlView: viewUrl, simulatorSpeed: config.simSpeed },
    `Lingtan is running: park ${registry.park.name} (${registry.meters.length} meters). Control view: ${viewUrl}${demoUsers ? ` (demo logins: ${DEMO_LOGINS.join('; ')})` : ''}. Publish telemetry to ${broker.url} on ems/v1/{park}/{enterprise}/{meter}/telemetry. Ctrl-C stops.`,
  );
  // The same for a person at the terminal, between the services' JSON log lines.
  process.stdout.write(
    [
      '',
      `  Lingtan (零碳) is running: ${registry.park.name}, ${registry.meters.length} meters`,
      `  Control view   ${viewUrl}`,
      ...(demoUsers ? [`  Demo logins    ${DEMO_LOGINS.join('\n                 ')}`] : []),
      `  MQTT broker    ${broker.url}   (ems/v1/{park}/{enterprise}/{meter}/telemetry)`,
      '  Ctrl-C stops.',
      '',
      '',
    ].join('\n'),
  );
}

runMain('platform', main);
