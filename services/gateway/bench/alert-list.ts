// GET /api/v1/alerts?state=open over the embedded DuckDB store: served from the in-memory book
// against the store read (the path taken without a book, e.g. with a share group).
// Run: pnpm exec tsx services/gateway/bench/alert-list.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fixedClock } from '@lingtan/domain';
import type { AlertEvent } from '@lingtan/schema';
import { createDuckDbStore } from '@lingtan/store';
import { createOpenAlerts } from '../src/query/open-alerts.js';
import { ALERT_EVENTS, KEYS, NOW, PARK, startGateway } from '../test/fixture.js';

const ALERTS = 10_000;
/** Every tenth alert stays open; the others are raised, acknowledged and cleared within 30 days. */
const OPEN_EVERY = 10;
const REQUESTS = 30;
const template = ALERT_EVENTS[0]!;

function eventsOf(i: number): AlertEvent[] {
  const alertId = `bench-${i}`;
  const raisedMs = NOW - 29 * 86_400_000 + i * 200_000;
  const base: AlertEvent = { ...template, alertId, key: `rule-1:m${i}`, eventId: `${alertId}:1`, type: 'raised', state: 'active', atMs: raisedMs, firstSeenMs: raisedMs, lastSeenMs: raisedMs };
  const ack: AlertEvent = { ...base, eventId: `${alertId}:2`, type: 'acknowledged', state: 'acknowledged', atMs: raisedMs + 60_000, acknowledged: { by: 'bench', atMs: raisedMs + 60_000 } };
  const clear: AlertEvent = { ...base, eventId: `${alertId}:3`, type: 'cleared', state: 'cleared', atMs: raisedMs + 120_000 };
  return i % OPEN_EVERY === 0 ? [base, ack] : [base, ack, clear];
}

async function timeList(url: string): Promise<{ medianMs: number; p90Ms: number; count: number }> {
  const ms: number[] = [];
  let count = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}/api/v1/alerts?state=open&limit=1000`, { headers: { authorization: `Bearer ${KEYS.operator}` } });
    count = ((await res.json()) as { alerts: unknown[] }).alerts.length;
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { medianMs: ms[Math.floor(REQUESTS / 2)]!, p90Ms: ms[Math.floor(REQUESTS * 0.9)]!, count };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-alert-bench-'));
  const store = createDuckDbStore({ path: join(dir, 'bench.duckdb') });
  await store.init();
  try {
    const events = Array.from({ length: ALERTS }, (_, i) => eventsOf(i)).flat();
    await store.writeAlertEvents(events);
    const book = createOpenAlerts({ store, park: PARK, clock: fixedClock(NOW) });
    const seedT0 = performance.now();
    await book.seed();
    const seedMs = performance.now() - seedT0;
    for (const [name, openAlerts] of [['book', book], ['store', undefined]] as const) {
      const gw = await startGateway({ store, openAlerts });
      try {
        const r = await timeList(gw.url);
        process.stdout.write(`${name}: ${r.count} open alerts of ${ALERTS} (${events.length} events), median ${r.medianMs.toFixed(1)} ms, p90 ${r.p90Ms.toFixed(1)} ms\n`);
      } finally {
        await gw.close();
      }
    }
    process.stdout.write(`seed (one store read at start): ${seedMs.toFixed(0)} ms\n`);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
