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

/** Store writes queued behind each other; past this many, the drainer waits for the oldest. */
const MAX_QUEUED_WRITES = 4;

/** One normalized batch on its way to the store. */
interface QueuedWrite {
  /** Resolves true once written, false when aborted. */
  readonly done: Promise<boolean>;
  finished: boolean;
  readonly records: readonly SpoolRecord[];
  /** The spool position after this batch and the counter state as of its end. */
  readonly position: { readonly end: SpoolPosition; readonly state: unknown };
}

/**
 * Moves spooled readings to the store: read a batch in spool order, compute counter deltas,
 * publish the normalized batch, queue its store write (writes run one after another,
 * retrying until the store takes each), and save the checkpoint with the counter state at
 * least every `checkpointIntervalMs`. The stream runs ahead of the store by at most
 * `MAX_QUEUED_WRITES` batches, so a slow write does not hold back the normalized stream.
 * A crash replays from the last checkpoint: the same deltas are computed again, writes are
 * idempotent (one point per reading), and the normalized stream is at-least-once.
 */
export class Drainer {
  private running: Promise<void> | undefined;
  private stopping = false;
  private uncommitted: { readonly end: SpoolPosition; readonly state: unknown } | undefined;
  private readonly queued: QueuedWrite[] = [];
  private lastWrite: Promise<boolean> = Promise.resolve(true);
  private committing: Promise<void> | undefined;
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
    const { spool, metrics, logger } = this.deps;
    const onCorrupt = (detail: string) => {
      metrics.inc('ingestor_spool_corrupt_records_total');
      logger.error({ detail }, 'skipped a corrupt spool record');
    };
    for (;;) {
      if (this.deps.abort.signal.aborted) return;
      if (!(await this.settleFinished())) return;
      const batch = await spool.read<SpoolRecord>(this.deps.batchRecords, onCorrupt);
      if (batch.records.length === 0) {
        if (this.queued.length === 0) {
          await this.checkpoint();
          if (this.stopping && spool.durableSeq === spool.lastSeq) return;
        }
        // New data or the oldest write finishing, whichever comes first: a write in flight
        // never delays the next readings' normalization and publication.
        const oldest = this.queued[0];
        await (oldest === undefined ? spool.waitForData(this.deps.idleWaitMs) : Promise.race([spool.waitForData(this.deps.idleWaitMs), oldest.done]));
        // Yield to the event loop, so that even a spool that wrongly reports data cannot starve timers and I/O.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      const output = this.deps.normalizer.process(batch.records);
      // The readings are durable in the spool: consumers get them now, not after the store write.
      this.deps.publish(output.batches);
      for (const [mark, count] of output.marks) metrics.inc('ingestor_counter_marks_total', { mark }, count);
      // Bounded: past MAX_QUEUED_WRITES the stream waits for the store.
      while (this.queued.length >= MAX_QUEUED_WRITES) {
        if (!(await this.settleOldest())) return; // aborted: the spool keeps the rest
      }
      this.enqueue(output.points, batch.records, {
        end: batch.end,
        // The counter state as of this batch's end (the normalizer moves on with the next batches
        // while this one is written); a shallow copy, since register states are never mutated.
        state: this.deps.normalizer.snapshot(),
      });
    }
  }

  /** Queue a store write behind the previous one, so that batches reach the store in spool order. */
  private enqueue(points: Parameters<StoreWriter['write']>[0], records: readonly SpoolRecord[], position: QueuedWrite['position']): void {
    const done = this.lastWrite.then((ok) => (ok ? this.deps.writer.write(points) : false));
    this.lastWrite = done;
    const write: QueuedWrite = { done, finished: false, records, position };
    const finish = () => {
      write.finished = true;
    };
    // Both handlers: a rejection is rethrown where the loop awaits `done`, not reported unhandled.
    done.then(finish, finish);
    this.queued.push(write);
  }

  /** Account for the writes that have finished, oldest first, without waiting; false when one was aborted. */
  private async settleFinished(): Promise<boolean> {
    while (this.queued[0]?.finished === true) {
      if (!(await this.settleOldest())) return false;
    }
    return true;
  }

  /** Wait for the oldest queued write; false when it was aborted. Starts a background checkpoint when one is due. */
  private async settleOldest(): Promise<boolean> {
    const write = this.queued.shift();
    if (write === undefined) return true;
    if (!(await write.done)) return false;
    const nowMs = this.deps.nowMs();
    for (const record of write.records) this.deps.metrics.observe('ingestor_receive_to_stored_seconds', (nowMs - record.r) / 1000);
    this.uncommitted = write.position;
    if (nowMs - this.lastCommitMs >= this.deps.checkpointIntervalMs && this.committing === undefined) {
      this.committing = this.checkpoint()
        .catch((error: unknown) => this.deps.logger.error({ err: error }, 'checkpoint failed; the next one covers it'))
        .finally(() => {
          this.committing = undefined;
        });
    }
    return true;
  }

  /** Save the last written position with the counter state captured at that position. */
  private async checkpoint(): Promise<void> {
    await this.committing;
    const pending = this.uncommitted;
    if (pending === undefined) return;
    this.uncommitted = undefined;
    this.lastCommitMs = this.deps.nowMs();
    await this.deps.spool.commit(pending.end, pending.state);
  }
}
