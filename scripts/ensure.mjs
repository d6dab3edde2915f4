#!/usr/bin/env node
// First-run setup behind `npm start` / `npm test`: on a fresh Debian machine with Node 20 and
// npm, install pnpm (the version in package.json#packageManager) and the workspace's
// packages; with --services, also Mosquitto and InfluxDB from Debian's packages, which the
// integration tests start. Each step is skipped when already done, so it costs ~0.1 s after
// the first run. Plain Node with no dependencies: it runs before anything is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const wantServices = process.argv.includes('--services');
const say = (text) => process.stderr.write(`[ensure] ${text}\n`);

function run(command, args, options = {}) {
  say(`${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    say(`failed: ${command} ${args.join(' ')} (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

function output(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

const onPath = (binary) => output('sh', ['-c', `command -v ${binary} || ls /usr/sbin/${binary} 2>/dev/null`]) !== undefined;
const isRoot = process.getuid?.() === 0;

// 1. Debian packages the integration and browser tests start (only for the test command):
// Mosquitto, InfluxDB, Redis, and Chromium with CJK fonts (a tool's own browser download
// fails here).
const cjkFonts = existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
if (wantServices && !(onPath('mosquitto') && onPath('influxd') && onPath('redis-server') && onPath('chromium') && cjkFonts)) {
  if (!isRoot || !onPath('apt-get')) {
    say('Mosquitto, InfluxDB, Redis or Chromium is missing; install them with:');
    say('  sudo apt-get install -y --no-install-recommends mosquitto mosquitto-clients influxdb influxdb-client redis-server chromium fonts-noto-cjk');
    process.exit(1);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'mosquitto', 'mosquitto-clients', 'influxdb', 'influxdb-client', 'redis-server', 'chromium', 'fonts-noto-cjk'], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

// 2. pnpm, at the version the lockfile was written with (corepack fails on this registry).
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.replace(/^pnpm@/, '');
if (output('pnpm', ['--version']) !== pnpmVersion) run('npm', ['install', '--global', `pnpm@${pnpmVersion}`]);

// 3. The workspace's packages, when missing or older than the lockfile.
const marker = join(root, 'node_modules', '.modules.yaml');
const lock = join(root, 'pnpm-lock.yaml');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  run('pnpm', ['install', '--frozen-lockfile'], { env: { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' } });
}

// 4. The control view's static build (served by the gateway), when missing or older than
// its sources.
const view = join(root, 'packages', 'control-view');
const built = join(view, 'dist', 'index.html');
const newestMs = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestMs(path) : statSync(path).mtimeMs);
  }, 0);
if (existsSync(join(view, 'package.json'))) {
  const sourcesMs = Math.max(newestMs(join(view, 'src')), ...['index.html', 'vite.config.ts'].filter((f) => existsSync(join(view, f))).map((f) => statSync(join(view, f)).mtimeMs));
  if (!existsSync(built) || statSync(built).mtimeMs < sourcesMs) run('pnpm', ['--filter', '@lingtan/control-view', 'build']);
}
