import type { Logger, Metrics } from '@lingtan/runtime';
import type { TelemetryPoint, TimeSeriesStore } from '@lingtan/store';
import { StoreError } from '@lingtan/store';

export interface StoreWriterDeps {
  readonly store: TimeSeriesStore;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly retryInitialMs: number;
  readonly retryMaxMs: number;
  /** Points the store refused for good (e.g. a field type conflict), isolated one by one. */
  readonly onRefused: (point: TelemetryPoint, error: StoreError) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Stop retrying (shutdown): the points stay in the spool for the next start. */
  readonly signal?: AbortSignal;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Writes batches to the store. A retriable failure (store down, timeout, 5xx) is retried
 * with exponential backoff and jitter until it succeeds or the writer is aborted: points are
 * never dropped. A batch the store refuses for good is bisected until the refused points are
 * isolated and handed to `onRefused`; the rest is written.
 * Resolves true when the batch is settled, false when aborted first.
 */
export class StoreWriter {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly deps: StoreWriterDeps) {
    this.sleep = deps.sleep ?? defaultSleep;
  }

  async write(batch: readonly TelemetryPoint[]): Promise<boolean> {
    const { retryInitialMs, retryMaxMs, metrics, logger } = this.deps;
    for (let attempt = 0; ; attempt++) {
      if (this.deps.signal?.aborted === true) return false;
      const startedMs = performance.now();
      try {
        await this.deps.store.write(batch);
        metrics.inc('ingestor_points_written_total', undefined, batch.length);
        metrics.inc('ingestor_batches_written_total');
        metrics.observe('ingestor_write_seconds', (performance.now() - startedMs) / 1000);
        return true;
      } catch (error) {
        const storeError = error instanceof StoreError ? error : new StoreError(String(error), 'store_unavailable', true, { cause: error });
        if (!storeError.retriable) return this.isolateRefused(batch, storeError);
        const delayMs = Math.min(retryMaxMs, retryInitialMs * 2 ** Math.min(attempt, 20)) * (0.5 + Math.random() / 2);
        metrics.inc('ingestor_write_retries_total');
        if (attempt === 0 || attempt % 10 === 0) {
          logger.warn({ err: storeError.message, attempt, points: batch.length, delayMs: Math.round(delayMs) }, 'store write failed; retrying');
        }
        await this.sleep(delayMs);
      }
    }
  }

  private async isolateRefused(batch: readonly TelemetryPoint[], error: StoreError): Promise<boolean> {
    if (batch.length === 1) {
      this.deps.metrics.inc('ingestor_points_refused_by_store_total');
      this.deps.onRefused(batch[0]!, error);
      return true;
    }
    const middle = Math.ceil(batch.length / 2);
    return (await this.write(batch.slice(0, middle))) && (await this.write(batch.slice(middle)));
  }
}
