import type { Metrics } from '@lingtan/runtime';
import { alertEventSchema, alertsTopic, deadLetterSchema, deadLetterTopic, normalizedBatchSchema } from '@lingtan/schema';
import type { AlertEvent, DeadLetter, NormalizedBatch } from '@lingtan/schema';

/** What the gateway does with the park's internal streams. */
export interface FeedHandlers {
  onBatch(batch: NormalizedBatch): void;
  onAlert(event: AlertEvent): void;
  onDeadLetter(deadLetter: DeadLetter): void;
}

/** The subscriptions of one park; alert events through `$share/{group}/` when several gateways split them. */
export function feedSubscriptions(park: string, readings: string, shareGroup?: string): string[] {
  const alerts = alertsTopic(park);
  return [readings, shareGroup === undefined ? alerts : `$share/${shareGroup}/${alerts}`, deadLetterTopic(park)];
}

/**
 * Route one MQTT message of the internal streams to its handler after parsing it; a payload
 * that does not parse is counted (`gateway_feed_rejected_total{stream}`) and dropped, never thrown.
 * Returns whether the message was used.
 */
export function routeFeedMessage(park: string, topic: string, payload: Buffer, handlers: FeedHandlers, metrics: Metrics): boolean {
  const stream = topic === alertsTopic(park) ? 'alerts' : topic === deadLetterTopic(park) ? 'dead_letter' : topic.endsWith('/readings') ? 'readings' : undefined;
  if (stream === undefined) return false;
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    json = undefined;
  }
  const reject = () => {
    metrics.inc('gateway_feed_rejected_total', { stream });
    return false;
  };
  if (stream === 'alerts') {
    const parsed = alertEventSchema.safeParse(json);
    if (!parsed.success || parsed.data.park !== park) return reject();
    handlers.onAlert(parsed.data);
  } else if (stream === 'dead_letter') {
    const parsed = deadLetterSchema.safeParse(json);
    if (!parsed.success) return reject();
    handlers.onDeadLetter(parsed.data);
  } else {
    const parsed = normalizedBatchSchema.safeParse(json);
    if (!parsed.success || parsed.data.park !== park) return reject();
    handlers.onBatch(parsed.data);
  }
  metrics.inc('gateway_feed_messages_total', { stream });
  return true;
}
