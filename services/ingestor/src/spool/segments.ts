import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** A place in the spool: byte `offset` in segment number `segment`. */
export interface SpoolPosition {
  readonly segment: number;
  readonly offset: number;
}

const SEGMENT_PATTERN = /^segment-(\d{10})\.ndjson$/;

/** The file name of segment `n`: zero-padded so names sort in order. */
export function segmentName(n: number): string {
  return `segment-${String(n).padStart(10, '0')}.ndjson`;
}

export function segmentPath(dir: string, n: number): string {
  return join(dir, segmentName(n));
}

/** Segment numbers present in `dir`, ascending. */
export async function listSegments(dir: string): Promise<number[]> {
  const names = await readdir(dir);
  return names
    .map((name) => SEGMENT_PATTERN.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

/** -1, 0 or 1 as `a` is before, at or after `b`. */
export function comparePositions(a: SpoolPosition, b: SpoolPosition): number {
  return a.segment - b.segment || a.offset - b.offset;
}

/**
 * Split complete lines out of `chunk` (which starts at `startOffset` in its segment),
 * stopping after `maxLines`. Returns each line with the offset just after it; a trailing
 * piece without a newline is not a record (yet, or ever: a torn write).
 */
export function splitLines(chunk: Buffer, startOffset: number, maxLines: number): { line: Buffer; endOffset: number }[] {
  const lines: { line: Buffer; endOffset: number }[] = [];
  let start = 0;
  while (lines.length < maxLines) {
    const newline = chunk.indexOf(0x0a, start);
    if (newline === -1) break;
    lines.push({ line: chunk.subarray(start, newline), endOffset: startOffset + newline + 1 });
    start = newline + 1;
  }
  return lines;
}
