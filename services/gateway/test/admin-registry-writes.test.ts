import { writeFile } from 'node:fs/promises';
import { parseRegistry } from '@lingtan/runtime';
import type { RegistryAdminResponse, RegistryWriteResponse } from '@lingtan/schema';
import { stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { etagOf } from '../src/registry/etag.js';
import { KEYS, errorOf } from './fixture.js';
import { HEADER, caller, eventually, fileText, loginAs, startAdminGateway, tryLogin } from './admin-registry-setup.js';
import type { AdminCaller, AdminGateway } from './admin-registry-setup.js';

let g: AdminGateway;
let admin: AdminCaller;

beforeEach(async () => {
  g = await startAdminGateway();
  admin = await loginAs(g.url, 'admin');
});
afterEach(async () => {
  await g.stop();
});

const current = async (who: AdminCaller = admin): Promise<RegistryAdminResponse & { header: string | null }> => {
  const res = await who.get('/api/v1/admin/registry');
  expect(res.status).toBe(200);
  return { ...((await res.json()) as RegistryAdminResponse), header: res.headers.get('etag') };
};
const meterIds = async (who: AdminCaller = admin, enterprise?: string): Promise<string[]> => {
  const res = await who.get(`/api/v1/meters${enterprise === undefined ? '' : `?enterprise=${enterprise}`}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { meters: { id: string }[] }).meters.map((m) => m.id);
};
const NEW_METER = { id: 'a-comp', name: 'A compressor', enterprise: 'ent-a', carrier: 'electricity', role: 'sub', parent: 'a-main', interval_s: 900 };

describe('GET /api/v1/admin/registry', () => {
  it('gives the whole registry, revision 1 and the SHA-256 of the file as ETag (header and body)', async () => {
    const r = await current();
    expect(r.revision).toBe(1);
    expect(r.etag).toBe(etagOf(await fileText(g)));
    expect(r.header).toBe(r.etag);
    expect(r.writable).toBe(true);
    expect(r.registry.meters.map((m) => m.id)).toEqual(['p-tx1', 'a-main', 'a-sub', 'a-gas', 'b-main']);
  });

  it('the admin routes are in the OpenAPI document, writes with a required If-Match header', async () => {
    const doc = (await (await fetch(`${g.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, { parameters?: { name: string; in: string; required: boolean }[]; responses: Record<string, unknown> }>> };
    const patch = doc.paths['/api/v1/admin/meters/{id}']?.patch;
    expect(patch?.parameters).toContainEqual(expect.objectContaining({ name: 'If-Match', in: 'header', required: true }));
    expect(Object.keys(patch?.responses ?? {})).toEqual(expect.arrayContaining(['200', '409', '412', '428', '503']));
    expect(Object.keys(doc.paths['/api/v1/admin/enterprises/{id}'] ?? {}).sort()).toEqual(['delete', 'patch']);
  });
});

describe('admin writes', () => {
  it('adds a meter: in the file, in GET /meters at once (admin and its enterprise user), with a new revision and ETag', async () => {
    const before = await current();
    const res = await admin.send('POST', '/api/v1/admin/meters', { body: NEW_METER, ifMatch: before.etag });
    expect(res.status).toBe(201);
    const body = (await res.json()) as RegistryWriteResponse;
    expect(body.revision).toBe(2);
    expect(body.meters).toEqual({ added: ['a-comp'], removed: [], changed: [] });
    const text = await fileText(g);
    expect(body.etag).toBe(etagOf(text));
    expect(text.startsWith(HEADER)).toBe(true); // the header comment survives the rewrite
    expect(parseRegistry(text, 'file').meters.find((m) => m.id === 'a-comp')).toMatchObject({ parent: 'a-main', role: 'sub', interval_s: 900 });
    expect(await meterIds()).toContain('a-comp');
    const alice = await loginAs(g.url, 'alice');
    expect(await meterIds(alice, 'ent-a')).toEqual(['a-main', 'a-sub', 'a-gas', 'a-comp']);
    expect((await alice.get('/api/v1/enterprises/ent-a')).status).toBe(200);
    // The audit names who, what, and the revisions before and after.
    const audit = g.audit.recent(50).find((e) => e.action === 'registry:write' && e.outcome === 'allowed');
    expect(audit).toMatchObject({ actor: 'admin', role: 'admin', resource: 'meter:a-comp' });
    expect(audit?.detail).toContain('meters +a-comp; revision 1 -> 2');
  });

  it('edits and deletes a meter and an enterprise; a removed meter is 404 at once', async () => {
    let etag = (await current()).etag;
    const step = async (method: string, path: string, body: unknown, status = 200) => {
      const res = await admin.send(method, path, { body, ifMatch: etag });
      expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBe(status);
      etag = ((await res.json()) as RegistryWriteResponse).etag;
    };
    await step('PATCH', '/api/v1/admin/meters/a-sub', { name: 'A furnace 2', interval_s: 300, parent: null, rollover_max: { energy_import_kwh: 999_999 } });
    let file = parseRegistry(await fileText(g), 'file');
    expect(file.meters.find((m) => m.id === 'a-sub')).toMatchObject({ name: 'A furnace 2', interval_s: 300, parent: null, rollover_max: { energy_import_kwh: 999_999 } });
    await step('PATCH', '/api/v1/admin/meters/a-sub', { name: null });
    expect(parseRegistry(await fileText(g), 'file').meters.find((m) => m.id === 'a-sub')?.name).toBeUndefined();
    await step('DELETE', '/api/v1/admin/meters/a-sub', undefined);
    expect((await admin.get('/api/v1/latest?meter=a-sub')).status).toBe(404);
    await step('POST', '/api/v1/admin/enterprises', { id: 'ent-d', name: 'Enterprise D', industry: 'textiles', budgets: { year_tce: 3650 } }, 201);
    await step('PATCH', '/api/v1/admin/enterprises/ent-d', { name: 'D Ltd', industry: null });
    file = parseRegistry(await fileText(g), 'file');
    expect(file.enterprises.find((e) => e.id === 'ent-d')).toEqual({ id: 'ent-d', name: 'D Ltd', budgets: { year_tce: 3650 } });
    expect((await admin.get('/api/v1/enterprises/ent-d')).status).toBe(200);
    await step('DELETE', '/api/v1/admin/enterprises/ent-d', undefined);
    expect((await admin.get('/api/v1/enterprises/ent-d')).status).toBe(404);
    expect(g.live.revision).toBe(7);
  });

  it('records a meter replacement (the counters\' swap event) in time order', async () => {
    const etag1 = (await current()).etag;
    const r1 = await admin.send('POST', '/api/v1/admin/meters/a-main/replacements', { body: { at: '2026-11-10T09:00:00+08:00', final: { energy_import_kwh: 1150 }, initial: { energy_import_kwh: 0 } }, ifMatch: etag1 });
    expect(r1.status).toBe(201);
    const etag2 = ((await r1.json()) as RegistryWriteResponse).etag;
    const r2 = await admin.send('POST', '/api/v1/admin/meters/a-main/replacements', { body: { at: '2026-11-01T09:00:00+08:00' }, ifMatch: etag2 });
    expect(r2.status).toBe(201);
    const meter = parseRegistry(await fileText(g), 'file').meters.find((m) => m.id === 'a-main');
    expect(meter?.replacements?.map((x) => x.at)).toEqual(['2026-11-01T09:00:00+08:00', '2026-11-10T09:00:00+08:00']);
    expect(meter?.replacements?.[1]).toEqual({ at: '2026-11-10T09:00:00+08:00', final: { energy_import_kwh: 1150 }, initial: { energy_import_kwh: 0 } });
    expect(g.live.meter('a-main')?.replacements).toHaveLength(2);
  });
});

describe('refused writes', () => {
  it('without If-Match: 428; with a stale one: 412, and the file is untouched', async () => {
    const { etag } = await current();
    const text = await fileText(g);
    const missing = await admin.send('POST', '/api/v1/admin/meters', { body: NEW_METER });
    expect(missing.status).toBe(428);
    expect((await errorOf(missing)).code).toBe('precondition_required');
    // Admin 1 writes; admin 2, who read the same revision, is refused rather than overwriting it.
    expect((await admin.send('PATCH', '/api/v1/admin/enterprises/ent-b', { body: { name: 'B renamed' }, ifMatch: etag })).status).toBe(200);
    const stale = await admin.send('POST', '/api/v1/admin/meters', { body: NEW_METER, ifMatch: etag });
    expect(stale.status).toBe(412);
    expect((await errorOf(stale)).code).toBe('precondition_failed');
    expect(await meterIds()).not.toContain('a-comp');
    expect(await fileText(g)).not.toBe(text);
    expect((await admin.send('POST', '/api/v1/admin/meters', { body: NEW_METER, ifMatch: '*' })).status).toBe(412);
  });

  it('an invalid body or registry: 400 naming the field; nothing written', async () => {
    const { etag } = await current();
    const text = await fileText(g);
    const cases: [unknown, string][] = [
      [{ ...NEW_METER, interval_s: -5 }, 'interval_s'],
      [{ ...NEW_METER, carrier: 'plasma' }, 'carrier'],
      [{ ...NEW_METER, colour: 'red' }, 'colour'],
      [{ ...NEW_METER, parent: 'no-such-meter' }, 'parent'],
      [{ ...NEW_METER, enterprise: 'no-such-enterprise' }, 'enterprise'],
    ];
    for (const [body, field] of cases) {
      const res = await admin.send('POST', '/api/v1/admin/meters', { body, ifMatch: etag });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await errorOf(res)).field).toBe(field);
    }
    const loop = await admin.send('PATCH', '/api/v1/admin/meters/a-main', { body: { parent: 'a-sub' }, ifMatch: etag });
    expect(loop.status).toBe(400);
    expect(await errorOf(loop)).toMatchObject({ field: 'parent', message: expect.stringContaining('loops') as unknown });
    expect(await fileText(g)).toBe(text);
  });

  it('moving a meter to another enterprise or changing its carrier: 409 with the reason', async () => {
    const { etag } = await current();
    const moved = await admin.send('PATCH', '/api/v1/admin/meters/a-gas', { body: { enterprise: 'ent-b' }, ifMatch: etag });
    expect(moved.status).toBe(409);
    expect(await errorOf(moved)).toMatchObject({ code: 'conflict', message: expect.stringContaining('meter a-gas: cannot move to another enterprise (ent-a -> ent-b)') as unknown });
    const carrier = await admin.send('PATCH', '/api/v1/admin/meters/a-gas', { body: { carrier: 'water' }, ifMatch: etag });
    expect(carrier.status).toBe(409);
    expect((await errorOf(carrier)).message).toContain('the carrier cannot change (gas -> water)');
    expect(g.live.meter('a-gas')?.enterprise).toBe('ent-a');
  });

  it('deleting an enterprise with meters or users, or a parent meter: 409; unknown ids: 404; duplicates: 409', async () => {
    const { etag } = await current();
    const withMeters = await admin.send('DELETE', '/api/v1/admin/enterprises/ent-a', { ifMatch: etag });
    expect(withMeters.status).toBe(409);
    expect((await errorOf(withMeters)).message).toContain('still has 3 meter(s): a-main, a-sub, a-gas');
    const withUsers = await admin.send('DELETE', '/api/v1/admin/enterprises/ent-c', { ifMatch: etag });
    expect(withUsers.status).toBe(409);
    expect((await errorOf(withUsers)).message).toContain('carol');
    const parent = await admin.send('DELETE', '/api/v1/admin/meters/a-main', { ifMatch: etag });
    expect(parent.status).toBe(409);
    expect((await errorOf(parent)).message).toContain('parent of a-sub');
    expect((await admin.send('DELETE', '/api/v1/admin/meters/nope', { ifMatch: etag })).status).toBe(404);
    expect((await admin.send('POST', '/api/v1/admin/meters', { body: { ...NEW_METER, id: 'a-main' }, ifMatch: etag })).status).toBe(409);
    expect(g.live.revision).toBe(1);
  });

  it('park operator, engineer, enterprise user and non-admin API keys: 403, audited', async () => {
    const { etag } = await current();
    const callers = [await loginAs(g.url, 'operator'), await loginAs(g.url, 'engineer'), await loginAs(g.url, 'alice'), caller(g.url, { authorization: `Bearer ${KEYS.a}` }), caller(g.url, { authorization: `Bearer ${KEYS.operator}` })];
    for (const who of callers) {
      expect((await who.get('/api/v1/admin/registry')).status).toBe(403);
      const res = await who.send('POST', '/api/v1/admin/meters', { body: NEW_METER, ifMatch: etag });
      expect(res.status).toBe(403);
      expect((await errorOf(res)).code).toBe('forbidden');
    }
    const refused = g.audit.recent(100).filter((e) => e.outcome === 'refused' && e.code === 'forbidden' && e.action === 'registry:write');
    expect(new Set(refused.map((e) => e.actor))).toEqual(new Set(['operator', 'engineer', 'alice', 'key:a-erp', 'key:ops-bi']));
    expect(await meterIds()).not.toContain('a-comp');
  });

  it('a read-only registry answers 503 registry_read_only with the reason', async () => {
    const ro = await startAdminGateway({ readOnlyReason: 'mounted read-only' });
    try {
      const who = await loginAs(ro.url, 'admin');
      const r = await current(who);
      expect(r).toMatchObject({ writable: false, readOnlyReason: 'mounted read-only' });
      const res = await who.send('POST', '/api/v1/admin/meters', { body: NEW_METER, ifMatch: r.etag });
      expect(res.status).toBe(503);
      expect(await errorOf(res)).toMatchObject({ code: 'registry_read_only', message: expect.stringContaining('mounted read-only') as unknown });
    } finally {
      await ro.stop();
    }
  });
});

describe('following the file', () => {
  it('an external edit is picked up by the watcher: new ETag, new meter served, a removed enterprise\'s user cannot log in', async () => {
    const before = await current();
    expect((await tryLogin(g.url, 'carol')).status).toBe(200);
    const carol = await loginAs(g.url, 'carol');
    expect((await carol.get('/api/v1/me')).status).toBe(200);
    const edited = { ...before.registry, enterprises: before.registry.enterprises.filter((e) => e.id !== 'ent-c'), meters: [...before.registry.meters, { id: 'b-gas', enterprise: 'ent-b', carrier: 'gas', role: 'main', parent: null, interval_s: 900 }] };
    // An admin with a text editor: a plain rewrite of the file.
    await writeFile(g.file, `# edited by hand\n${stringify(edited)}`);
    await eventually(async () => (await current()).revision === 2);
    const after = await current();
    expect(after.etag).toBe(etagOf(await fileText(g)));
    expect(after.etag).not.toBe(before.etag);
    expect(await meterIds(admin, 'ent-b')).toEqual(['b-main', 'b-gas']);
    expect(g.metrics.count('registry_reloads_total', { outcome: 'applied' })).toBe(1);
    expect((await tryLogin(g.url, 'carol')).status).toBe(401);
    expect((await carol.get('/api/v1/me')).status).toBe(401); // her session stops working too
    // The next API write starts from the edited file.
    const res = await admin.send('POST', '/api/v1/admin/meters', { body: NEW_METER, ifMatch: after.etag });
    expect(res.status).toBe(201);
    expect(parseRegistry(await fileText(g), 'file').meters.map((m) => m.id)).toContain('b-gas');
  });

  it('an external edit that moves a meter to another enterprise is refused and counted; the old registry stays', async () => {
    const before = await current();
    const moved = { ...before.registry, meters: before.registry.meters.map((m) => (m.id === 'a-gas' ? { ...m, enterprise: 'ent-b' } : m)) };
    await writeFile(g.file, stringify(moved));
    await eventually(() => g.metrics.count('registry_reloads_total', { outcome: 'refused' }) === 1);
    expect(g.live.meter('a-gas')?.enterprise).toBe('ent-a');
    expect((await current()).revision).toBe(1);
    // Until the file is fixed by hand, an API write says why rather than a bare 412.
    const blocked = await admin.send('POST', '/api/v1/admin/meters', { body: NEW_METER, ifMatch: before.etag });
    expect(blocked.status).toBe(409);
    expect((await errorOf(blocked)).message).toContain('holds an edit the platform refused (meter a-gas: cannot move to another enterprise');
    await writeFile(g.file, 'park: [not, a, registry');
    await eventually(() => g.metrics.count('registry_reloads_total', { outcome: 'invalid' }) === 1);
    expect((await current()).revision).toBe(1);
  });
});
