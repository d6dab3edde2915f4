import type { MqttClient } from 'mqtt';
import type { FleetMessage } from './fleet.js';
import { payloadOf } from './fleet.js';

/** How to publish: as fast as the broker takes it, or paced to device time. */
export interface PublishOptions {
  /**
   * Device-time seconds per wall-clock second (1 = real time, 1440 = a day per minute);
   * undefined publishes as fast as the broker acknowledges.
   */
  readonly speed?: number;
  /** QoS 1 publishes awaiting PUBACK at once. */
  readonly maxInFlight?: number;
  /** Called after each message is acknowledged by the broker. */
  readonly onPublished?: (message: FleetMessage) => void;
  readonly signal?: AbortSignal;
}

export interface PublishSummary {
  readonly messages: number;
  readonly readings: number;
  readonly elapsedMs: number;
}

/** Wait `ms`, or less if `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Publish messages with QoS 1, keeping at most `maxInFlight` unacknowledged. */
export async function publishMessages(client: MqttClient, messages: Iterable<FleetMessage>, options: PublishOptions = {}): Promise<PublishSummary> {
  const maxInFlight = options.maxInFlight ?? 500;
  const started = Date.now();
  const inFlight = new Set<Promise<void>>();
  let firstTsMs: number | undefined;
  let count = 0;
  for (const message of messages) {
    if (options.signal?.aborted === true) break;
    firstTsMs ??= message.tsMs;
    if (options.speed !== undefined) {
      const dueAt = started + (message.tsMs - firstTsMs) / options.speed;
      const waitMs = dueAt - Date.now();
      if (waitMs > 0) await sleep(waitMs, options.signal);
    }
    const sent = client.publishAsync(message.topic, payloadOf(message), { qos: 1 }).then(() => {
      options.onPublished?.(message);
    });
    const tracked = sent.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    count++;
    if (inFlight.size >= maxInFlight) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { messages: count, readings: count, elapsedMs: Date.now() - started };
}
