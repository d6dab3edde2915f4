import { afterEach, describe, expect, it } from 'vitest';
import { Metrics } from './metrics.js';
import { createOpsServer, listenOps } from './ops-server.js';
import type { Server } from 'node:http';

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

async function start(checks: Parameters<typeof createOpsServer>[0]): Promise<string> {
  const metrics = new Metrics();
  metrics.inc('messages_total', undefined, 3);
  server = createOpsServer(checks, metrics);
  return listenOps(server, '127.0.0.1', 0);
}

describe('ops server', () => {
  it('answers /healthz 200 when every check passes and /metrics in the Prometheus format', async () => {
    const url = await start({ broker: () => Promise.resolve({ ok: true }) });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', checks: { broker: { ok: true } } });
    const metrics = await fetch(`${url}/metrics`);
    expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(await metrics.text()).toContain('messages_total 3');
  });

  it('answers 503 naming the failing check, whether it says no or throws', async () => {
    const url = await start({ store: () => Promise.resolve({ ok: false, detail: { lag: 5 } }), broker: () => Promise.reject(new Error('down')) });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'unavailable', checks: { store: { ok: false, detail: { lag: 5 } }, broker: { ok: false, detail: { error: 'Error: down' } } } });
  });

  it('refuses other paths and methods', async () => {
    const url = await start({});
    expect((await fetch(`${url}/admin`)).status).toBe(404);
    expect((await fetch(`${url}/metrics`, { method: 'POST' })).status).toBe(405);
  });
});
