import type { Logger, Metrics } from '@lingtan/runtime';
import type { AlertEvent } from '@lingtan/schema';

/** What the writer needs of the store: the port's `writeAlertEvents`. */
export type WriteAlertEvents = (events: readonly AlertEvent[]) => Promise<void>;

export interface EventWriterOptions {
  readonly write: WriteAlertEvents;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Events per store call (default 500). */
  readonly batchSize?: number;
  /** Events held while the store is slow or down; past this the oldest are dropped and counted (default 50,000). */
  readonly maxQueued?: number;
  /** First retry wait; doubles per failure up to `retryMaxMs` (defaults 250 ms and 30 s). */
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** Injected so tests need not wait. */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** True unless the error says trying again cannot help (a StoreError with `retriable: false`). */
export function isRetriable(error: unknown): boolean {
  return !(typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === false);
}

/**
 * Writes alert lifecycle events to the store behind the evaluator: `enqueue` never waits, so
 * a slow or down store cannot hold up evaluation. Events go out in batches, in order; a
 * retriable failure is retried with exponential backoff (the same batch, so order holds);
 * a refused batch is dropped and counted. The queue is bounded: while the store is down
 * longer than it can cover, the oldest events are dropped (counted) rather than memory
 * growing without end. Writing an event twice is harmless (the store keys it by `eventId`).
 */
export class AlertEventWriter {
  private queue: AlertEvent[] = [];
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly batchSize: number;
  private readonly maxQueued: number;

  constructor(private readonly options: EventWriterOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.maxQueued = options.maxQueued ?? 50_000;
    options.metrics.gauge('rules_alert_store_queued', () => this.queue.length);
  }

  /** Queue events for the store and return at once. */
  enqueue(events: readonly AlertEvent[]): void {
    if (events.length === 0 || this.stopped) return;
    this.queue.push(...events);
    const over = this.queue.length - this.maxQueued;
    if (over > 0) {
      this.queue.splice(0, over);
      this.options.metrics.inc('rules_alert_store_dropped_total', { reason: 'queue_full' }, over);
      this.options.logger.warn({ dropped: over, maxQueued: this.maxQueued }, 'alert event queue full; oldest events dropped from the store');
    }
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
  }

  /** Events not yet written. */
  get queued(): number {
    return this.queue.length;
  }

  /** Resolves once everything queued so far is written (or dropped), or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    const done = (async () => {
      while (this.running !== undefined) await this.running;
      return true;
    })();
    return Promise.race([done, deadline]);
  }

  /** Stop writing (after `drain`, at shutdown): a retry loop under way gives up. */
  stop(): void {
    this.stopped = true;
  }

  private async run(): Promise<void> {
    const { metrics, logger } = this.options;
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    let failures = 0;
    while (this.queue.length > 0 && !this.stopped) {
      const batch = this.queue.slice(0, this.batchSize);
      try {
        await this.options.write(batch);
        this.removeWritten(batch);
        metrics.inc('rules_alert_store_written_total', undefined, batch.length);
        failures = 0;
      } catch (error) {
        metrics.inc('rules_alert_store_failures_total');
        const detail = error instanceof Error ? error.message : String(error);
        if (!isRetriable(error)) {
          this.removeWritten(batch);
          metrics.inc('rules_alert_store_dropped_total', { reason: 'refused' }, batch.length);
          logger.error({ err: detail, events: batch.length }, 'store refused alert events; dropped');
          continue;
        }
        const waitMs = Math.min(this.options.retryMaxMs ?? 30_000, (this.options.retryBaseMs ?? 250) * 2 ** failures);
        failures += 1;
        logger.warn({ err: detail, events: batch.length, attempt: failures, retryInMs: waitMs }, 'alert events not stored; retrying');
        await sleep(waitMs);
      }
    }
  }

  /** Remove a written batch from the front, unless overflow already dropped some of it meanwhile. */
  private removeWritten(batch: readonly AlertEvent[]): void {
    const last = batch[batch.length - 1];
    const at = last === undefined ? -1 : this.queue.indexOf(last);
    if (at >= 0) this.queue.splice(0, at + 1);
  }
}
