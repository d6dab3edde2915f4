import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';

/** A server binary run by the harness, with its output kept for failure messages. */
export class LocalProcess {
  private child: ChildProcess | undefined;
  private output = '';
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: readonly string[],
    private readonly spawnOptions: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {},
  ) {}

  /** Start the binary; `ready` is polled until true, failing early if the process dies. */
  async start(ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const child = spawn(this.command, this.args, { ...this.spawnOptions, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-64_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    let exitCode: number | null | undefined;
    this.exited = new Promise((resolve) => {
      child.on('exit', (code) => {
        exitCode = code;
        resolve();
      });
      child.on('error', (error) => {
        this.output += `\n${error.message}`;
        exitCode = -1;
        resolve();
      });
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      try {
        if (await ready()) return;
      } catch {
        // not up yet
      }
      // Checked after `ready`: a short job may print what we wait for and exit at once.
      if (exitCode !== undefined) throw new Error(`${this.name} exited (${exitCode}) while starting:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await this.stop();
    throw new Error(`${this.name} did not become ready within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** SIGKILL at once: a crash, as far as the process is concerned. */
  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await this.exited;
  }

  /** Resolves when the process has exited, whatever the cause. */
  get exit(): Promise<void> {
    return this.exited;
  }

  /** The last few kilobytes the process printed. */
  get log(): string {
    return this.output;
  }

  /** The process id while it runs (benchmarks read its CPU time from /proc). */
  get pid(): number | undefined {
    return this.child?.pid;
  }
}

/** The absolute path of `command` on PATH (or in the sbin folders Debian uses), or undefined. */
export function findBinary(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', `command -v ${command} || ls /usr/sbin/${command} /usr/local/sbin/${command} 2>/dev/null`], {
    encoding: 'utf8',
    env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/usr/local/sbin:/sbin` },
  });
  const path = result.stdout.split('\n')[0]?.trim();
  return path !== undefined && path.length > 0 ? path : undefined;
}
