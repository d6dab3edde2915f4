import type { Logger, Metrics } from '@lingtan/runtime';
import type { Carrier, NormalizedBatch } from '@lingtan/schema';
import type { TelemetryPoint } from '@lingtan/store';
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

/** The spool record of one message's accepted points (all of one meter; at least one), received at `receivedAtMs`. */
export function spoolRecordOf(points: readonly TelemetryPoint[], receivedAtMs: number): SpoolRecord {
  const first = points[0]!;
  return { r: receivedAtMs, k: first.park, e: first.enterprise, m: first.meter, c: first.carrier, p: points.map((p) => [p.tsMs, p.values] as const) };
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
  private uncommitted: { readonly end: SpoolPosition; readonly state: unknown } | undefined;
  /** The write in flight, with the receive times of its records (not the records: they can go as soon as they are normalized). */
  private inFlight: { readonly done: Promise<boolean>; readonly receivedAtMs: readonly number[]; readonly position: { readonly end: SpoolPosition; readonly state: unknown } } | undefined;
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
      const batch = await spool.read<SpoolRecord>(this.deps.batchRecords, onCorrupt);
      if (batch.records.length === 0) {
        if (!(await this.settle())) return;
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
      for (const [mark, count] of output.marks) metrics.inc('ingestor_counter_marks_total', { mark }, count);
      // One write in flight: this batch is normalized and published while the previous one is written.
      if (!(await this.settle())) return; // aborted: the spool keeps the rest
      this.inFlight = {
        done: this.deps.writer.write(output.points),
        receivedAtMs: batch.records.map((record) => record.r),
        // The counter state as of this batch's end (the normalizer moves on with the next batch
        // while this one is written); a shallow copy, since register states are never mutated.
        position: { end: batch.end, state: this.deps.normalizer.snapshot() },
      };
    }
  }

  /** Wait for the write in flight; false when it was aborted. Starts a background checkpoint when one is due. */
  private async settle(): Promise<boolean> {
    const flight = this.inFlight;
    if (flight === undefined) return true;
    this.inFlight = undefined;
    if (!(await flight.done)) return false;
    const nowMs = this.deps.nowMs();
    for (const receivedAtMs of flight.receivedAtMs) this.deps.metrics.observe('ingestor_receive_to_stored_seconds', (nowMs - receivedAtMs) / 1000);
    this.uncommitted = flight.position;
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
