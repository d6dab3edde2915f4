import type { Clock, LiveRegistry, RegistryChange, RegistryIndex } from '@lingtan/domain';
import { enterprisesOf } from '@lingtan/domain';
import type { Logger, Metrics, MqttClient } from '@lingtan/runtime';
import { followSubscriptions } from '@lingtan/runtime';
import { alertCommandsTopic, alertsTopic, normalizedBatchSchema, readingsSubscription, readingsTopic } from '@lingtan/schema';
import type { AlertEvent, RulesConfig, RulesFile } from '@lingtan/schema';
import { CommandHandler } from './commands.js';
import { RuleEngine } from './engine.js';
import { Notifier, fetchPost } from './notify/notifier.js';
import type { Post } from './notify/notifier.js';
import { AlertEventWriter } from './persist/event-writer.js';
import type { WriteAlertEvents } from './persist/event-writer.js';
import { currentAlerts } from './persist/rebuild.js';
import { rulesForRegistry } from './subjects.js';
import type { DroppedRule } from './subjects.js';

/** What the rules service is built from; `main.ts` passes real ones, tests pass what they need. */
export interface RulesDeps {
  readonly mqtt: MqttClient;
  /**
   * A live registry (`createLiveRegistry`) is followed: rule subjects, owned enterprises and
   * their subscriptions change with it, and alerts of removed subjects are cleared. A plain
   * index is taken as fixed.
   */
  readonly registry: RegistryIndex & { readonly onChange?: LiveRegistry['onChange'] };
  /** The rules to start with; a rule that cannot run against the registry is dropped (`rulesForRegistry`). */
  readonly rules: RulesFile;
  /** Seed the period totals of evaluators compiled since the last seeding (`seedPeriodTotals`); called after a registry change. */
  readonly seedTotals?: () => Promise<unknown>;
  readonly config: Pick<RulesConfig, 'evaluateIntervalMs' | 'partition'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly newAlertId: () => string;
  /** How notifications are POSTed (default: Node's fetch); retry waits, for tests. */
  readonly post?: Post;
  readonly notifyRetryDelaysMs?: readonly number[];
  /** Where lifecycle events are stored (the store port's `writeAlertEvents`); none in some tests. */
  readonly writeAlertEvents?: WriteAlertEvents;
  /** Store retry waits, for tests. */
  readonly storeRetryBaseMs?: number;
}

/** Where rebuilding alert state from the store stands (reported by `/healthz`). */
export type RebuildStatus =
  | { readonly state: 'pending' }
  | { readonly state: 'done'; readonly events: number; readonly open: number }
  | { readonly state: 'failed'; readonly detail: string };

/** The running rules service. */
export interface RulesService {
  /** Subscribe (QoS 1) to the park's normalized readings and start the evaluation timer. */
  start(): Promise<void>;
  /**
   * Rebuild alert state from stored events (before `start`), or record why it could not be
   * (the service then runs without history: alerts may be raised again).
   */
  restore(history: { ok: true; events: readonly AlertEvent[] } | { ok: false; detail: string }): RebuildStatus;
  readonly rebuild: RebuildStatus;
  /** Alert events waiting for the store. */
  readonly writer: AlertEventWriter | undefined;
  /** Swap in new rules (from a reload); rules left unchanged keep their state. */
  setRules(rules: RulesFile): void;
  /** Rules of the file left out because they cannot run against the registry now, with why (for `/healthz`). */
  readonly dropped: readonly DroppedRule[];
  /** The evaluator, for acknowledgements and clears by hand and for inspection. */
  readonly engine: RuleEngine;
  /** Webhook and robot deliveries. */
  readonly notifier: Notifier;
  /** Stop the timer and disconnect. */
  stop(): Promise<void>;
}

/**
 * The rules service: normalized batches in, alert lifecycle events out on
 * `ems-int/v1/{parkId}/alerts` (QoS 1). Readings drive threshold and counter-mark rules;
 * a timer drives offline detection. A bad message is counted and logged, never thrown.
 */
export function buildRules(deps: RulesDeps): RulesService {
  const { mqtt, registry, clock, logger, metrics } = deps;
  // A partition owns whole enterprises: their readings come here and nowhere else.
  const owned = new Set(enterprisesOf(registry, deps.config.partition));
  const engine = new RuleEngine(registry, deps.newAlertId, (meter) => owned.has(meter.enterprise));
  let file = deps.rules;
  let dropped: readonly DroppedRule[] = [];
  metrics.gauge('rules_dropped', () => dropped.length);
  /** The rules of `file` that can run against the registry now; newly dropped and returning rules are logged and counted. */
  const runnable = (): RulesFile => {
    const out = rulesForRegistry(file, registry);
    const was = new Set(dropped.map((d) => d.ruleId));
    for (const d of out.dropped) {
      if (was.has(d.ruleId)) continue;
      metrics.inc('rules_dropped_total');
      logger.warn({ rule: d.ruleId, problems: d.problems }, 'rule dropped: it cannot run against the registry; the other rules go on');
    }
    const now = new Set(out.dropped.map((d) => d.ruleId));
    for (const id of was) if (!now.has(id) && file.rules.some((r) => r.id === id)) logger.info({ rule: id }, 'dropped rule runs again: the registry has what it names');
    dropped = out.dropped;
    return out.rules;
  };
  engine.setRules(runnable(), clock.nowMs());
  const topic = alertsTopic(registry.parkId);

  const notifier = new Notifier({
    logger: logger.child({ component: 'notify' }),
    metrics,
    nowMs: () => clock.nowMs(),
    post: deps.post ?? fetchPost,
    timeZone: registry.registry.park.timezone,
    ...(deps.notifyRetryDelaysMs === undefined ? {} : { retryDelaysMs: deps.notifyRetryDelaysMs }),
  });
  notifier.setReceivers(deps.rules.notifications, deps.rules.digest_min_events);

  const writer =
    deps.writeAlertEvents === undefined
      ? undefined
      : new AlertEventWriter({ write: deps.writeAlertEvents, logger: logger.child({ component: 'alert-store' }), metrics, ...(deps.storeRetryBaseMs === undefined ? {} : { retryBaseMs: deps.storeRetryBaseMs }) });
  let rebuild: RebuildStatus = { state: 'pending' };

  const publish = (events: readonly AlertEvent[]) => {
    writer?.enqueue(events);
    notifier.notifyAll(events);
    for (const event of events) {
      metrics.inc('rules_alert_events_total', { type: event.type, kind: event.kind });
      mqtt.publish(topic, JSON.stringify(event), { qos: 1 }, (error) => {
        if (error) {
          metrics.inc('rules_publish_failures_total');
          logger.warn({ err: error.message, alert: event.alertId, type: event.type }, 'alert event not published');
        }
      });
    }
  };

  const handle = (messageTopic: string, payload: Buffer) => {
    metrics.inc('rules_batches_total');
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      json = undefined;
    }
    const parsed = normalizedBatchSchema.safeParse(json);
    if (!parsed.success) {
      metrics.inc('rules_batches_refused_total');
      logger.warn({ topic: messageTopic, detail: parsed.error.issues[0]?.message }, 'normalized batch refused');
      return;
    }
    const outcome = engine.onBatch(parsed.data);
    metrics.inc('rules_readings_total', undefined, parsed.data.readings.length);
    if (outcome.skipped > 0) metrics.inc('rules_readings_skipped_total', undefined, outcome.skipped);
    publish(outcome.events);
  };

  const commandsTopic = alertCommandsTopic(registry.parkId);
  const commands = new CommandHandler(engine, deps.config.partition.count > 1);
  const handleCommand = (payload: Buffer) => {
    const outcome = commands.handle(payload);
    if (!outcome.ok) {
      metrics.inc('rules_commands_total', { outcome: outcome.code });
      // Another instance's alert is normal in a partitioned deployment: not worth a warning.
      const log = outcome.code === 'not_owned' ? logger.debug.bind(logger) : logger.warn.bind(logger);
      log({ code: outcome.code, detail: outcome.detail, command: outcome.commandId }, 'alert command refused');
    } else if ('duplicate' in outcome) {
      metrics.inc('rules_commands_total', { outcome: 'duplicate' });
    } else {
      metrics.inc('rules_commands_total', { outcome: 'applied' });
      logger.info({ command: outcome.command.commandId, type: outcome.command.type, alert: outcome.command.alertId, by: outcome.command.by }, 'alert command applied');
      publish([outcome.event]);
    }
  };

  // Installed before the client connects, so a persistent session's queued batches are
  // evaluated, not acknowledged unseen (see docs/architecture.md, "Handlers before connecting").
  mqtt.on('message', (messageTopic, payload) => {
    try {
      if (messageTopic === commandsTopic) handleCommand(payload);
      else handle(messageTopic, payload);
    } catch (error) {
      metrics.inc('rules_handler_errors_total');
      logger.error({ err: error, topic: messageTopic }, 'batch handler failed');
    }
  });

  const subscriptions = followSubscriptions(
    mqtt,
    () => [...(deps.config.partition.count === 1 ? [readingsSubscription(registry.parkId)] : [...owned].map((id) => readingsTopic(registry.parkId, id))), commandsTopic],
    { logger: logger.child({ component: 'subscriptions' }), metrics, failureMetric: 'rules_resubscribe_failures_total' },
  );
  /** Period totals (budgets, green share, zero carbon) compiled since the last seeding count their period so far from the store. */
  const seedNew = () => {
    if (deps.seedTotals !== undefined) void deps.seedTotals().catch((error: unknown) => logger.warn({ err: error }, 'period totals not seeded'));
  };
  const onRegistryChange = (change: RegistryChange) => {
    // Synchronous, between two batches: no batch is evaluated half against the old registry.
    owned.clear();
    for (const id of enterprisesOf(registry, deps.config.partition)) owned.add(id);
    const events = engine.registryChanged(change, runnable(), clock.nowMs());
    publish(events);
    const cleared = events.filter((e) => e.cleared?.by === 'system');
    if (cleared.length > 0) logger.info({ alerts: cleared.map((e) => ({ alert: e.alertId, key: e.key, reason: e.cleared?.reason })) }, 'alerts cleared after the registry change');
    if (deps.config.partition.count > 1) subscriptions.follow();
    seedNew();
  };
  const stopFollowing = registry.onChange?.(onRegistryChange);

  let timer: NodeJS.Timeout | undefined;
  let orphansCleared: AlertEvent[] = [];
  return {
    engine,
    writer,
    get rebuild() {
      return rebuild;
    },
    restore: (history) => {
      if (!history.ok) {
        rebuild = { state: 'failed', detail: history.detail };
        logger.error({ detail: history.detail }, 'alert state not rebuilt from the store; alerts already open may be raised again');
        return rebuild;
      }
      const restored = currentAlerts(history.events);
      const open = engine.restore(restored);
      // Published once connected (start); the lowest partition alone, so each is cleared once.
      if (deps.config.partition.index === 0) orphansCleared = engine.clearOrphans(restored, clock.nowMs());
      if (orphansCleared.length > 0) logger.info({ alerts: orphansCleared.map((e) => e.key) }, 'open alerts of subjects removed from the registry meanwhile cleared');
      rebuild = { state: 'done', events: history.events.length, open };
      logger.info({ events: history.events.length, open }, 'alert state rebuilt from the store');
      return rebuild;
    },
    start: async () => {
      await subscriptions.start();
      publish(orphansCleared);
      orphansCleared = [];
      const filters = subscriptions.current.filter((t) => t !== commandsTopic);
      timer = setInterval(() => publish(engine.tick(clock.nowMs())), deps.config.evaluateIntervalMs);
      const { index, count } = deps.config.partition;
      logger.info({ topics: filters.length <= 3 ? filters : `${filters.length} filters`, partition: `${index}/${count}`, alerts: topic }, 'subscribed');
    },
    get dropped() {
      return dropped;
    },
    setRules: (rules) => {
      file = rules;
      engine.setRules(runnable(), clock.nowMs());
      seedNew();
      notifier.setReceivers(rules.notifications, rules.digest_min_events);
    },
    notifier,
    stop: async () => {
      stopFollowing?.();
      if (timer !== undefined) clearInterval(timer);
      await subscriptions.idle();
      await mqtt.endAsync();
      // Events not yet stored get a few seconds; the store dedups by eventId, so a
      // partial write is harmless.
      if (writer !== undefined && !(await writer.drain(5000))) logger.warn({ queued: writer.queued }, 'alert events left unstored at shutdown');
      writer?.stop();
      // Deliveries under way finish (or exhaust their retries) before the process exits.
      await notifier.idle();
    },
  };
}
