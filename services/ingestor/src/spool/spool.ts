import { mkdir, open, rm, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { readCheckpoint, writeCheckpoint } from './checkpoint.js';
import type { Checkpoint } from './checkpoint.js';
import type { SpoolPosition } from './segments.js';
import { READ_CHUNK_BYTES, cutTornTail, readRange, syncDir } from './files.js';
import { comparePositions, listSegments, segmentPath, splitLines } from './segments.js';

/** Limits of the spool, with units. */
export interface SpoolOptions {
  readonly dir: string;
  /** Undrained bytes on disk at which the spool is full and intake must pause. */
  readonly maxBytes: number;
  /** A segment file is closed and a new one started past this size. */
  readonly segmentBytes: number;
  /** Most durable, unread records handed to the reader from memory (default 200,000). */
  readonly maxTailRecords?: number;
}

/** Records read back for draining, and the position just after the last of them. */
export interface SpoolBatch<T> {
  readonly records: T[];
  readonly end: SpoolPosition;
}

const MAX_TAIL_RECORDS = 200_000;

/**
 * An append-only, segmented write-ahead log on local disk. `append` buffers a record;
 * buffered records are written and fsynced together (group commit: whatever arrives while
 * one fsync runs goes in the next), and `onDurable` listeners learn the highest durable
 * sequence number. A drainer reads durable records back in order and `commit`s what the
 * store has, which moves the checkpoint and deletes spent segments. After a crash the
 * spool reopens at the checkpoint, with a torn last line cut off.
 */
export class Spool {
  /** Lines waiting for the next write, and their sizes in bytes (strings: one encoding per flush, not per record). */
  private pending: string[] = [];
  private pendingSizes: number[] = [];
  private pendingRecords: unknown[] = [];
  /**
   * Durable records not yet read, kept as the objects that were appended, so that a drainer
   * that keeps up never reads back or parses what it just wrote. Off while there is older
   * data on disk (after a restart, or after the tail outgrew `MAX_TAIL_RECORDS`).
   */
  private tail: { record: unknown; end: SpoolPosition }[] = [];
  private tailInMemory = false;
  private pendingBytes = 0;
  private appendedSeq = 0;
  private durableSeqValue = 0;
  private flushing: Promise<void> | undefined;
  private readonly durableListeners: ((seq: number) => void)[] = [];
  private dataWaiters: (() => void)[] = [];
  private roomWaiters: (() => void)[] = [];
  private readonly sizes = new Map<number, number>();
  /** Per flushed batch: where it ends and when its first record was appended, for the age metric. */
  private readonly ages: { end: SpoolPosition; firstAppendMs: number }[] = [];
  private pendingFirstMs: number | undefined;
  private readPos: SpoolPosition;
  private closed = false;

  private constructor(
    private readonly options: SpoolOptions,
    private writeHandle: FileHandle,
    private writeSegment: number,
    private committed: Checkpoint,
    sizes: Map<number, number>,
  ) {
    for (const [segment, size] of sizes) this.sizes.set(segment, size);
    this.readPos = committed.position;
  }

  /** Records recovered from disk count as appended when the spool was opened. */
  private noteRecovered(nowMs: number): void {
    if (this.depthBytes > 0) this.ages.push({ end: this.durableEnd(), firstAppendMs: nowMs });
  }

  /** Open (or create) the spool in `options.dir`, recovering from a crash. */
  static async open(options: SpoolOptions): Promise<Spool> {
    await mkdir(options.dir, { recursive: true });
    const checkpoint = (await readCheckpoint(options.dir)) ?? { position: { segment: 1, offset: 0 } };
    const sizes = new Map<number, number>();
    for (const segment of await listSegments(options.dir)) {
      if (segment < checkpoint.position.segment) await rm(segmentPath(options.dir, segment), { force: true });
      else sizes.set(segment, (await stat(segmentPath(options.dir, segment))).size);
    }
    const last = Math.max(checkpoint.position.segment, ...sizes.keys());
    sizes.set(last, await cutTornTail(segmentPath(options.dir, last), sizes.get(last) ?? 0));
    const handle = await open(segmentPath(options.dir, last), 'a');
    await syncDir(options.dir);
    const spool = new Spool(options, handle, last, checkpoint, sizes);
    spool.noteRecovered(Date.now());
    spool.tailInMemory = spool.depthBytes === 0;
    return spool;
  }

  /** State saved with the last commit (e.g. counter state), as it was at that position. */
  get checkpointState(): unknown {
    return this.committed.state;
  }

  /** Highest sequence number whose record is on disk. */
  get durableSeq(): number {
    return this.durableSeqValue;
  }

  /** Sequence number of the last appended record (durable or not). */
  get lastSeq(): number {
    return this.appendedSeq;
  }

  /** Bytes written or buffered and not yet drained. */
  get depthBytes(): number {
    let total = this.pendingBytes - this.committed.position.offset;
    for (const [segment, size] of this.sizes) if (segment >= this.committed.position.segment) total += size;
    return total;
  }

  /** Milliseconds since the oldest undrained record was appended in this process (0 when empty). */
  oldestAgeMs(nowMs: number): number {
    const oldest = this.ages[0]?.firstAppendMs ?? this.pendingFirstMs;
    return oldest === undefined ? 0 : nowMs - oldest;
  }

  get full(): boolean {
    return this.depthBytes >= this.options.maxBytes;
  }

  /** Append one record; returns its sequence number. Durable once `onDurable` reports it. */
  append(record: unknown, nowMs: number): number {
    if (this.closed) throw new Error('spool is closed');
    const line = `${JSON.stringify(record)}\n`;
    const bytes = Buffer.byteLength(line);
    this.pending.push(line);
    this.pendingSizes.push(bytes);
    this.pendingRecords.push(record);
    this.pendingBytes += bytes;
    this.appendedSeq++;
    this.pendingFirstMs ??= nowMs;
    this.flushing ??= this.flushLoop().finally(() => {
      this.flushing = undefined;
    });
    return this.appendedSeq;
  }

  onDurable(listener: (seq: number) => void): void {
    this.durableListeners.push(listener);
  }

  /** Resolves when the spool is below its size limit. */
  whenRoom(): Promise<void> {
    if (!this.full) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  /** Resolves when new durable records arrive, or after `timeoutMs`. */
  waitForData(timeoutMs: number): Promise<void> {
    const unread = this.tailInMemory ? this.tail.length > 0 : comparePositions(this.normalize(this.readPos), this.durableEnd()) < 0;
    if (unread) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.dataWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Read up to `maxRecords` durable records after the last read (from the checkpoint after a restart). */
  async read<T>(maxRecords: number, onCorrupt: (detail: string) => void): Promise<SpoolBatch<T>> {
    if (this.tailInMemory) return this.readTail<T>(maxRecords);
    const records: T[] = [];
    const end = this.durableEnd();
    while (records.length < maxRecords && comparePositions(this.readPos, end) < 0) {
      const { segment, offset } = this.readPos;
      const limit = segment === end.segment ? end.offset : (this.sizes.get(segment) ?? 0);
      if (offset >= limit) {
        this.readPos = { segment: segment + 1, offset: 0 };
        continue;
      }
      const chunk = await readRange(segmentPath(this.options.dir, segment), offset, Math.min(limit - offset, READ_CHUNK_BYTES));
      const lines = splitLines(chunk, offset, maxRecords - records.length);
      if (lines.length === 0) throw new Error(`spool segment ${segment} has a record over ${READ_CHUNK_BYTES} bytes at ${offset}`);
      for (const { line } of lines) {
        try {
          records.push(JSON.parse(line.toString('utf8')) as T);
        } catch {
          onCorrupt(`segment ${segment}: unparseable record of ${line.length} bytes`);
        }
      }
      this.readPos = { segment, offset: lines.at(-1)!.endOffset };
    }
    // Caught up with the disk: from here on, newly flushed records are handed over in memory.
    if (comparePositions(this.readPos, this.durableEnd()) >= 0) this.tailInMemory = true;
    return { records, end: this.readPos };
  }

  private readTail<T>(maxRecords: number): SpoolBatch<T> {
    const taken = this.tail.splice(0, maxRecords);
    if (taken.length > 0) this.readPos = this.normalize(taken.at(-1)!.end);
    return { records: taken.map((t) => t.record as T), end: this.readPos };
  }

  /** Everything before `position` is in the store: save the checkpoint, free spent segments. */
  async commit(at: SpoolPosition, state?: unknown): Promise<void> {
    const position = this.normalize(at);
    this.committed = state === undefined ? { position } : { position, state };
    await writeCheckpoint(this.options.dir, this.committed);
    for (const segment of [...this.sizes.keys()]) {
      if (segment < position.segment) {
        this.sizes.delete(segment);
        await rm(segmentPath(this.options.dir, segment), { force: true });
      }
    }
    while (this.ages.length > 0 && comparePositions(this.ages[0]!.end, position) <= 0) this.ages.shift();
    if (!this.full) this.release('room');
  }

  /** Resolves when everything appended so far is on disk. */
  async sync(): Promise<void> {
    while (this.flushing !== undefined) await this.flushing;
  }

  /** Write and fsync what is buffered, then stop taking records. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing !== undefined) await this.flushing;
    await this.writeHandle.close();
  }

  /** The end of a finished segment is the start of the next one (so the finished one can go). */
  private normalize(at: SpoolPosition): SpoolPosition {
    const finished = at.segment < this.writeSegment && at.offset >= (this.sizes.get(at.segment) ?? 0);
    return finished ? { segment: at.segment + 1, offset: 0 } : at;
  }

  private durableEnd(): SpoolPosition {
    return { segment: this.writeSegment, offset: this.sizes.get(this.writeSegment) ?? 0 };
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const sizes = this.pendingSizes;
      const records = this.pendingRecords;
      const batch = Buffer.from(this.pending.join(''));
      const seq = this.appendedSeq;
      const firstAppendMs = this.pendingFirstMs ?? 0;
      this.pending = [];
      this.pendingSizes = [];
      this.pendingRecords = [];
      this.pendingBytes = 0;
      this.pendingFirstMs = undefined;
      await this.writeHandle.write(batch);
      await this.writeHandle.datasync();
      const startOffset = this.sizes.get(this.writeSegment) ?? 0;
      this.sizes.set(this.writeSegment, startOffset + batch.length);
      this.keepTail(records, sizes, startOffset);
      // Rotate before telling anyone, so positions handed out already know the segment is finished.
      if ((this.sizes.get(this.writeSegment) ?? 0) >= this.options.segmentBytes) await this.rotate();
      this.durableSeqValue = seq;
      this.ages.push({ end: this.durableEnd(), firstAppendMs });
      for (const listener of this.durableListeners) listener(seq);
      this.release('data');
    }
  }

  private keepTail(records: unknown[], sizes: readonly number[], startOffset: number): void {
    if (!this.tailInMemory) return;
    if (this.tail.length + records.length > (this.options.maxTailRecords ?? MAX_TAIL_RECORDS)) {
      // The drainer is far behind (store down): let it read from disk instead of holding memory.
      this.tail = [];
      this.tailInMemory = false;
      return;
    }
    let offset = startOffset;
    records.forEach((record, i) => {
      offset += sizes[i]!;
      this.tail.push({ record, end: { segment: this.writeSegment, offset } });
    });
  }

  private async rotate(): Promise<void> {
    await this.writeHandle.close();
    this.writeSegment++;
    this.sizes.set(this.writeSegment, 0);
    this.writeHandle = await open(segmentPath(this.options.dir, this.writeSegment), 'a');
    await syncDir(this.options.dir);
  }

  private release(kind: 'data' | 'room'): void {
    const waiters = kind === 'data' ? this.dataWaiters : this.roomWaiters;
    if (kind === 'data') this.dataWaiters = [];
    else this.roomWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
