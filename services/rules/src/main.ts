// Composition root of the rules service: the only file that reads the environment, opens
// connections and handles signals.
import { randomUUID } from 'node:crypto';
import { indexRegistry } from '@lingtan/domain';
import { Metrics, createLogger, createMqttClient, installShutdown, loadConfig, loadRegistryFile, openMqtt, runMain, serveOps } from '@lingtan/runtime';
import { rulesConfigSchema } from '@lingtan/schema';
import { buildRules } from './app.js';
import { loadRulesFile, watchRulesFile } from './rules-file.js';
import { checkAgainstRegistry } from './subjects.js';

async function main(): Promise<void> {
  const config = loadConfig(rulesConfigSchema);
  const logger = createLogger('rules', config.logLevel);
  const registry = indexRegistry(await loadRegistryFile(config.registryPath));
  const check = (file: Parameters<typeof checkAgainstRegistry>[0]) => checkAgainstRegistry(file, registry);
  // At boot there are no old rules to keep: a bad file stops the service (fail fast).
  const initial = await loadRulesFile(config.rulesPath, check);
  if (!initial.ok) throw new Error(`LINGTAN_RULES_FILE: ${initial.detail}`);
  logger.info({ park: registry.parkId, rules: initial.rules.rules.length, file: config.rulesPath }, 'rules loaded');

  const mqtt = createMqttClient({ url: config.mqtt.url, clientId: config.clientId, username: config.mqtt.username, password: config.mqtt.password, clean: false });
  mqtt.on('error', (error) => logger.warn({ err: error.message }, 'mqtt error'));
  mqtt.on('offline', () => logger.warn('mqtt offline; reconnecting'));

  const metrics = new Metrics();
  const service = buildRules({ mqtt, registry, rules: initial.rules, config, clock: { nowMs: () => Date.now() }, logger, metrics, newAlertId: randomUUID });
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
  const ops = await serveOps({ mqtt: () => Promise.resolve({ ok: mqtt.connected }) }, metrics, logger, config.http);
  installShutdown(logger, [
    async () => {
      stopWatching();
      await service.stop();
      logger.info({ metrics: metrics.snapshot() }, 'final stats');
    },
    () => ops.close(),
  ]);
  await openMqtt(mqtt);
  await service.start();
  logger.info({ mqtt: config.mqtt.url, ops: ops.url }, 'rules running');
}

runMain('rules', main);
