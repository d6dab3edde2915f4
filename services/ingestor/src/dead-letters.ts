import type { Logger, Metrics, MqttClient } from '@lingtan/runtime';
import { DEAD_LETTER_EXCERPT_CHARS, UNKNOWN_PARK, deadLetterTopic } from '@lingtan/schema';
import type { DeadLetter, RejectCode } from '@lingtan/schema';
import type { Rejection } from './validate.js';

/** What the ingestor knows of a refused message when it dead-letters it. */
export interface RefusedMessage {
  readonly topic: string;
  readonly payload: Uint8Array;
  readonly receivedAtMs: number;
  readonly park: string | undefined;
  readonly enterprise?: string | undefined;
  readonly meter?: string | undefined;
}

/** Build the dead letter of one rejection; the payload is excerpted, never copied whole. */
export function toDeadLetter(message: RefusedMessage, rejection: Rejection): DeadLetter {
  const excerpt = Buffer.from(message.payload.subarray(0, DEAD_LETTER_EXCERPT_CHARS * 4)).toString('utf8').slice(0, DEAD_LETTER_EXCERPT_CHARS);
  return {
    v: 1,
    receivedAtMs: message.receivedAtMs,
    topic: message.topic.slice(0, 512),
    code: rejection.code,
    detail: rejection.detail,
    ...(rejection.path === undefined ? {} : { path: rejection.path }),
    ...(message.park === undefined ? {} : { park: message.park }),
    ...(message.enterprise === undefined ? {} : { enterprise: message.enterprise }),
    ...(message.meter === undefined ? {} : { meter: message.meter }),
    ...(rejection.readingIndex === undefined ? {} : { readingIndex: rejection.readingIndex }),
    payloadBytes: message.payload.byteLength,
    payloadExcerpt: excerpt,
  };
}

/**
 * Counts, logs (once per code per minute, so a broken meter cannot flood the log) and
 * publishes rejections to `ems-int/v1/{parkId}/dead-letter` with QoS 1.
 */
export class DeadLetterPublisher {
  private readonly lastLoggedMs = new Map<RejectCode, number>();

  constructor(
    private readonly mqtt: MqttClient,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly nowMs: () => number,
  ) {}

  publish(message: RefusedMessage, rejections: readonly Rejection[]): void {
    for (const rejection of rejections) {
      const letter = toDeadLetter(message, rejection);
      this.metrics.inc('ingestor_rejects_total', { code: rejection.code });
      this.logThrottled(letter);
      this.mqtt.publish(deadLetterTopic(message.park ?? UNKNOWN_PARK), JSON.stringify(letter), { qos: 1 }, (error) => {
        if (error) {
          this.metrics.inc('ingestor_dead_letter_publish_failures_total');
          this.logger.warn({ err: error.message, code: letter.code }, 'could not publish dead letter');
        }
      });
    }
  }

  private logThrottled(letter: DeadLetter): void {
    const now = this.nowMs();
    const last = this.lastLoggedMs.get(letter.code);
    if (last !== undefined && now - last < 60_000) return;
    this.lastLoggedMs.set(letter.code, now);
    const { payloadExcerpt: _excerpt, ...context } = letter;
    this.logger.warn(context, `rejected: ${letter.code} (further ${letter.code} rejects this minute are counted, not logged)`);
  }
}
