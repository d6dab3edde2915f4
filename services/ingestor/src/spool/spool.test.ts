import { appendFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentPath } from './segments.js';
import { Spool } from './spool.js';

const newDir = () => mkdtemp(join(tmpdir(), 'lingtan-spool-'));
const options = (dir: string, extra: Partial<{ maxBytes: number; segmentBytes: number }> = {}) => ({ dir, maxBytes: 1 << 30, segmentBytes: 1 << 20, ...extra });
const NOW = 1_763_776_800_000;

async function appendDurably(spool: Spool, records: unknown[]): Promise<void> {
  let last = 0;
  for (const r of records) last = spool.append(r, NOW);
  await new Promise<void>((resolve) => {
    if (spool.durableSeq >= last) return resolve();
    spool.onDurable((seq) => seq >= last && resolve());
  });
}

const noCorruption = (detail: string) => {
  throw new Error(detail);
};

describe('Spool', () => {
  it('reports records durable in order and reads them back', async () => {
    const spool = await Spool.open(options(await newDir()));
    const durable: number[] = [];
    spool.onDurable((seq) => durable.push(seq));
    await appendDurably(spool, [{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(durable.at(-1)).toBe(3);
    expect(durable).toEqual([...durable].sort((a, b) => a - b));
    const batch = await spool.read<{ n: number }>(10, noCorruption);
    expect(batch.records).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect((await spool.read(10, noCorruption)).records).toEqual([]);
    await spool.close();
  });

  it('survives a restart with records not yet drained, and resumes after the checkpoint', async () => {
    const dir = await newDir();
    let spool = await Spool.open(options(dir));
    await appendDurably(spool, Array.from({ length: 100 }, (_, n) => ({ n })));
    const first = await spool.read<{ n: number }>(40, noCorruption);
    await spool.commit(first.end, { counters: 'state at 40' });
    await spool.close();

    spool = await Spool.open(options(dir));
    expect(spool.checkpointState).toEqual({ counters: 'state at 40' });
    expect(spool.depthBytes).toBeGreaterThan(0);
    const rest = await spool.read<{ n: number }>(1000, noCorruption);
    expect(rest.records.map((r) => r.n)).toEqual(Array.from({ length: 60 }, (_, i) => i + 40));
    await spool.commit(rest.end);
    expect(spool.depthBytes).toBe(0);
    await spool.close();
  });

  it('cuts a line torn by a crash and keeps appending after it', async () => {
    const dir = await newDir();
    let spool = await Spool.open(options(dir));
    await appendDurably(spool, [{ n: 1 }]);
    await spool.close();
    await appendFile(segmentPath(dir, 1), '{"n": 2, "torn'); // the process died mid-write

    spool = await Spool.open(options(dir));
    await appendDurably(spool, [{ n: 3 }]);
    expect((await spool.read<{ n: number }>(10, noCorruption)).records).toEqual([{ n: 1 }, { n: 3 }]);
    await spool.close();
  });

  it('reports a corrupt record and reads past it', async () => {
    const dir = await newDir();
    let spool = await Spool.open(options(dir));
    await appendDurably(spool, [{ n: 1 }]);
    await spool.close();
    await appendFile(segmentPath(dir, 1), 'garbage\n');
    spool = await Spool.open(options(dir));
    await appendDurably(spool, [{ n: 2 }]);
    const corrupt: string[] = [];
    expect((await spool.read<{ n: number }>(10, (d) => corrupt.push(d))).records).toEqual([{ n: 1 }, { n: 2 }]);
    expect(corrupt).toHaveLength(1);
    await spool.close();
  });

  it('rotates segments and deletes the drained ones', async () => {
    const dir = await newDir();
    const spool = await Spool.open(options(dir, { segmentBytes: 256 }));
    for (let i = 0; i < 20; i++) await appendDurably(spool, [{ n: i, pad: 'x'.repeat(50) }]);
    expect((await readdir(dir)).filter((f) => f.startsWith('segment-')).length).toBeGreaterThan(3);
    const all = await spool.read<{ n: number }>(1000, noCorruption);
    expect(all.records.map((r) => r.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    await spool.commit(all.end);
    expect((await readdir(dir)).filter((f) => f.startsWith('segment-')).length).toBe(1);
    await spool.close();
  });

  it('is full at its size limit, and has room again once drained', async () => {
    const spool = await Spool.open(options(await newDir(), { maxBytes: 500 }));
    await appendDurably(spool, Array.from({ length: 20 }, (_, n) => ({ n, pad: 'x'.repeat(30) })));
    expect(spool.full).toBe(true);
    let room = false;
    const waiting = spool.whenRoom().then(() => (room = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(room).toBe(false);
    const batch = await spool.read(1000, noCorruption);
    await spool.commit(batch.end);
    await waiting;
    expect(spool.full).toBe(false);
    await spool.close();
  });

  it('ages the oldest undrained record', async () => {
    const spool = await Spool.open(options(await newDir()));
    expect(spool.oldestAgeMs(NOW)).toBe(0);
    await appendDurably(spool, [{ n: 1 }]);
    expect(spool.oldestAgeMs(NOW + 1500)).toBe(1500);
    await spool.commit((await spool.read(10, noCorruption)).end);
    expect(spool.oldestAgeMs(NOW + 3000)).toBe(0);
    await spool.close();
  });

  it('hands records over from memory while the reader keeps up, and from disk once it falls behind', async () => {
    const dir = await newDir();
    const spool = await Spool.open({ ...options(dir), maxTailRecords: 10 });
    await appendDurably(spool, [{ n: 0 }, { n: 1 }]);
    const fromMemory = await spool.read<{ n: number }>(10, noCorruption);
    expect(fromMemory.records).toEqual([{ n: 0 }, { n: 1 }]);
    // 25 records outgrow the 10-record tail: the reader goes back to the disk, losing nothing.
    for (let n = 2; n < 27; n++) await appendDurably(spool, [{ n }]);
    const rest: number[] = [];
    for (let batch = await spool.read<{ n: number }>(7, noCorruption); batch.records.length > 0; batch = await spool.read<{ n: number }>(7, noCorruption)) {
      rest.push(...batch.records.map((r) => r.n));
      await spool.commit(batch.end);
    }
    expect(rest).toEqual(Array.from({ length: 25 }, (_, i) => i + 2));
    await appendDurably(spool, [{ n: 27 }]);
    expect((await spool.read<{ n: number }>(10, noCorruption)).records).toEqual([{ n: 27 }]);
    await spool.close();
    // The positions handed out from memory are the same as the disk's: a reopened spool is empty.
    const reopened = await Spool.open(options(dir));
    expect(reopened.depthBytes).toBeGreaterThan(0); // n=27 was read but not committed
    expect((await reopened.read<{ n: number }>(10, noCorruption)).records).toEqual([{ n: 27 }]);
    await reopened.close();
  });

  it('waits for new data after the reader took the last record of a finished segment', async () => {
    const spool = await Spool.open(options(await newDir(), { segmentBytes: 64 }));
    await appendDurably(spool, [{ n: 1, pad: 'x'.repeat(80) }]); // fills segment 1: the spool moves to segment 2
    expect((await spool.read(10, noCorruption)).records).toHaveLength(1);
    let resolved = false;
    const waiting = spool.waitForData(10_000).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    await appendDurably(spool, [{ n: 2 }]);
    await waiting;
    expect((await spool.read<{ n: number }>(10, noCorruption)).records).toEqual([{ n: 2 }]);
    await spool.close();
  });
});
