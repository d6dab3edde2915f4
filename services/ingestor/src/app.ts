import type { Clock, LiveRegistry, RegistryIndex } from '@lingtan/domain';
import type { Logger, Metrics, MqttClient } from '@lingtan/runtime';
import { followSubscriptions } from '@lingtan/runtime';
import { readingsTopic } from '@lingtan/schema';
import type { IngestorConfig } from '@lingtan/schema';
import type { TimeSeriesStore } from '@lingtan/store';
import { AckGate } from './ack-gate.js';
import { DeadLetterPublisher } from './dead-letters.js';
import { Drainer, spoolRecordOf } from './drainer.js';
import { Normalizer } from './normalizer.js';
import type { Spool } from './spool/spool.js';
import { StoreWriter } from './store-writer.js';
import { subscriptionTopics } from './subscriptions.js';
import { validateTelemetry } from './validate.js';

/** What the ingestor is built from; `main.ts` passes real ones, tests pass what they need. */
export interface IngestorDeps {
  readonly mqtt: MqttClient;
  readonly store: TimeSeriesStore;
  readonly spool: Spool;
  /**
   * A live registry (`createLiveRegistry`) is followed: counter settings and state, and the
   * subscriptions of a partition, change with it. A plain index is taken as fixed.
   */
  readonly registry: RegistryIndex & { readonly onChange?: LiveRegistry['onChange'] };
  readonly config: Pick<IngestorConfig, 'shareGroup' | 'partition' | 'batchSize' | 'flushIntervalMs' | 'retryMaxMs' | 'maxFutureMs' | 'maxPastMs'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface Ingestor {
  /** Subscribe (QoS 1) and start draining the spool to the store. */
  start(): Promise<void>;
  /** Stop taking messages, drain the spool for at most `graceMs`, close the spool. */
  stop(graceMs?: number): Promise<void>;
  /** The telemetry filters the broker has granted (empty before `start`). */
  readonly subscribed: readonly string[];
}

/**
 * The ingestor. Each telemetry message is validated; its good readings are appended to the
 * spool and its refusals dead-lettered. The PUBACK waits until the readings are fsynced
 * (AckGate), so a message is acknowledged only once it is on local disk. While the spool is
 * full, intake stops (backpressure onto the broker) rather than dropping. A drainer moves
 * the spool to the store in batches.
 */
export function buildIngestor(deps: IngestorDeps): Ingestor {
  const { mqtt, config, clock, logger, metrics, registry, spool } = deps;
  const abort = new AbortController();
  const deadLetters = new DeadLetterPublisher(mqtt, logger.child({ component: 'dead-letters' }), metrics, () => clock.nowMs());
  const writer = new StoreWriter({
    store: deps.store,
    logger: logger.child({ component: 'writer' }),
    metrics,
    retryInitialMs: 100,
    retryMaxMs: config.retryMaxMs,
    onRefused: (point, error) =>
      deadLetters.publish(
        { topic: `store/${point.meter}`, payload: Buffer.from(JSON.stringify({ ts: point.tsMs, values: point.values })), receivedAtMs: clock.nowMs(), park: point.park, enterprise: point.enterprise, meter: point.meter },
        [{ code: 'store_refused', detail: error.message }],
      ),
    signal: abort.signal,
  });
  const normalizer = new Normalizer(registry, spool.checkpointState);
  const drainer = new Drainer({
    spool,
    writer,
    abort,
    logger: logger.child({ component: 'drainer' }),
    metrics,
    batchRecords: config.batchSize,
    idleWaitMs: config.flushIntervalMs,
    checkpointIntervalMs: 1000,
    nowMs: () => clock.nowMs(),
    normalizer,
    publish: (batches) => {
      for (const batch of batches) {
        mqtt.publish(readingsTopic(batch.park, batch.enterprise), JSON.stringify(batch), { qos: 1 }, (error) => {
          if (error) metrics.inc('ingestor_normalized_publish_failures_total');
        });
        metrics.inc('ingestor_normalized_readings_total', undefined, batch.readings.length);
      }
    },
  });
  const gate = new AckGate(mqtt, () => spool.durableSeq);
  spool.onDurable((seq) => gate.release(seq));
  metrics.gauge('ingestor_spool_bytes', () => spool.depthBytes);
  metrics.gauge('ingestor_spool_oldest_age_seconds', () => spool.oldestAgeMs(clock.nowMs()) / 1000);
  metrics.gauge('ingestor_acks_held', () => gate.heldCount);
  const window = { maxFutureMs: config.maxFutureMs, maxPastMs: config.maxPastMs };

  /** Validate and spool one message; returns the spool sequence its PUBACK must wait for. */
  const handle = (topic: string, payload: Buffer): number => {
    const receivedAtMs = clock.nowMs();
    metrics.inc('ingestor_messages_total');
    const outcome = validateTelemetry(topic, payload, registry, receivedAtMs, window);
    if (outcome.rejections.length > 0) {
      deadLetters.publish({ topic, payload, receivedAtMs, park: outcome.park, enterprise: outcome.address?.enterprise, meter: outcome.address?.meter }, outcome.rejections);
    }
    if (outcome.points.length === 0) return 0;
    metrics.inc('ingestor_readings_accepted_total', undefined, outcome.points.length);
    return spool.append(spoolRecordOf(outcome.points, receivedAtMs), receivedAtMs);
  };

  // Installed now, before the client connects: a persistent session's queued messages come
  // right after CONNACK, and mqtt.js acknowledges any that arrive with no handler set.
  let closing = false;
  mqtt.handleMessage = (packet, done) => {
    if (closing) {
      // Shutting down: neither spooled nor acknowledged, so the broker sends it again later.
      gate.requireDurable(Number.MAX_SAFE_INTEGER);
      return done();
    }
    let seq = 0;
    try {
      seq = handle(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload));
    } catch (error) {
      // validateTelemetry never throws on input; this guards against our own bugs.
      metrics.inc('ingestor_handler_errors_total');
      logger.error({ err: error, topic: packet.topic }, 'message handler failed');
    }
    const ack = () => {
      gate.requireDurable(seq);
      done();
    };
    if (!spool.full) return ack();
    metrics.inc('ingestor_backpressure_waits_total');
    spool.whenRoom().then(ack, done);
  };

  // With several partitions, an enterprise added to this partition is subscribed and a removed
  // one unsubscribed; one partition's wildcard already covers every enterprise.
  const subscriptions = followSubscriptions(mqtt, () => subscriptionTopics(registry, config.partition, config.shareGroup), {
    logger: logger.child({ component: 'subscriptions', partition: `${config.partition.index}/${config.partition.count}` }),
    metrics,
    failureMetric: 'ingestor_resubscribe_failures_total',
    paused: () => closing,
  });
  const stopFollowing = registry.onChange?.((change) => {
    // Synchronous, between two normalizer batches: no reading is normalized half before and half after.
    normalizer.registryChanged(change.meters);
    subscriptions.follow();
  });

  return {
    start: async () => {
      drainer.start();
      await subscriptions.start();
      const topics = subscriptions.current;
      logger.info({ topics: topics.length <= 3 ? topics : `${topics.length} filters`, partition: `${config.partition.index}/${config.partition.count}` }, 'subscribed');
    },
    get subscribed() {
      return subscriptions.current;
    },
    stop: async (graceMs = 10_000) => {
      closing = true;
      stopFollowing?.();
      await subscriptions.idle();
      // Let the held PUBACKs go out, drain while the client can still publish the normalized
      // stream, then disconnect.
      await spool.sync();
      await drainer.stop(graceMs);
      await mqtt.endAsync();
      await spool.close();
    },
  };
}
