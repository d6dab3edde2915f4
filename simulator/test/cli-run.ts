// Runs `pnpm sim -- ...` as its own process, as a person would, and collects its output.
import { execFile } from 'node:child_process';
import { REPO_ROOT } from '@lingtan/harness';

/** The exit code and combined output of a finished simulator command. */
export interface CliResult {
  readonly code: number;
  readonly output: string;
}

/** Run the simulator's command line to completion (no shell, so arguments are passed as they are). */
export function runSim(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'simulator/src/cli.ts', ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, timeout: 100_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}
