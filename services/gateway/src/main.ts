// Composition root of the gateway: the only file that reads the environment, opens
// connections and handles signals.
import { randomBytes, randomUUID } from 'node:crypto';
import { Metrics, createLogger, createMqttClient, installShutdown, loadConfig, loadLiveRegistry, openMqtt, runMain, serveOps } from '@lingtan/runtime';
import { alertCommandsTopic, gatewayConfigSchema, readingsSubscription, simCommandsTopic, simStatusTopic } from '@lingtan/schema';
import { describeStore, openStore } from '@lingtan/store';
import { buildGateway, gatewayHealthChecks } from './app.js';
import { createAuditLog } from './audit.js';
import { loadUsersFile } from './auth/users.js';
import { createDeadLetterTally } from './dead-letter-tally.js';
import { feedSubscriptions, routeFeedMessage } from './feed-router.js';
import { credentialCommand } from './hash-password.js';
import { followRegistryFile } from './registry/follow-file.js';
import { createRegistryAdmin } from './registry/registry-admin.js';
import { registryWriteProblem } from './registry/writable.js';
import { loadTariffFile } from './tariff.js';
import { createSimStatusBook } from './routes/sim-routes.js';
import { createOpenAlerts } from './query/open-alerts.js';
import { attachLiveFeed, budgetsFromRegistry, createLiveModel } from './live/index.js';

async function main(): Promise<void> {
  const printed = await credentialCommand(process.argv.slice(2).filter((a) => a !== '--'));
  if (printed !== undefined) {
    process.stdout.write(`${printed.join('\n')}\n`);
    return;
  }
  const config = loadConfig(gatewayConfigSchema);
  const logger = createLogger('gateway', config.logLevel);
  // The text too: its hash is the ETag of admin writes, and the watcher starts from it.
  const { live: registry, text: registryText } = await loadLiveRegistry(config.registryPath);
  // The park's id and time zone never change (the live registry refuses that), so these may be kept.
  const park = registry.registry.park;
  const users = await loadUsersFile(config.usersPath, registry);
  const tariff = config.tariffPath === undefined ? undefined : await loadTariffFile(config.tariffPath, park.timezone);
  let sessionSecret = config.sessionSecret;
  if (sessionSecret === undefined) {
    sessionSecret = randomBytes(32).toString('base64url');
    logger.warn('LINGTAN_GATEWAY_SESSION_SECRET is not set: using a random key, so sessions end when the gateway stops and other instances cannot read them. Set it outside the demo.');
  }
  const clock = { nowMs: () => Date.now() };
  const metrics = new Metrics();
  const store = openStore(config.store, park.timezone);
  await store.init();

  // Live data only: a clean session, and a unique id so several gateways can run.
  const mqtt = createMqttClient({ url: config.mqtt.url, clientId: `${config.clientId}-${randomUUID().slice(0, 8)}`, username: config.mqtt.username, password: config.mqtt.password, clean: true });
  mqtt.on('error', (error) => logger.warn({ err: error.message }, 'mqtt error'));
  mqtt.on('offline', () => logger.warn('mqtt offline; reconnecting'));

  const audit = createAuditLog({ logger, metrics, clock });
  const deadLetters = createDeadLetterTally(park.timezone, clock);
  const registryLog = logger.child({ component: 'registry' });
  const readOnlyReason = config.registryWrites ? await registryWriteProblem(config.registryPath) : 'writes are off (LINGTAN_GATEWAY_REGISTRY_WRITES=false)';
  if (readOnlyReason !== undefined) registryLog.warn({ path: config.registryPath, reason: readOnlyReason }, 'registry is read-only: admin writes answer 503');
  const registryAdmin = createRegistryAdmin({
    path: config.registryPath,
    live: registry,
    text: registryText,
    ...(readOnlyReason === undefined ? {} : { readOnlyReason }),
    onListenerError: (error) => registryLog.error({ err: error, errors: error.errors.map(String) }, 'registry change applied, but a listener failed'),
  });
  const model = createLiveModel({ registry, clock, store, logger: logger.child({ component: 'live' }), budgets: (r) => budgetsFromRegistry(r, clock.nowMs()) });
  // The simulator's retained status, for GET /api/v1/sim.
  const simStatus = createSimStatusBook();
  // With a share group this instance sees only a share of the alert events, so its list reads the store.
  const openAlerts = config.shareGroup === undefined ? createOpenAlerts({ store, park: park.id, clock }) : undefined;
  const health = {
    mqtt: () => Promise.resolve({ ok: mqtt.connected }),
    registry: () => Promise.resolve({ ok: true, detail: { revision: registryAdmin.snapshot().revision, etag: registryAdmin.snapshot().etag, writable: readOnlyReason === undefined } }),
  };
  const gateway = buildGateway({
    store,
    registry,
    users,
    publishCommand: async (command) => {
      await mqtt.publishAsync(alertCommandsTopic(park.id), JSON.stringify(command), { qos: 1 });
    },
    clock,
    logger,
    metrics,
    sessionSecret,
    sessionTtlS: config.sessionTtlS,
    cookieSecure: config.cookieSecure,
    corsOrigins: config.corsOrigins,
    staticDir: config.staticDir,
    loginRatePerMin: config.loginRatePerMin,
    ratePerMin: config.ratePerMin,
    trustProxy: config.trustProxy,
    ...(openAlerts === undefined ? {} : { openAlerts }),
    deadLetters,
    ...(tariff === undefined ? {} : { tariff }),
    health,
    registryAdmin,
    audit,
    sim: {
      status: simStatus,
      publish: async (command) => {
        await mqtt.publishAsync(simCommandsTopic(park.id), JSON.stringify(command), { qos: 1 });
      },
      recordingsDir: config.simRecordingsDir,
    },
  });

  const live = attachLiveFeed(gateway.server, {
    model,
    authenticate: (req) => gateway.auth.principalFromRequest(req),
    authenticateToken: (token) => gateway.auth.principalFromToken(token),
    audit: (e) =>
      audit.record({
        outcome: 'refused',
        action: e.action,
        actor: e.principal?.userId ?? 'anonymous',
        ...(e.principal === undefined ? {} : { role: e.principal.role, ...(e.principal.enterprise === undefined ? {} : { enterprise: e.principal.enterprise }) }),
        resource: e.target,
        code: 'forbidden',
        detail: e.reason,
      }),
    logger: logger.child({ component: 'live' }),
    metrics,
    clock,
    ...(config.redisUrl === undefined ? {} : { redisUrl: config.redisUrl }),
    ...(config.corsOrigins.length === 0 ? {} : { corsOrigins: config.corsOrigins }),
  });
  await live.ready;

  mqtt.on('message', (topic, payload) => {
    if (topic === simStatusTopic(park.id)) {
      if (!simStatus.onMessage(payload, clock.nowMs())) logger.warn({ topic }, 'simulator status does not parse; keeping the last one');
      return;
    }
    routeFeedMessage(park.id, topic, payload, {
      onBatch: (batch) => model.onBatch(batch),
      onAlert: (event) => {
        model.onAlert(event);
        openAlerts?.apply(event);
        // With a share group only this instance got the event; the Redis adapter carries it to the others' clients.
        live.publishAlert(event);
      },
      onDeadLetter: (dl) => {
        deadLetters.add(dl);
        model.onDeadLetter(dl);
      },
    }, metrics);
  });
  // A clean session loses the events published while it was away: after a reconnect the open alerts are read again.
  let connections = 0;
  const seedOpenAlerts = () => openAlerts?.seed().catch((error: unknown) => logger.warn({ err: String(error) }, 'open alerts not read from the store; the alert list reads the store until they are'));
  mqtt.on('connect', () => {
    connections += 1;
    if (connections > 1) void seedOpenAlerts();
    mqtt.subscribe(simStatusTopic(park.id), { qos: 1 }, (error) => {
      if (error) logger.error({ err: error.message }, 'mqtt subscribe to the simulator status failed');
    });
    mqtt.subscribe(feedSubscriptions(park.id, readingsSubscription(park.id), config.shareGroup), { qos: 1 }, (error) => {
      if (error) logger.error({ err: error.message }, 'mqtt subscribe failed');
    });
  });

  await new Promise<void>((resolve, reject) => {
    gateway.server.once('error', reject);
    gateway.server.listen(config.http.port, config.http.host, () => resolve());
  });
  const address = gateway.server.address();
  const url = `http://${config.http.host}:${typeof address === 'object' && address !== null ? address.port : config.http.port}`;
  // Closed in reverse: the live feed, the server (no new requests), the broker, the store.
  // Checks with their details and /metrics, on loopback by default like the ingestor's and the rules service's.
  const ops = await serveOps(gatewayHealthChecks({ store, health }), metrics, logger, config.ops);
  const stopRegistryWatch = followRegistryFile({ admin: registryAdmin, initialText: registryText, intervalMs: config.registryPollMs, logger: registryLog, metrics });
  installShutdown(logger, [
    () => store.close(),
    () => mqtt.endAsync(),
    () =>
      new Promise<void>((resolve) => {
        gateway.server.close(() => resolve());
        gateway.server.closeIdleConnections();
      }),
    () => live.close(),
    () => Promise.resolve(stopRegistryWatch()),
    () => ops.close(),
  ]);
  await openMqtt(mqtt);
  await seedOpenAlerts();
  await model.seed().catch((error: unknown) => logger.warn({ err: String(error) }, 'live model seed failed; starting from empty totals'));
  logger.info({ url, ops: ops.url, mqtt: config.mqtt.url, store: describeStore(config.store), users: config.usersPath }, 'gateway running');
}

runMain('gateway', main);
