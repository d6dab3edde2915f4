import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { MqttClient } from './mqtt.js';

/** The filters to add and to drop when the wanted set moves from `before` to `after`. */
export interface SubscriptionDiff {
  readonly subscribe: readonly string[];
  readonly unsubscribe: readonly string[];
}

/**
 * Filters only in `after` are added, filters only in `before` dropped, shared ones left
 * alone (an unsubscribe and subscribe of the same filter would lose what the broker
 * delivers in between).
 */
export function subscriptionDiff(before: readonly string[], after: readonly string[]): SubscriptionDiff {
  const old = new Set(before);
  const now = new Set(after);
  return { subscribe: after.filter((t) => !old.has(t)), unsubscribe: before.filter((t) => !now.has(t)) };
}

/** Subscriptions that follow a wanted set of filters (the enterprises a partition owns, as the registry changes). */
export interface FollowedSubscriptions {
  /** Subscribe (QoS 1) to what is wanted now; throws when the broker refuses a filter. */
  start(): Promise<void>;
  /** Bring the subscriptions in line with what is wanted now (queued: one change at a time). */
  follow(): void;
  /** Resolves when the changes queued so far are done. */
  idle(): Promise<void>;
  /** The filters the broker has granted. */
  readonly current: readonly string[];
}

/** How followed subscriptions report. */
export interface FollowOptions {
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** The counter of changes that failed (e.g. `ingestor_resubscribe_failures_total`). */
  readonly failureMetric: string;
  /** While true (the service is stopping), changes are not applied. */
  readonly paused?: () => boolean;
}

/**
 * Keep `mqtt`'s subscriptions (QoS 1) equal to `wanted()`, for a service whose filters follow
 * the registry (the enterprises a partition owns): new filters are subscribed before gone
 * ones are dropped, one change at a time, and a failed change is logged, counted
 * (`failureMetric`) and tried again from the old set at the next `follow`.
 */
export function followSubscriptions(mqtt: MqttClient, wanted: () => string[], options: FollowOptions): FollowedSubscriptions {
  const { logger, metrics } = options;
  let current: string[] | undefined;
  let queue = Promise.resolve();
  const subscribe = async (topics: readonly string[]) => {
    const granted = await mqtt.subscribeAsync([...topics], { qos: 1 });
    const refused = granted.filter((g) => g.qos === 128).map((g) => g.topic);
    if (refused.length > 0) throw new Error(`the broker refused the subscription to ${refused.join(', ')}`);
  };
  const apply = async () => {
    if (current === undefined || options.paused?.() === true) return;
    const next = wanted();
    const diff = subscriptionDiff(current, next);
    if (diff.subscribe.length === 0 && diff.unsubscribe.length === 0) return;
    if (diff.subscribe.length > 0) await subscribe(diff.subscribe);
    if (diff.unsubscribe.length > 0) await mqtt.unsubscribeAsync([...diff.unsubscribe]);
    // Only once both went through: after a failure the next change tries again from the old set
    // (subscribing a filter held already replaces it without loss, [MQTT-3.8.4-3]).
    current = next;
    logger.info({ subscribed: diff.subscribe, unsubscribed: diff.unsubscribe }, 'subscriptions follow the registry');
  };
  return {
    start: async () => {
      const topics = wanted();
      await subscribe(topics);
      current = topics;
    },
    follow: () => {
      queue = queue.then(apply).catch((error: unknown) => {
        metrics.inc(options.failureMetric);
        logger.error({ err: error }, 'subscriptions did not follow the registry change');
      });
    },
    idle: () => queue,
    get current() {
      return current ?? [];
    },
  };
}
