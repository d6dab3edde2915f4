import type { Logger, Metrics } from '@lingtan/runtime';
import type { TelemetryPoint } from '@lingtan/store';
import type { Spool } from './spool/spool.js';
import type { StoreWriter } from './store-writer.js';

/** One spooled message: its receive time and the readings it carried. */
export interface SpoolRecord {
  /** Receive time, epoch ms (the device time is each point's `tsMs`). */
  readonly r: number;
  readonly p: TelemetryPoint[];
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
  /** Called with each batch once it is in the store, before the checkpoint moves. */
  readonly onStored?: (records: readonly SpoolRecord[]) => void;
  /** Aborted by `stop` once its grace period is over; the writer's retries watch it too. */
  readonly abort: AbortController;
}

/**
 * Moves spooled readings to the store: read a batch in spool order, write it (retrying until
 * the store takes it), then commit the spool checkpoint. A crash between the write and the
 * commit replays the batch on restart; writes are idempotent, so it leaves one point.
 */
export class Drainer {
  private running: Promise<void> | undefined;
  private stopping = false;

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
        if (this.stopping && spool.durableSeq === spool.lastSeq) return;
        await spool.waitForData(this.deps.idleWaitMs);
        continue;
      }
      const points = batch.records.flatMap((r) => r.p);
      if (!(await writer.write(points))) return;
      const nowMs = this.deps.nowMs();
      for (const record of batch.records) metrics.observe('ingestor_receive_to_stored_seconds', (nowMs - record.r) / 1000);
      this.deps.onStored?.(batch.records);
      await spool.commit(batch.end);
    }
  }
}
