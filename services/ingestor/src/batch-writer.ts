import type { Logger, Metrics } from '@lingtan/runtime';
import type { TelemetryPoint, TimeSeriesStore } from '@lingtan/store';
import { StoreError } from '@lingtan/store';

/** Limits of the write path, each with its unit. */
export interface BatchWriterOptions {
  readonly batchSize: number;
  readonly flushIntervalMs: number;
  /** Points held in memory; `whenRoom` waits while the buffer is at or above this. */
  readonly maxBuffered: number;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
}

export interface BatchWriterDeps {
  readonly store: TimeSeriesStore;
  readonly options: BatchWriterOptions;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Points the store refused for good (e.g. a field type conflict), isolated one by one. */
  readonly onRefused: (point: TelemetryPoint, error: StoreError) => void;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Buffers points and writes them in batches: when a batch fills or `flushIntervalMs` after the
 * first buffered point. A retriable failure (store down, timeout, 5xx) is retried with
 * exponential backoff and jitter, forever: points are never dropped. A batch the store
 * refuses is bisected until the refused points are isolated and handed to `onRefused`.
 */
export class BatchWriter {
  private buffer: TelemetryPoint[] = [];
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private roomWaiters: (() => void)[] = [];
  private closed = false;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: BatchWriterDeps) {
    this.sleep = deps.sleep ?? defaultSleep;
    deps.metrics.gauge('ingestor_buffered_points', () => this.buffer.length);
  }

  /** Points waiting for the store (including a batch being written). */
  get buffered(): number {
    return this.buffer.length;
  }

  add(points: readonly TelemetryPoint[]): void {
    if (points.length === 0) return;
    this.buffer.push(...points);
    if (this.buffer.length >= this.deps.options.batchSize) this.kick();
    else this.timer ??= setTimeout(() => this.kick(), this.deps.options.flushIntervalMs);
  }

  /** Resolves when the buffer is below its limit: the caller's backpressure point. */
  whenRoom(): Promise<void> {
    if (this.buffer.length < this.deps.options.maxBuffered) return Promise.resolve();
    this.deps.metrics.inc('ingestor_backpressure_waits_total');
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Write everything buffered now; resolves when the buffer is empty. */
  async flush(): Promise<void> {
    this.kick();
    while (this.draining !== undefined) await this.draining;
  }

  /** Flush and stop. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
      if (this.buffer.length > 0 && !this.closed) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.buffer.length > 0) {
      // The batch stays in the buffer until written, so `buffered` and backpressure count it.
      const batch = this.buffer.slice(0, this.deps.options.batchSize);
      await this.writeWithRetry(batch);
      this.buffer.splice(0, batch.length);
      this.releaseWaiters();
    }
  }

  private releaseWaiters(): void {
    if (this.buffer.length >= this.deps.options.maxBuffered) return;
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private async writeWithRetry(batch: TelemetryPoint[]): Promise<void> {
    const { retryInitialMs, retryMaxMs } = this.deps.options;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.deps.store.write(batch);
        this.deps.metrics.inc('ingestor_points_written_total', {}, batch.length);
        this.deps.metrics.inc('ingestor_batches_written_total');
        return;
      } catch (error) {
        const storeError = error instanceof StoreError ? error : new StoreError(String(error), 'store_unavailable', true, { cause: error });
        if (!storeError.retriable) {
          await this.isolateRefused(batch, storeError);
          return;
        }
        const delayMs = Math.min(retryMaxMs, retryInitialMs * 2 ** attempt) * (0.5 + Math.random() / 2);
        this.deps.metrics.inc('ingestor_write_retries_total');
        if (attempt === 0 || attempt % 10 === 0) {
          this.deps.logger.warn({ err: storeError.message, attempt, points: batch.length, delayMs: Math.round(delayMs) }, 'store write failed; retrying');
        }
        await this.sleep(delayMs);
      }
    }
  }

  /** Bisect a refused batch so the good points are written and each bad one is reported. */
  private async isolateRefused(batch: TelemetryPoint[], error: StoreError): Promise<void> {
    if (batch.length === 1) {
      this.deps.metrics.inc('ingestor_points_refused_by_store_total');
      this.deps.onRefused(batch[0]!, error);
      return;
    }
    const middle = Math.ceil(batch.length / 2);
    await this.writeWithRetry(batch.slice(0, middle));
    await this.writeWithRetry(batch.slice(middle));
  }
}
