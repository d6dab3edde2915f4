// The gateway as `pnpm gateway` runs it (main.ts, its own process) over a copy of the demo
// registry: /healthz on the ops listener carries the registry revision (the public port only {ok}), an admin's write reaches the file and the
// served registry, an edit of the file by hand is followed, and with writes switched off every
// write answers 503 registry_read_only.
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startMosquitto, startNodeService } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import type { RegistryAdminResponse } from '@lingtan/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { etagOf } from '../src/registry/etag.js';
import { eventually, loginAs } from './admin-registry-setup.js';

let broker: RunningService;
const gateways: LocalProcess[] = [];

async function startGateway(env: Record<string, string> = {}): Promise<{ url: string; ops: string; file: string; log: () => string }> {
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-gateway-registry-'));
  const file = join(dir, 'registry.yaml');
  await copyFile(join(REPO_ROOT, 'config/registry.demo.yaml'), file);
  const gateway = await startNodeService({
    name: 'gateway',
    entry: join(REPO_ROOT, 'services/gateway/src/main.ts'),
    env: {
      LINGTAN_MQTT_URL: broker.url,
      LINGTAN_STORE: 'embedded',
      LINGTAN_DATA_DIR: dir,
      LINGTAN_REGISTRY: file,
      LINGTAN_REGISTRY_POLL_MS: '50',
      LINGTAN_GATEWAY_USERS: join(REPO_ROOT, 'config/users.demo.yaml'),
      LINGTAN_GATEWAY_PORT: '0',
      LINGTAN_GATEWAY_OPS_PORT: '0',
      LINGTAN_GATEWAY_STATIC_DIR: join(dir, 'no-view'),
      ...env,
    },
    readyText: 'gateway running',
    timeoutMs: 60_000,
  });
  gateways.push(gateway);
  const line = gateway.log.split('\n').find((l) => l.includes('gateway running'))!;
  const { url, ops } = JSON.parse(line) as { url: string; ops: string };
  return { url, ops, file, log: () => gateway.log };
}

const health = async (url: string) => ((await (await fetch(`${url}/healthz`)).json()) as { checks: { registry: { ok: boolean; detail: { revision: number; etag: string; writable: boolean } } } }).checks.registry;

beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  for (const g of gateways) await g.stop();
  await broker?.stop();
});

describe('pnpm gateway over a writable registry', () => {
  it('serves the revision on /healthz, takes an admin write and follows a hand edit', async () => {
    const g = await startGateway();
    expect(await (await fetch(`${g.url}/healthz`)).json()).toEqual({ ok: true });
    expect((await fetch(`${g.url}/metrics`)).status).toBe(404);
    const before = await health(g.ops);
    expect(before).toEqual({ ok: true, detail: { revision: 1, etag: etagOf(await readFile(g.file, 'utf8')), writable: true } });
    const admin = await loginAs(g.url, 'admin', 'lingtan-admin-demo');
    const res = await admin.send('POST', '/api/v1/admin/meters', { body: { id: 'steel-new-kiln', name: 'New kiln', enterprise: 'ent-steel', carrier: 'gas', interval_s: 60 }, ifMatch: before.detail.etag });
    expect(res.status).toBe(201);
    expect((await health(g.ops)).detail.revision).toBe(2);
    expect(await readFile(g.file, 'utf8')).toContain('steel-new-kiln');
    const meters = (await (await admin.get('/api/v1/meters?enterprise=ent-steel')).json()) as { meters: { id: string }[] };
    expect(meters.meters.map((m) => m.id)).toContain('steel-new-kiln');
    // An edit by hand: rename an enterprise in the file.
    const text = await readFile(g.file, 'utf8');
    const registry = ((await (await admin.get('/api/v1/admin/registry')).json()) as RegistryAdminResponse).registry;
    const steel = registry.enterprises.find((e) => e.id === 'ent-steel')!;
    expect(text).toContain(`name: ${steel.name}`);
    await writeFile(g.file, text.replace(`name: ${steel.name}`, 'name: Renamed by hand'));
    await eventually(async () => (await health(g.ops)).detail.revision === 3);
    const renamed = ((await (await admin.get('/api/v1/admin/registry')).json()) as RegistryAdminResponse).registry.enterprises.find((e) => e.id === 'ent-steel');
    expect(renamed?.name).toBe('Renamed by hand');
    const metrics = await (await fetch(`${g.ops}/metrics`)).text();
    expect(metrics).toMatch(/registry_reloads_total\{outcome="applied"\} 1/);
    expect(metrics).toMatch(/registry_revision 3/);
    expect(g.log()).toContain('registry file changed: applied');
  });
});

describe('pnpm gateway with registry writes off', () => {
  it('answers 503 registry_read_only with the reason, and says so at start', async () => {
    const g = await startGateway({ LINGTAN_GATEWAY_REGISTRY_WRITES: 'false' });
    const h = await health(g.ops);
    expect(h.detail.writable).toBe(false);
    const admin = await loginAs(g.url, 'admin', 'lingtan-admin-demo');
    const res = await admin.send('POST', '/api/v1/admin/enterprises', { body: { id: 'ent-new', name: 'New' }, ifMatch: h.detail.etag });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'registry_read_only', message: expect.stringContaining('LINGTAN_GATEWAY_REGISTRY_WRITES=false') as unknown });
    expect(g.log()).toContain('registry is read-only');
  });
});
