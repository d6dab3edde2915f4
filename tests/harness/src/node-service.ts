import { fileURLToPath } from 'node:url';
import { LocalProcess } from './local-process.js';

/** The repository root, for spawning services by their entry file. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Start one of the platform's TypeScript entry points (e.g. `services/ingestor/src/main.ts`)
 * as its own Node process, the way `pnpm ingestor` does, and wait until it prints `readyText`.
 */
export async function startNodeService(options: {
  readonly name: string;
  readonly entry: string;
  readonly env: Readonly<Record<string, string>>;
  readonly readyText: string;
  readonly args?: readonly string[];
  /** Options for Node itself, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  readonly timeoutMs?: number;
}): Promise<LocalProcess> {
  const proc = new LocalProcess(options.name, process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry, ...(options.args ?? [])], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...options.env },
  });
  await proc.start(() => Promise.resolve(proc.log.includes(options.readyText)), options.timeoutMs ?? 30_000);
  return proc;
}
