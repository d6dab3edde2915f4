import type { Clock, RegistryIndex } from '@lingtan/domain';
import type { Logger, Metrics, MqttClient } from '@lingtan/runtime';
import { TELEMETRY_SUBSCRIPTION } from '@lingtan/schema';
import type { IngestorConfig } from '@lingtan/schema';
import type { TimeSeriesStore } from '@lingtan/store';
import { BatchWriter } from './batch-writer.js';
import { DeadLetterPublisher } from './dead-letters.js';
import { validateTelemetry } from './validate.js';

/** What the ingestor is built from; `main.ts` passes real ones, tests pass what they need. */
export interface IngestorDeps {
  readonly mqtt: MqttClient;
  readonly store: TimeSeriesStore;
  readonly registry: RegistryIndex;
  readonly config: Pick<
    IngestorConfig,
    'shareGroup' | 'batchSize' | 'flushIntervalMs' | 'maxBufferedReadings' | 'retryMaxMs' | 'maxFutureMs' | 'maxPastMs'
  >;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

export interface Ingestor {
  /** Subscribe (QoS 1) and start storing. */
  start(): Promise<void>;
  /** Stop taking messages, write what is buffered. */
  stop(): Promise<void>;
  readonly writer: BatchWriter;
}

/** The subscription: plain, or `$share/{group}/...` so several ingestors split the traffic. */
export function subscriptionTopic(shareGroup: string | undefined): string {
  return shareGroup === undefined ? TELEMETRY_SUBSCRIPTION : `$share/${shareGroup}/${TELEMETRY_SUBSCRIPTION}`;
}

/**
 * The ingestor: every telemetry message is validated; good readings go to the batch writer,
 * refused ones to the dead-letter topic. A message is acknowledged once handled, except
 * while the write buffer is full: then the acknowledgement waits, which stops the broker
 * sending more (backpressure) instead of the ingestor growing without bound.
 */
export function buildIngestor(deps: IngestorDeps): Ingestor {
  const { mqtt, config, clock, logger, metrics, registry } = deps;
  const deadLetters = new DeadLetterPublisher(mqtt, logger.child({ component: 'dead-letters' }), metrics, () => clock.nowMs());
  const writer = new BatchWriter({
    store: deps.store,
    logger: logger.child({ component: 'writer' }),
    metrics,
    options: {
      batchSize: config.batchSize,
      flushIntervalMs: config.flushIntervalMs,
      maxBuffered: config.maxBufferedReadings,
      retryInitialMs: 100,
      retryMaxMs: config.retryMaxMs,
    },
    onRefused: (point, error) =>
      deadLetters.publish(
        { topic: `store/${point.meter}`, payload: Buffer.from(JSON.stringify({ ts: point.tsMs, values: point.values })), receivedAtMs: clock.nowMs(), park: point.park, enterprise: point.enterprise, meter: point.meter },
        [{ code: 'store_refused', detail: error.message }],
      ),
  });
  const window = { maxFutureMs: config.maxFutureMs, maxPastMs: config.maxPastMs };

  const handle = (topic: string, payload: Buffer): void => {
    const receivedAtMs = clock.nowMs();
    metrics.inc('ingestor_messages_total');
    const outcome = validateTelemetry(topic, payload, registry, receivedAtMs, window);
    if (outcome.points.length > 0) {
      metrics.inc('ingestor_readings_accepted_total', {}, outcome.points.length);
      writer.add(outcome.points);
    }
    if (outcome.rejections.length > 0) {
      deadLetters.publish(
        { topic, payload, receivedAtMs, park: outcome.park, enterprise: outcome.address?.enterprise, meter: outcome.address?.meter },
        outcome.rejections,
      );
    }
  };

  return {
    writer,
    start: async () => {
      mqtt.handleMessage = (packet, done) => {
        try {
          handle(packet.topic, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload));
        } catch (error) {
          // validateTelemetry never throws on input; this guards against our own bugs.
          metrics.inc('ingestor_handler_errors_total');
          logger.error({ err: error, topic: packet.topic }, 'message handler failed');
        }
        writer.whenRoom().then(() => done(), done);
      };
      const topic = subscriptionTopic(config.shareGroup);
      const granted = await mqtt.subscribeAsync(topic, { qos: 1 });
      if (granted.some((g) => g.qos === 128)) throw new Error(`the broker refused the subscription to ${topic}`);
      logger.info({ topic }, 'subscribed');
    },
    stop: async () => {
      await mqtt.endAsync();
      await writer.close();
    },
  };
}
