import type { Logger, Metrics } from '@lingtan/runtime';
import type { Carrier, NormalizedBatch } from '@lingtan/schema';
import type { Normalizer } from './normalizer.js';
import type { SpoolPosition } from './spool/segments.js';
import type { Spool } from './spool/spool.js';
import type { StoreWriter } from './store-writer.js';

/**
 * One spooled message, compact because every accepted message is written: receive time
 * `r` (epoch ms), the tags once (`k` park, `e` enterprise, `m` meter, `c` carrier), and its
 * readings as `[device time in epoch ms, values]`.
 */
export interface SpoolRecord {
  readonly r: number;
  readonly k: string;
  readonly e: string;
  readonly m: string;
  readonly c: Carrier;
  readonly p: readonly (readonly [number, Readonly<Record<string, number>>])[];
}

export interface DrainerDeps {
  readonly spool: Spool;
  readonly writer: StoreWriter;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Most spooled messages per store batch. */
  readonly batchRecords: number;
  /** How long to wait for new records when the spool is drained. */
  readonly idleWaitMs: number;
  readonly nowMs: () => number;
  /** Computes interval deltas and marks; its state is saved with each checkpoint. */
  readonly normalizer: Normalizer;
  /** Publishes normalized batches (they are durable in the spool; the store write follows). */
  readonly publish: (batches: readonly NormalizedBatch[]) => void;
  /** How often the checkpoint (position and counter state) is saved; a crash replays at most this much. */
  readonly checkpointIntervalMs: number;
  /** Aborted by `stop` once its grace period is over; the writer's retries watch it too. */
  readonly abort: AbortController;
}

/**
 * Moves spooled readings to the store: read a batch in spool order, compute counter deltas,
 * publish the normalized batch, write it (retrying until the store takes it), and save the
 * checkpoint with the counter state at least every `checkpointIntervalMs`. A crash replays
 * from the last checkpoint: the same deltas are computed again, writes are idempotent (one
 * point per reading), and the normalized stream is at-least-once.
 */
export class Drainer {
  private running: Promise<void> | undefined;
  private stopping = false;
  private uncommitted: SpoolPosition | undefined;
  private lastCommitMs = 0;

  constructor(private readonly deps: DrainerDeps) {}

  start(): void {
    this.running ??= this.loop().catch((error: unknown) => {
      this.deps.logger.fatal({ err: error }, 'spool drainer failed');
      throw error;
    });
  }

  /** Drain what is spooled, for at most `graceMs`; what is left stays in the spool for the next start. */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    const timer = setTimeout(() => this.deps.abort.abort(), graceMs);
    try {
      await this.running;
      await this.checkpoint();
    } finally {
      clearTimeout(timer);
    }
  }

  private async loop(): Promise<void> {
    const { spool, writer, metrics, logger } = this.deps;
    const onCorrupt = (detail: string) => {
      metrics.inc('ingestor_spool_corrupt_records_total');
      logger.error({ detail }, 'skipped a corrupt spool record');
    };
    for (;;) {
      if (this.deps.abort.signal.aborted) return;
      const batch = await spool.read<SpoolRecord>(this.deps.batchRecords, onCorrupt);
      if (batch.records.length === 0) {
        await this.checkpoint();
        if (this.stopping && spool.durableSeq === spool.lastSeq) return;
        await spool.waitForData(this.deps.idleWaitMs);
        // Yield to the event loop, so that even a spool that wrongly reports data cannot starve timers and I/O.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const output = this.deps.normalizer.process(batch.records);
      // The readings are durable in the spool: consumers get them now, not after the store write.
      this.deps.publish(output.batches);
      if (!(await writer.write(output.points))) return; // aborted: the spool keeps the rest
      const nowMs = this.deps.nowMs();
      for (const record of batch.records) metrics.observe('ingestor_receive_to_stored_seconds', (nowMs - record.r) / 1000);
      for (const [mark, count] of output.marks) metrics.inc('ingestor_counter_marks_total', { mark }, count);
      this.uncommitted = batch.end;
      if (nowMs - this.lastCommitMs >= this.deps.checkpointIntervalMs) await this.checkpoint();
    }
  }

  private async checkpoint(): Promise<void> {
    if (this.uncommitted === undefined) return;
    await this.deps.spool.commit(this.uncommitted, this.deps.normalizer.snapshot());
    this.uncommitted = undefined;
    this.lastCommitMs = this.deps.nowMs();
  }
}
