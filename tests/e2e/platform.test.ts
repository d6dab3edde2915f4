// `pnpm start` on embedded defaults: Aedes in process, the DuckDB store opened by the platform
// and served over HTTP to the ingestor and the rules service (LINGTAN_STORE=remote), the
// simulator playing the demo scenario. Nothing external: no Mosquitto, no InfluxDB.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess } from '@lingtan/harness';
import { createDuckDbStore, createRemoteStore } from '@lingtan/store';
import { afterAll, describe, expect, it } from 'vitest';

let platform: LocalProcess | undefined;
let dir: string | undefined;

afterAll(async () => {
  await platform?.kill();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('the one-command platform', () => {
  it('runs broker, store server, ingestor and simulator, stores the demo park, and stops cleanly on SIGTERM', async () => {
    dir = await mkdtemp(join(tmpdir(), 'lingtan-platform-'));
    const port = await freePort();
    const gatewayPort = await freePort();
    platform = await startNodeService({
      name: 'platform',
      entry: 'services/platform/src/main.ts',
      readyText: 'Lingtan is running',
      env: { LINGTAN_BROKER_PORT: String(port), LINGTAN_DATA_DIR: dir, LINGTAN_SIM_SPEED: '60', LINGTAN_REGISTRY: 'config/registry.demo.yaml', LINGTAN_INGESTOR_HTTP_PORT: '0', LINGTAN_RULES_HTTP_PORT: '0', LINGTAN_STORE_PORT: '0', LINGTAN_GATEWAY_PORT: String(gatewayPort), LINGTAN_GATEWAY_OPS_PORT: '0' },
    });
    // At 60x, 15 s meters report four times a second: a few seconds give a few hundred readings.
    await waitFor('the simulator to publish', () => Promise.resolve(/sim: \d+ messages published/.test(platform?.log ?? '')), 20_000);

    // While it runs, the readings the ingestor stored through the remote store are readable
    // through it (the DuckDB file is the platform's; no other process may open it meanwhile).
    const storeUrl = /"url":"(http:\/\/127\.0\.0\.1:\d+)"[^\n]*"msg":"embedded store served"/.exec(platform.log)?.[1];
    expect(storeUrl, platform.log.slice(-3000)).toBeDefined();
    const remote = createRemoteStore({ url: storeUrl ?? '' });
    await waitFor('readings through the remote store', async () => (await remote.latest({ park: 'yc-binhai' })).length > 0, 20_000);
    const latestWhileRunning = await remote.latest({ park: 'yc-binhai' });
    await remote.close();
    expect(latestWhileRunning.every((p) => p.park === 'yc-binhai' && Object.keys(p.values).length > 0)).toBe(true);
    expect(platform.log).toMatch(/"store":"remote"/); // the ingestor opened the remote store

    // The gateway answers on its own port with the demo logins the platform prints.
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    expect(platform.log).toContain(`Control view   ${gatewayUrl}/`);
    await waitFor('the gateway', () => Promise.resolve(/"msg":"gateway running"/.test(platform?.log ?? '')), 20_000);
    const login = await fetch(`${gatewayUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator', password: 'lingtan-operator-demo' }) });
    expect(login.status, await login.clone().text()).toBe(200);
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
    const park = (await (await fetch(`${gatewayUrl}/api/v1/park`, { headers: { cookie } })).json()) as { park: { id: string }; enterprises: unknown[] };
    expect(park.park.id).toBe('yc-binhai');
    expect(park.enterprises.length).toBe(20);

    await platform.stop();
    const stats = /"ingestor_points_written_total":(\d+)/.exec(platform.log);
    expect(stats, platform.log.slice(-3000)).not.toBeNull();
    const written = Number(stats?.[1]);
    expect(written).toBeGreaterThan(16);

    const store = createDuckDbStore({ path: join(dir, 'lingtan.duckdb') });
    await store.init();
    const stored = await store.query({ park: 'yc-binhai', fromMs: 0, toMs: Date.now() + 86_400_000 });
    await store.close();
    expect(stored.length).toBe(written);
    // What the remote store showed as each meter's newest point is in the file as written.
    const byKey = new Map(stored.map((p) => [`${p.meter}@${p.tsMs}`, p]));
    for (const p of latestWhileRunning) expect(byKey.get(`${p.meter}@${p.tsMs}`), p.meter).toEqual(p);
    // The simulator plays config/scenario.demo.yaml: its readings are the registry's meters,
    // every one accepted (no rejects in the ingestor's final stats).
    const enterprises = new Set(stored.map((p) => p.enterprise));
    for (const id of ['park-ops', 'ent-steel', 'ent-chem', 'ent-dc', 'ent-cold']) expect(enterprises.has(id), id).toBe(true);
    expect(enterprises.size).toBeGreaterThan(15);
    expect(platform.log).not.toMatch(/ingestor_rejects_total/);
    expect(platform.log).toContain('rules running'); // the rules service ran beside the ingestor
    expect(platform.log).not.toMatch(/"level":(50|60)/);
  });
});
