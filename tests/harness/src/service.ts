import { rm } from 'node:fs/promises';
import { LocalProcess } from './local-process.js';
/** A real service the harness started (or was pointed at), for one test file. */
export interface RunningService {
  /** The URL clients connect to. */
  readonly url: string;
  /** How it was obtained: an URL from the environment, a local binary, or a container. */
  readonly source: 'env' | 'local' | 'container';
  /** Stop it and remove its files. */
  stop(): Promise<void>;
  /** Stop it gracefully, keeping its data, so `start` can bring it back (local only). */
  pause(): Promise<void>;
  /** Kill it with SIGKILL, keeping its data (local only). */
  crash(): Promise<void>;
  /** Start it again on the same port with the same data (local only). */
  resume(): Promise<void>;
  /** What the service printed, for failure messages. */
  readonly log: string;
  /** The process id of a local binary while it runs (benchmarks read its CPU time); otherwise undefined. */
  readonly pid?: number | undefined;
}

export function externalService(url: string, name: string): RunningService {
  const refuse = () => Promise.reject(new Error(`${name} at ${url} comes from the environment; the harness cannot stop or restart it`));
  return { url, source: 'env', stop: () => Promise.resolve(), pause: refuse, crash: refuse, resume: refuse, log: '' };
}

/** What to tell a person when no way of getting a service worked. */
export function missingServiceMessage(name: string, envVar: string, debianPackage: string, binary: string): string {
  return [
    `The test harness could not start ${name}.`,
    `It tried, in order: ${envVar} (not set), a local \`${binary}\` binary (not found), a Docker engine for testcontainers (none answered).`,
    `Install it with: apt-get install -y --no-install-recommends ${debianPackage}`,
    `or point the tests at a running one: ${envVar}=...`,
  ].join('\n');
}

/**
 * A local binary run as a service in its own temporary directory: started now, and able to
 * be paused, crashed and resumed on the same port and data; `stop` also removes `dir`.
 */
export async function localService(options: {
  readonly name: string;
  readonly binary: string;
  readonly args: readonly string[];
  readonly url: string;
  readonly dir: string;
  readonly ready: () => Promise<boolean>;
  readonly timeoutMs: number;
}): Promise<RunningService> {
  let proc = new LocalProcess(options.name, options.binary, options.args);
  const start = async () => {
    proc = new LocalProcess(options.name, options.binary, options.args);
    await proc.start(options.ready, options.timeoutMs);
  };
  await start();
  return {
    url: options.url,
    source: 'local',
    get log() {
      return proc.log;
    },
    get pid() {
      return proc.pid;
    },
    stop: async () => {
      await proc.stop();
      await rm(options.dir, { recursive: true, force: true });
    },
    pause: () => proc.stop(),
    crash: () => proc.kill(),
    resume: start,
  };
}

/** A container from testcontainers: stoppable, but not paused or crashed by the harness. */
export function containerService(url: string, stop: () => Promise<void>): RunningService {
  const unsupported = () => Promise.reject(new Error('pause/crash/resume are supported for local binaries only'));
  return { url, source: 'container', log: '', stop, pause: unsupported, crash: unsupported, resume: unsupported };
}
