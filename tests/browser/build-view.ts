// Vitest global setup of the `browser` project: the tests drive the built control view, so
// build it when dist/ is missing or older than any source file.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const VIEW = fileURLToPath(new URL('../../packages/control-view/', import.meta.url));

function newestMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMs(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function builtMs(): number {
  try {
    return statSync(join(VIEW, 'dist', 'index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds packages/control-view unless dist/ is newer than src/, index.html and the Vite config. */
export default function setup(): void {
  const sources = Math.max(newestMs(join(VIEW, 'src')), statSync(join(VIEW, 'index.html')).mtimeMs, statSync(join(VIEW, 'vite.config.ts')).mtimeMs);
  if (builtMs() > sources) return;
  // vitest sets NODE_ENV=test, which would give a development React build: test what users get.
  execFileSync('pnpm', ['--filter', '@lingtan/control-view', 'build'], { cwd: join(VIEW, '..', '..'), stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}
