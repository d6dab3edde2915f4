import type { MqttClient } from 'mqtt';

/** One message to publish, whatever made it: the fleet, a fault, a recording. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly payload: string | Buffer;
  /** Stream time (device time, or receive time in a recording), epoch ms: what `speed` paces by. */
  readonly atMs: number;
}

/** Counters a progress line reads while a publish runs. */
export interface PublishCounters {
  /** Handed to the client. */
  published: number;
  /** Acknowledged by the broker (PUBACK). */
  acked: number;
  /** Refused by the client (e.g. ended, invalid topic). */
  errors: number;
}

/** Fresh counters, all zero. */
export const createCounters = (): PublishCounters => ({ published: 0, acked: 0, errors: 0 });

/** How to publish: as fast as the broker takes it, paced to stream time, or at a fixed rate. */
export interface StreamOptions {
  /**
   * Stream-time seconds per wall-clock second (1 = real time, 1440 = a day per minute);
   * undefined with no `ratePerS` publishes as fast as the broker acknowledges.
   */
  readonly speed?: number | undefined;
  /** Messages per second to aim at, whatever their stream time (load generation). */
  readonly ratePerS?: number | undefined;
  /** QoS 1 publishes awaiting PUBACK at once: bounds memory and the broker's queue. */
  readonly maxInFlight?: number;
  readonly counters?: PublishCounters;
  readonly signal?: AbortSignal | undefined;
}

/** What a publish achieved. */
export interface PublishSummary {
  readonly messages: number;
  readonly readings: number;
  readonly errors: number;
  readonly elapsedMs: number;
}

/** Wait `ms`, or less if `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
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

/** When message number `index` (stream time `atMs`) is due, in wall-clock epoch ms; undefined: now. */
function dueAtMs(options: StreamOptions, startedMs: number, index: number, atMs: number, firstAtMs: number): number | undefined {
  if (options.ratePerS !== undefined) return startedMs + (index * 1000) / options.ratePerS;
  if (options.speed !== undefined) return startedMs + (atMs - firstAtMs) / options.speed;
  return undefined;
}

/**
 * Publish with QoS 1, keeping at most `maxInFlight` unacknowledged; `onAcked` runs after
 * each PUBACK. Uses the client's callbacks rather than a promise per message: at tens of
 * thousands of messages a second the promise bookkeeping is a visible part of the cost.
 * A recording is read as an async iterable; generated streams stay synchronous for speed.
 */
export async function publishStream<T extends OutgoingMessage>(
  client: MqttClient,
  messages: Iterable<T> | AsyncIterable<T>,
  options: StreamOptions = {},
  onAcked?: (message: T) => void,
): Promise<PublishSummary> {
  const maxInFlight = options.maxInFlight ?? 500;
  const counters = options.counters ?? createCounters();
  const startedMs = Date.now();
  let inFlight = 0;
  let wake: (() => void) | undefined;
  let index = 0;
  let firstAtMs: number | undefined;
  const settle = (message: T, error: unknown) => {
    inFlight--;
    // mqtt.js passes null, not undefined, on success.
    if (error instanceof Error) counters.errors++;
    else {
      counters.acked++;
      onAcked?.(message);
    }
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const drainTo = async (limit: number) => {
    while (inFlight > limit) await new Promise<void>((resolve) => (wake = resolve));
  };
  /** A promise only when the message must wait (pacing or a full window), so the fast path stays synchronous. */
  const ready = (message: T): Promise<void> | undefined => {
    firstAtMs ??= message.atMs;
    const dueMs = dueAtMs(options, startedMs, index, message.atMs, firstAtMs);
    const waitMs = dueMs === undefined ? 0 : dueMs - Date.now();
    if (waitMs > 0) return sleep(waitMs, options.signal).then(() => drainTo(maxInFlight - 1));
    return inFlight >= maxInFlight ? drainTo(maxInFlight - 1) : undefined;
  };
  const send = (message: T) => {
    inFlight++;
    counters.published++;
    index++;
    client.publish(message.topic, message.payload, { qos: 1 }, (error) => settle(message, error));
  };
  if (Symbol.asyncIterator in messages) {
    for await (const message of messages) {
      if (options.signal?.aborted === true) break;
      await ready(message);
      send(message);
    }
  } else {
    for (const message of messages) {
      if (options.signal?.aborted === true) break;
      const wait = ready(message);
      if (wait !== undefined) await wait;
      send(message);
    }
  }
  await drainTo(0);
  return { messages: index, readings: index, errors: counters.errors, elapsedMs: Date.now() - startedMs };
}
