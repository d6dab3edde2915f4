// Write and query throughput of the embedded DuckDB store, on a file in a fresh temp dir.
// Run from the repository root: npx tsx packages/store/bench/duckdb-write.ts
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TelemetryPoint, TelemetryQuery } from '../src/index.js';
import { createDuckDbStore } from '../src/index.js';

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

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-duckdb-bench-'));
  const path = join(dir, 'telemetry.duckdb');
  const store = createDuckDbStore({ path });
  try {
    await store.init();
    const batches = Array.from({ length: TOTAL_POINTS / BATCH_POINTS }, (_, b) => Array.from({ length: BATCH_POINTS }, (_, i) => pointAt(b * BATCH_POINTS + i)));
    const startMs = performance.now();
    for (const batch of batches) await store.write(batch);
    const writeMs = performance.now() - startMs;
    print(`write: ${TOTAL_POINTS} points (${TOTAL_POINTS * 3} quantity rows) in ${batches.length} batches of ${BATCH_POINTS}: ${writeMs.toFixed(0)} ms, ${Math.round(TOTAL_POINTS / (writeMs / 1000))} points/s`);

    const endMs = T0 + (TOTAL_POINTS / METERS) * INTERVAL_MS;
    const queries: [string, TelemetryQuery][] = [
      ['one meter, whole range', { park: 'park-1', meter: 'm-42', fromMs: T0, toMs: endMs }],
      ['whole park, 5 minutes', { park: 'park-1', fromMs: T0 + 3_600_000, toMs: T0 + 3_900_000 }],
      ['one enterprise, whole range, limit 1000', { park: 'park-1', enterprise: 'ent-3', fromMs: T0, toMs: endMs, limit: 1000 }],
      ['whole park, whole range', { park: 'park-1', fromMs: T0, toMs: endMs }],
    ];
    for (const [label, query] of queries) {
      const queryStartMs = performance.now();
      const points = await store.query(query);
      print(`query ${label}: ${points.length} points in ${(performance.now() - queryStartMs).toFixed(1)} ms`);
    }
    const latestStartMs = performance.now();
    const latest = await store.latest({ park: 'park-1' });
    print(`latest whole park: ${latest.length} meters in ${(performance.now() - latestStartMs).toFixed(1)} ms`);
    await store.close();
    print(`file: ${((await stat(path)).size / 1e6).toFixed(1)} MB`);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
