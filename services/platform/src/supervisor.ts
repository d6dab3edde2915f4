import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import type { Logger } from '@lingtan/runtime';

/** A platform part run as its own Node process, restarted with backoff if it dies. */
export interface SupervisedProcess {
  stop(): Promise<void>;
}

export interface ProcessSpec {
  readonly name: string;
  /** A TypeScript entry file, relative to the repository root. */
  readonly entry: string;
  readonly args?: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** Restart when it exits on its own (a service); false for a run-to-completion job. */
  readonly restart: boolean;
}

const running = new Set<ChildProcess>();
// Should the platform itself die, its detached parts must not live on.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Run `spec` with Node and tsx, its output passed through (services log JSON lines), and
 * restart it on a crash after 1 s, 2 s, 4 s ... up to 30 s. Services stay separate processes,
 * as in production, so no service imports another.
 */
export function supervise(spec: ProcessSpec, cwd: string, logger: Logger): SupervisedProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  let failures = 0;
  let restartTimer: NodeJS.Timeout | undefined;
  const start = () => {
    const startedAt = Date.now();
    child = spawn(process.execPath, ['--import', 'tsx', spec.entry, ...(spec.args ?? [])], {
      cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'inherit', 'inherit'],
      // Own process group: a Ctrl-C reaches the platform only, which then stops its parts in order.
      detached: true,
    });
    running.add(child);
    child.on('exit', (code, signal) => {
      if (child !== undefined) running.delete(child);
      child = undefined;
      if (stopping) return;
      if (!spec.restart && code === 0) {
        logger.info({ process: spec.name }, 'finished');
        return;
      }
      failures = Date.now() - startedAt > 60_000 ? 1 : failures + 1;
      const delayMs = Math.min(30_000, 1000 * 2 ** (failures - 1));
      logger.error({ process: spec.name, code, signal, restartInMs: delayMs }, 'process exited; restarting');
      restartTimer = setTimeout(start, delayMs);
    });
  };
  start();
  return {
    stop: async () => {
      stopping = true;
      clearTimeout(restartTimer);
      const current = child;
      if (current === undefined) return;
      const exited = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.kill('SIGTERM');
      const kill = setTimeout(() => current.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(kill);
    },
  };
}
