import { startInfluxdb } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInfluxStore, StoreError } from '../src/index.js';
import { describeTimeSeriesStoreContract } from '../src/testing/contract.js';

let influx: RunningService;
beforeAll(async () => {
  influx = await startInfluxdb();
});
afterAll(async () => {
  await influx?.stop();
});

const open = (database: string) => createInfluxStore({ url: influx.url, database, timeoutMs: 5000 });

describeTimeSeriesStoreContract('influx (real influxd)', () => {
  const store = createInfluxStore({ url: influx.url, database: `contract_${process.pid}_${Date.now()}`, timeoutMs: 5000, lifecycle: { rawRetentionDays: 90, timeZone: 'Asia/Shanghai' } });
  return Promise.resolve({ store, dispose: () => store.close() });
});

// As on InfluxDB 2.x/3.x: no retention policies or rollups, alert events in the default policy.
describeTimeSeriesStoreContract('influx (real influxd, no lifecycle)', () => {
  const store = createInfluxStore({ url: influx.url, database: `contract_plain_${process.pid}_${Date.now()}`, timeoutMs: 5000 });
  return Promise.resolve({ store, dispose: () => store.close() });
});

describe('influx store against a real influxd', () => {
  it('reports an unreachable server as a retriable StoreError', async () => {
    const store = createInfluxStore({ url: 'http://127.0.0.1:9', database: 'x', timeoutMs: 1000 });
    const error: unknown = await store.write([{ park: 'p', enterprise: 'e', meter: 'm', carrier: 'electricity', tsMs: Date.UTC(2026, 0, 1), values: { power_kw: 1 } }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'store_unavailable', retriable: true });
    await store.close();
  });

  it('reports a field type conflict as a non-retriable rejection', async () => {
    const database = `conflict_${Date.now()}`;
    const store = open(database);
    await store.init();
    const tsMs = Date.UTC(2026, 0, 1);
    // Seed an integer field by hand; the adapter always writes floats, so its write conflicts.
    const seeded = await fetch(`${influx.url}/write?db=${database}&precision=ms`, {
      method: 'POST',
      body: `telemetry,carrier=electricity,enterprise=e,meter=m,park=p power_kw=1i ${tsMs}`,
    });
    expect(seeded.status).toBe(204);
    const error: unknown = await store
      .write([{ park: 'p', enterprise: 'e', meter: 'm', carrier: 'electricity', tsMs: tsMs + 1, values: { power_kw: 1.5 } }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'store_rejected', retriable: false });
    expect(String(error)).toMatch(/field type conflict/);
    await store.close();
  });
});

describe('influx alert events', () => {
  it('skips and counts a stored event that no longer parses, and keeps events in the forever policy', async () => {
    const database = `alerts_${Date.now()}`;
    const store = createInfluxStore({ url: influx.url, database, timeoutMs: 5000, lifecycle: { rawRetentionDays: 90, timeZone: 'Asia/Shanghai' } });
    await store.init();
    const atMs = Date.now() - 60_000;
    const event = {
      v: 1 as const, eventId: 'a1:1', type: 'raised' as const, atMs, alertId: 'a1', key: 'r/m', ruleId: 'r', kind: 'threshold' as const, severity: 'minor' as const,
      park: 'p', owner: { scope: 'park' as const, id: 'p' }, meter: 'm', state: 'active' as const, firstSeenMs: atMs, lastSeenMs: atMs, occurrence: 1, count: 1, message: 'x',
    };
    await store.writeAlertEvents([event]);
    // A row written by something else (or an older schema): its JSON lacks required fields.
    const seeded = await fetch(`${influx.url}/write?db=${database}&rp=rollup&precision=ms`, {
      method: 'POST',
      body: `alert_events,alert_id=a2,event_id=a2:1,owner_id=p,owner_scope=park,park=p event="{\\"v\\":1}" ${atMs + 1}`,
    });
    expect(seeded.status).toBe(204);
    const read = await store.queryAlertEvents({ park: 'p', fromMs: atMs - 1, toMs: atMs + 10 });
    expect(read).toEqual([event]);
    expect(store.skippedAlertEvents).toBe(1);
    // The raw policy (90 days) holds no alert events: they live in `rollup`, kept forever.
    const raw = await fetch(`${influx.url}/query?db=${database}&q=${encodeURIComponent('SELECT count("event") FROM "raw"."alert_events"')}`);
    expect(JSON.stringify(await raw.json())).not.toMatch(/count/);
    await store.close();
  });
});
