// Composition root of the rules service: the only file that reads the environment, opens
// connections and handles signals.
import { randomUUID } from 'node:crypto';
import { Metrics, createLogger, createMqttClient, installShutdown, loadConfig, loadLiveRegistry, openMqtt, registryReloader, runMain, serveOps, watchRegistryFile } from '@lingtan/runtime';
import { rulesConfigSchema } from '@lingtan/schema';
import { describeStore, openStore } from '@lingtan/store';
import type { TimeSeriesStore } from '@lingtan/store';
import { buildRules } from './app.js';
import { loadHistory } from './persist/rebuild.js';
import { seedPeriodTotals } from './persist/seed.js';
import { loadRulesFile, watchRulesFile } from './rules-file.js';
import { checkAgainstRegistry } from './subjects.js';

async function main(): Promise<void> {
  const config = loadConfig(rulesConfigSchema);
  const logger = createLogger('rules', config.logLevel);
  const { live: registry, text: registryText } = await loadLiveRegistry(config.registryPath);
  // A reloaded rules file is checked against the registry and refused whole (the old rules stay).
  const check = (file: Parameters<typeof checkAgainstRegistry>[0]) => checkAgainstRegistry(file, registry);
  // At boot there are no old rules to keep: a file the schema refuses stops the service (fail
  // fast). Against the registry, a rule naming a meter or enterprise gone since the file was
  // written is dropped, logged and shown on /healthz (buildRules), so the other rules run.
  const initial = await loadRulesFile(config.rulesPath);
  if (!initial.ok) throw new Error(`LINGTAN_RULES_FILE: ${initial.detail}`);
  logger.info({ park: registry.parkId, rules: initial.rules.rules.length, file: config.rulesPath }, 'rules loaded');

  const mqtt = createMqttClient({ url: config.mqtt.url, clientId: config.clientId, username: config.mqtt.username, password: config.mqtt.password, clean: false });
  mqtt.on('error', (error) => logger.warn({ err: error.message }, 'mqtt error'));
  mqtt.on('offline', () => logger.warn('mqtt offline; reconnecting'));

  const store = openAlertStore(config.store, registry.registry.park.timezone, logger);
  const metrics = new Metrics();
  const service = buildRules({
    mqtt,
    registry,
    rules: initial.rules,
    config,
    clock: { nowMs: () => Date.now() },
    logger,
    metrics,
    newAlertId: randomUUID,
    ...(store === undefined ? {} : { writeAlertEvents: (events) => store.writeAlertEvents(events) }),
    ...(store === undefined ? {} : { seedTotals: () => seedTotals(store) }),
  });
  // Budgets count their period's use so far from the store's daily aggregates: at start, and for rules compiled later.
  function seedTotals(from: TimeSeriesStore): Promise<number> {
    const timeZone = registry.registry.park.timezone;
    return seedPeriodTotals(service.engine, (q) => from.queryAggregates({ park: registry.parkId, resolution: '1d', timeZone, ...q }), Date.now(), logger);
  }
  // An admin's registry edit reaches rule subjects, owned enterprises and open alerts without a restart.
  const reloader = registryReloader(registry, { metrics, logger: logger.child({ component: 'registry' }), nowMs: () => Date.now(), source: config.registryPath });
  const stopWatchingRegistry = watchRegistryFile(config.registryPath, registryText, config.registryPollMs, reloader);
  const stopWatching = watchRulesFile(
    config.rulesPath,
    initial.text,
    config.reloadIntervalMs,
    {
      onRules: (rules) => {
        service.setRules(rules);
        metrics.inc('rules_reloads_total', { outcome: 'applied' });
        logger.info({ rules: rules.rules.length, file: config.rulesPath }, 'rules reloaded');
      },
      onRefused: (detail) => {
        metrics.inc('rules_reloads_total', { outcome: 'refused' });
        logger.error({ file: config.rulesPath, detail }, 'rules file refused; the previous rules stay in force');
      },
    },
    check,
  );
  const ops = await serveOps(
    {
      mqtt: () => Promise.resolve({ ok: mqtt.connected }),
      store: async () => {
        if (store === undefined) return { ok: false, detail: { error: 'no store could be opened' } };
        await store.ping();
        return { ok: true, detail: { queued: service.writer?.queued ?? 0 } };
      },
      // Until the rebuild is done the service has not started evaluating.
      rebuild: () => Promise.resolve({ ok: service.rebuild.state === 'done', detail: service.rebuild }),
      registry: () => reloader.health(),
      // Rules dropped because the registry lacks what they name: the others run (ok), the detail says which and why.
      rules: () => Promise.resolve({ ok: true, detail: { running: service.engine.ruleCount, dropped: service.dropped } }),
    },
    metrics,
    logger,
    config.http,
  );
  installShutdown(logger, [
    async () => {
      stopWatching();
      stopWatchingRegistry();
      await service.stop();
      logger.info({ metrics: metrics.snapshot() }, 'final stats');
    },
    () => ops.close(),
    () => store?.close() ?? Promise.resolve(),
  ]);
  // Rebuild before evaluating anything: a persistent session keeps the readings queued at
  // the broker meanwhile, and a condition still present then updates its stored alert.
  const history =
    store === undefined
      ? ({ ok: false, detail: 'no store' } as const)
      : await loadHistory({
          // init (idempotent) first: on a fresh InfluxDB the database may not exist yet.
          query: async (fromMs, toMs) => {
            await store.init();
            return store.queryAlertEvents({ park: registry.parkId, fromMs, toMs });
          },
          nowMs: Date.now(),
          lookbackDays: config.rebuildDays,
          logger,
          giveUpAfterMs: 60_000,
        });
  service.restore(history);
  // Budgets keep their period's use in memory: count what was used before this start.
  if (store !== undefined) await seedTotals(store);
  await openMqtt(mqtt);
  await service.start();
  logger.info({ mqtt: config.mqtt.url, ops: ops.url }, 'rules running');
}

/** The store for alert events, or undefined (logged) when this kind cannot be opened: alerting goes on without history. */
function openAlertStore(config: Parameters<typeof openStore>[0], timeZone: string, logger: ReturnType<typeof createLogger>): TimeSeriesStore | undefined {
  try {
    const store = openStore(config, timeZone);
    logger.info(describeStore(config), 'alert events stored');
    return store;
  } catch (error) {
    logger.error({ err: error instanceof Error ? error.message : String(error), ...describeStore(config) }, 'alert store not opened; alerts are neither stored nor rebuilt');
    return undefined;
  }
}

runMain('rules', main);
