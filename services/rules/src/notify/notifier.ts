import type { Logger, Metrics } from '@lingtan/runtime';
import { SEVERITIES } from '@lingtan/schema';
import type { AlertEvent, Receiver } from '@lingtan/schema';
import type { Delivery, Digest } from './format.js';
import { formatDelivery } from './format.js';

/** POST a delivery; resolves with the HTTP status. Injected so tests and main choose the client. */
export type Post = (delivery: Delivery, timeoutMs: number) => Promise<number>;

export interface NotifierDeps {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly nowMs: () => number;
  readonly post: Post;
  readonly timeZone: string;
  /** Waits between attempts; the number of entries is the number of retries. */
  readonly retryDelaysMs?: readonly number[];
  readonly timeoutMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Node's fetch as the HTTP client. */
export const fetchPost: Post = async (delivery, timeoutMs) => {
  const response = await fetch(delivery.url, { method: 'POST', body: delivery.body, headers: delivery.headers, signal: AbortSignal.timeout(timeoutMs) });
  await response.arrayBuffer();
  return response.status;
};

const rank = (severity: AlertEvent['severity']) => SEVERITIES.indexOf(severity);

/**
 * Delivers alert events to the receivers of their owner, never to anyone else's: an
 * enterprise's alerts to that enterprise's receivers, the park's to the park's. Filters by
 * severity and event type, limits each receiver to `max_per_minute`, and retries a failed
 * delivery (network error, 429, 5xx) with backoff; a 4xx is final. Every outcome is counted.
 */
export class Notifier {
  private receivers: readonly Receiver[] = [];
  private digestMinEvents = Number.POSITIVE_INFINITY;
  private readonly sent = new Map<string, number[]>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly deps: NotifierDeps) {}

  /** `digestMinEvents`: this many events or more for one receiver at once go out as one digest. */
  setReceivers(receivers: readonly Receiver[], digestMinEvents = Number.POSITIVE_INFINITY): void {
    this.receivers = receivers;
    this.digestMinEvents = digestMinEvents;
  }

  notify(event: AlertEvent): void {
    this.notifyAll([event]);
  }

  /**
   * The events of one evaluation (a batch, a tick) at once: each receiver gets those it
   * accepts one by one, or, when they are `digestMinEvents` or more (a gateway and its
   * meters going dark, a budget rule firing for many enterprises), one digest, which counts
   * once against its per-minute limit.
   */
  notifyAll(events: readonly AlertEvent[]): void {
    for (const receiver of this.receivers) {
      const mine = events.filter((event) => {
        const owner = event.owner.scope === 'park' ? 'park' : event.owner.id;
        return receiver.owner === owner && rank(event.severity) <= rank(receiver.min_severity) && receiver.events.includes(event.type);
      });
      if (mine.length === 0) continue;
      const payloads: (AlertEvent | Digest)[] = mine.length >= this.digestMinEvents ? [{ digest: mine }] : mine;
      for (const payload of payloads) {
        if (!this.admit(receiver)) {
          this.deps.metrics.inc('rules_notifications_total', { receiver: receiver.id, outcome: 'rate_limited' });
          continue;
        }
        if ('digest' in payload) this.deps.metrics.inc('rules_notification_digests_total', { receiver: receiver.id });
        const delivery = this.deliver(receiver, payload).finally(() => this.inFlight.delete(delivery));
        this.inFlight.add(delivery);
      }
    }
  }

  /** Resolves when every delivery started so far has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private admit(receiver: Receiver): boolean {
    const now = this.deps.nowMs();
    const recent = (this.sent.get(receiver.id) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= receiver.max_per_minute) return false;
    recent.push(now);
    this.sent.set(receiver.id, recent);
    return true;
  }

  private async deliver(receiver: Receiver, event: AlertEvent | Digest): Promise<void> {
    const { metrics, logger } = this.deps;
    const delays = this.deps.retryDelaysMs ?? [1000, 4000, 15_000, 60_000];
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 0; ; attempt++) {
      const delivery = formatDelivery(receiver, event, this.deps.nowMs(), this.deps.timeZone);
      let status: number | string;
      try {
        status = await this.deps.post(delivery, this.deps.timeoutMs ?? 10_000);
      } catch (error) {
        status = error instanceof Error ? error.message : String(error);
      }
      const context = 'digest' in event ? { receiver: receiver.id, digest: event.digest.length, attempt: attempt + 1, status } : { receiver: receiver.id, alert: event.alertId, type: event.type, attempt: attempt + 1, status };
      if (typeof status === 'number' && status >= 200 && status < 300) {
        metrics.inc('rules_notifications_total', { receiver: receiver.id, outcome: 'delivered' });
        logger.info(context, 'alert delivered');
        return;
      }
      const retriable = typeof status === 'string' || status === 429 || status >= 500;
      if (!retriable || attempt >= delays.length) {
        metrics.inc('rules_notifications_total', { receiver: receiver.id, outcome: 'failed' });
        logger.warn(context, 'alert delivery failed');
        return;
      }
      metrics.inc('rules_notification_retries_total', { receiver: receiver.id });
      await sleep(delays[attempt]!);
    }
  }
}
