import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDuckDbStore } from '../duckdb/duckdb-store.js';
import { createMemoryStore } from '../memory/memory-store.js';
import { openStore } from '../open-store.js';
import type { TelemetryPoint, TimeSeriesStore } from '../port.js';
import { StoreError } from '../port.js';
import { describeTimeSeriesStoreContract } from '../testing/contract.js';
import type { StoreFixture } from '../testing/contract.js';
import { createRemoteStore } from './remote-store.js';
import { startStoreServer } from './store-server.js';
import type { StoreServer } from './store-server.js';

/** A remote store in front of `hosted`; disposing closes client, server and store in that order. */
async function remoteOver(hosted: TimeSeriesStore, options: { maxBodyBytes?: number } = {}): Promise<StoreFixture & { server: StoreServer }> {
  const server = await startStoreServer(hosted, { port: 0, ...options });
  const store = createRemoteStore({ url: server.url, timeoutMs: 10_000 });
  return {
    store,
    server,
    dispose: async () => {
      await store.close();
      await server.close();
      await hosted.close();
    },
  };
}

describeTimeSeriesStoreContract('remote (memory)', () => remoteOver(createMemoryStore()));
describeTimeSeriesStoreContract('remote (duckdb)', () => remoteOver(createDuckDbStore({ path: ':memory:' })));

const T0 = Date.UTC(2026, 10, 22, 1, 0, 0);
const reading = (tsMs: number, values: Record<string, number>): TelemetryPoint => ({ park: 'p', enterprise: 'e', meter: 'm', carrier: 'electricity', tsMs, values });

/** A loopback port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('remote store over HTTP', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const remote = async (hosted: TimeSeriesStore, options: { maxBodyBytes?: number } = {}) => {
    const fixture = await remoteOver(hosted, options);
    cleanups.push(() => fixture.dispose());
    return fixture;
  };

  it('reports a host that is not listening as a retriable store_unavailable, as the ingestor retries it', async () => {
    const store = openStore({ kind: 'remote', url: `http://127.0.0.1:${await deadPort()}` }, 'Asia/Shanghai');
    cleanups.push(() => store.close());
    for (const call of [() => store.write([reading(T0, { power_kw: 1 })]), () => store.ping(), () => store.latest({ park: 'p' })]) {
      const error: unknown = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'store_unavailable', retriable: true });
    }
  });

  it('carries the host store’s StoreError over the wire with its code and retriable flag', async () => {
    const hosted = createMemoryStore();
    hosted.write = () => Promise.reject(new StoreError('disk full', 'store_unavailable', true));
    hosted.query = () => Promise.reject(new StoreError('took too long', 'store_timeout', true));
    const { store } = await remote(hosted);
    await expect(store.write([reading(T0, { power_kw: 1 })])).rejects.toMatchObject({ name: 'StoreError', message: 'disk full', code: 'store_unavailable', retriable: true });
    await expect(store.query({ park: 'p', fromMs: 0, toMs: 1 })).rejects.toMatchObject({ code: 'store_timeout', retriable: true });
  });

  it('gives up on a host that does not answer in timeoutMs with a retriable store_timeout', async () => {
    const hosted = createMemoryStore();
    let release: () => void = () => undefined;
    hosted.write = () => new Promise<void>((resolve) => (release = resolve));
    const { server } = await remote(hosted);
    const impatient = createRemoteStore({ url: server.url, timeoutMs: 200 });
    cleanups.push(() => impatient.close());
    const error: unknown = await impatient.write([reading(T0, { power_kw: 1 })]).catch((e: unknown) => e);
    release();
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'store_timeout', retriable: true });
  });

  it('refuses what the host store refuses, non-retriable, and stores none of the batch', async () => {
    const { store } = await remote(createDuckDbStore({ path: ':memory:' }));
    // A fractional timestamp passes the wire schema and is refused by DuckDB; NaN travels as
    // null and is refused by the wire schema. Either way: store_rejected, nothing stored.
    await expect(store.write([reading(T0, { power_kw: 1 }), reading(T0 + 0.5, { power_kw: 2 })])).rejects.toMatchObject({ code: 'store_rejected', retriable: false });
    await expect(store.write([reading(T0, { power_kw: Number.NaN })])).rejects.toMatchObject({ code: 'store_rejected', retriable: false });
    expect(await store.query({ park: 'p', fromMs: -Infinity, toMs: Infinity })).toEqual([]);
  });

  it('reads an unbounded range (±Infinity cannot travel as JSON numbers)', async () => {
    const { store } = await remote(createMemoryStore());
    await store.write([reading(T0, { power_kw: 1 })]);
    expect(await store.query({ park: 'p', fromMs: -Infinity, toMs: Infinity })).toEqual([reading(T0, { power_kw: 1 })]);
  });

  it('refuses a body over the limit with 413, non-retriable, so the ingestor splits the batch', async () => {
    const hosted = createMemoryStore();
    const { store, server } = await remote(hosted, { maxBodyBytes: 10_000 });
    // About 100 bytes a point as JSON: 200 points are ~20 kB, 20 points ~2 kB.
    const batch = Array.from({ length: 200 }, (_, i) => reading(T0 + i, { power_kw: i }));
    await expect(store.write(batch)).rejects.toMatchObject({ code: 'store_rejected', retriable: false });
    const raw = await fetch(`${server.url}/v1/write`, { method: 'POST', body: JSON.stringify({ points: batch }) });
    expect(raw.status).toBe(413);
    await store.write(batch.slice(0, 20));
    expect(hosted.size).toBe(20);
  });

  it('answers a malformed request with 400, an unknown route with 404, and ping with 204', async () => {
    const { server } = await remote(createMemoryStore());
    const post = (path: string, body: string) => fetch(`${server.url}${path}`, { method: 'POST', body });
    const notJson = await post('/v1/write', '{"points": [');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'store_rejected', retriable: false } });
    const badPoint = await post('/v1/write', JSON.stringify({ points: [{ park: 'p', meter: 'm' }] }));
    expect(badPoint.status).toBe(400);
    expect(((await badPoint.json()) as { error: { message: string } }).error.message).toMatch(/points\.0\.enterprise/);
    expect((await post('/v1/drop-everything', '{}')).status).toBe(404);
    expect((await fetch(`${server.url}/v1/query`)).status).toBe(405);
    expect((await fetch(`${server.url}/ping`)).status).toBe(204);
  });

  it('binds the loopback interface by default', async () => {
    const { server } = await remote(createMemoryStore());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('serves several clients: one at the URL with a trailing slash reads what another wrote', async () => {
    const hosted = createMemoryStore();
    const { store, server } = await remote(hosted);
    await store.writeAlertEvents([]);
    await store.write([reading(T0, { power_kw: 7 })]);
    const second = createRemoteStore({ url: `${server.url}/` });
    cleanups.push(() => second.close());
    expect(await second.latest({ park: 'p' })).toEqual([reading(T0, { power_kw: 7 })]);
  });
});
