import { open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpoolPosition } from './segments.js';

const FILE = 'checkpoint.json';

/** What has been drained to the store: everything before `position`. */
export interface Checkpoint {
  readonly position: SpoolPosition;
  /** State that must move in step with the drained position (e.g. per-meter counter state). */
  readonly state?: unknown;
}

/** The last checkpoint, or undefined on a new spool. */
export async function readCheckpoint(dir: string): Promise<Checkpoint | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const parsed = JSON.parse(text) as Checkpoint;
  if (!Number.isInteger(parsed.position?.segment) || !Number.isInteger(parsed.position?.offset)) {
    throw new Error(`spool checkpoint ${join(dir, FILE)} is damaged: ${text.slice(0, 200)}`);
  }
  return parsed;
}

/** Write the checkpoint atomically: a temporary file, fsync, rename over the old one. */
export async function writeCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  const tmp = join(dir, `${FILE}.tmp`);
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(checkpoint));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(tmp, join(dir, FILE));
}
