import { open, truncate } from 'node:fs/promises';

/** Largest read from a segment at once; a record must fit in it. */
export const READ_CHUNK_BYTES = 4 * 1024 * 1024;

/** `length` bytes of `path` from `offset`. */
export async function readRange(path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Cut a last line that has no newline (a write torn by a crash); returns the new size. */
export async function cutTornTail(path: string, size: number): Promise<number> {
  if (size === 0) return 0;
  const from = Math.max(0, size - READ_CHUNK_BYTES);
  const tail = await readRange(path, from, size - from);
  const lastNewline = tail.lastIndexOf(0x0a);
  const keep = lastNewline === -1 ? from : from + lastNewline + 1;
  if (keep < size) await truncate(path, keep);
  return keep;
}

/** fsync the directory so a new segment's name survives a power loss. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
