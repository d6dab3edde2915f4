// Write throughput through the remote store (HTTP+JSON to a store server in another process,
// as pnpm start runs it) against the DuckDB store written directly, 5,000-point batches, one
// batch in flight (as the ingestor writes). Each run writes to its own file in a fresh temp dir.
// Run from the repository root: pnpm bench:store:remote
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TelemetryPoint, TimeSeriesStore } from '../src/index.js';
import { createDuckDbStore, createRemoteStore, startStoreServer } from '../src/index.js';

const TOTAL_POINTS = 200_000;
const BATCH_POINTS = 5_000;
const METERS = 500;
const ENTERPRISES = 10;
const INTERVAL_MS = 15_000;
const T0 = Date.UTC(2026, 10, 22, 0, 0, 0);

/** Point i: meters report in turn every INTERVAL_MS, three quantities each, like the simulator. */
function pointAt(i: number): TelemetryPoint {
  const meter = i % METERS;
  return {
    park: 'park-1',
    enterprise: `ent-${meter % ENTERPRISES}`,
    meter: `m-${meter}`,
    carrier: 'electricity',
    tsMs: T0 + Math.floor(i / METERS) * INTERVAL_MS,
    values: { power_kw: (i % 997) / 10, energy_import_kwh: i / 100, voltage_v: 400 },
  };
}

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** Write every batch in turn; points per second of wall time. */
async function writeAll(store: TimeSeriesStore, batches: readonly TelemetryPoint[][]): Promise<number> {
  await store.init();
  const startMs = performance.now();
  for (const batch of batches) await store.write(batch);
  const seconds = (performance.now() - startMs) / 1000;
  const stored = await store.query({ park: 'park-1', meter: 'm-7', fromMs: T0, toMs: Infinity });
  if (stored.length !== TOTAL_POINTS / METERS) throw new Error(`expected ${TOTAL_POINTS / METERS} points of m-7, read ${stored.length}`);
  return TOTAL_POINTS / seconds;
}

/** The child: host a DuckDB file on a free loopback port, tell the parent the URL, stop on disconnect. */
async function serve(path: string): Promise<void> {
  const store = createDuckDbStore({ path });
  const server = await startStoreServer(store, { port: 0 });
  process.send?.({ url: server.url });
  process.once('disconnect', () => {
    void server
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-remote-bench-'));
  const batches = Array.from({ length: TOTAL_POINTS / BATCH_POINTS }, (_, b) => Array.from({ length: BATCH_POINTS }, (_, i) => pointAt(b * BATCH_POINTS + i)));
  try {
    const direct = createDuckDbStore({ path: join(dir, 'direct.duckdb') });
    const directRate = await writeAll(direct, batches);
    await direct.close();

    const host = fork(process.argv[1] ?? '', ['serve', join(dir, 'remote.duckdb')], { execArgv: process.execArgv });
    const url = await new Promise<string>((resolve, reject) => {
      host.once('message', (m: { url: string }) => resolve(m.url));
      host.once('exit', (code) => reject(new Error(`store host exited with ${code}`)));
    });
    const remote = createRemoteStore({ url });
    const remoteRate = await writeAll(remote, batches);
    await remote.close();
    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.disconnect();
    await exited;

    const label = `${TOTAL_POINTS} points (3 quantities each) in ${batches.length} batches of ${BATCH_POINTS}, one in flight`;
    print(`duckdb direct:  ${Math.round(directRate)} points/s  (${label})`);
    print(`remote(duckdb): ${Math.round(remoteRate)} points/s  (HTTP+JSON to a store server in another process)`);
    print(`remote / direct: ${(remoteRate / directRate).toFixed(2)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'serve') await serve(process.argv[3] ?? '');
else await main();
