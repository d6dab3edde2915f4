// Enterprise A's user (and A's API key) tries every route to B's data: B's ids in paths and
// query parameters, comma lists mixing A's and B's meters, wildcards, park-wide queries and
// reports, B's alerts, exports. Every attempt must be refused, leak nothing of B, and be in
// the audit log that an admin reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY0, KEYS, NOW, login, startGateway, withHeaders } from './fixture.js';
import type { Caller, TestGateway } from './fixture.js';

let gw: TestGateway;
let alice: Caller;
let aliceKey: Caller;
let admin: Caller;

beforeAll(async () => {
  gw = await startGateway();
  alice = await login(gw.url, 'alice');
  aliceKey = withHeaders(gw.url, { authorization: `Bearer ${KEYS.a}` });
  admin = await login(gw.url, 'admin');
});
afterAll(() => gw.close());

const range = `from=${DAY0}&to=${NOW}`;
/** Attempts and the status each must get: 403 for B's ids and park-wide data, 400 for ids that are not ids, 404 for ids nobody has. */
const ATTEMPTS: [method: 'get' | 'post', path: string, status: number, code: string][] = [
  ['get', '/api/v1/enterprises/ent-b', 403, 'forbidden'],
  ['get', '/api/v1/enterprises/park-ops', 403, 'forbidden'],
  ['get', '/api/v1/meters?enterprise=ent-b', 403, 'forbidden'],
  ['get', '/api/v1/meters', 403, 'forbidden'],
  ['get', '/api/v1/latest', 403, 'forbidden'],
  ['get', '/api/v1/latest?enterprise=ent-b', 403, 'forbidden'],
  ['get', '/api/v1/latest?meter=b-main', 403, 'forbidden'],
  ['get', '/api/v1/latest?meter=a-main,b-main', 403, 'forbidden'],
  ['get', '/api/v1/latest?enterprise=ent-a&meter=b-main', 403, 'forbidden'],
  ['get', '/api/v1/latest?enterprise=ent-a&enterprise=ent-b', 400, 'invalid_request'],
  ['get', `/api/v1/history?meter=b-main&quantity=power_kw&${range}`, 403, 'forbidden'],
  ['get', `/api/v1/history?meter=a-main,b-main&quantity=power_kw&${range}`, 403, 'forbidden'],
  ['get', `/api/v1/history?meter=a-main,a-sub,b-main&quantity=energy_import_kwh&${range}&resolution=1d`, 403, 'forbidden'],
  ['get', `/api/v1/history?enterprise=ent-b&quantity=power_kw&${range}`, 403, 'forbidden'],
  ['get', `/api/v1/history?meter=*&quantity=power_kw&${range}`, 400, 'invalid_request'],
  ['get', `/api/v1/history?meter=%25&quantity=power_kw&${range}`, 400, 'invalid_request'],
  ['get', `/api/v1/history?meter=&quantity=power_kw&${range}`, 400, 'invalid_request'],
  ['get', `/api/v1/history?meter=a-main,&quantity=power_kw&${range}`, 400, 'invalid_request'],
  ['get', `/api/v1/history?enterprise=*&quantity=power_kw&${range}`, 400, 'invalid_request'],
  ['get', `/api/v1/history?enterprise=ent-%25&quantity=power_kw&${range}`, 400, 'invalid_request'],
  ['get', `/api/v1/history?meter=b-nothing&quantity=power_kw&${range}`, 404, 'not_found'],
  ['get', '/api/v1/summary?scope=park', 403, 'forbidden'],
  ['get', '/api/v1/summary?scope=park&id=tp&period=month', 403, 'forbidden'],
  ['get', '/api/v1/summary?scope=enterprise&id=ent-b', 403, 'forbidden'],
  ['get', '/api/v1/summary?scope=meter&id=b-main', 403, 'forbidden'],
  ['get', '/api/v1/summary?scope=enterprise', 400, 'invalid_request'],
  ['get', '/api/v1/alerts', 403, 'forbidden'],
  ['get', '/api/v1/alerts?enterprise=ent-b', 403, 'forbidden'],
  ['get', '/api/v1/alerts?enterprise=*', 400, 'invalid_request'],
  ['post', '/api/v1/alerts/alert-b1/acknowledge', 403, 'forbidden'],
  ['post', '/api/v1/alerts/alert-b1/clear', 403, 'forbidden'],
  ['post', '/api/v1/alerts/alert-p1/acknowledge', 403, 'forbidden'],
  ['get', '/api/v1/reports/monthly?scope=park&month=2026-11', 403, 'forbidden'],
  ['get', '/api/v1/reports/monthly?scope=park&month=2026-11&format=xlsx', 403, 'forbidden'],
  ['get', '/api/v1/reports/monthly?scope=enterprise&id=ent-b&month=2026-11', 403, 'forbidden'],
  ['get', '/api/v1/reports/monthly?scope=enterprise&id=ent-b&month=2026-11&format=xlsx', 403, 'forbidden'],
  ['get', '/api/v1/quality', 403, 'forbidden'],
  ['get', '/api/v1/audit', 403, 'forbidden'],
  ['get', '/api/v1/enterprises/ent-a%2F..%2Fent-b', 400, 'invalid_request'],
];

describe.each([
  ['session', () => alice],
  ['API key', () => aliceKey],
])('enterprise A by %s', (_how, caller) => {
  it.each(ATTEMPTS)('%s %s -> %i', async (method, path, status, code) => {
    const res = method === 'get' ? await caller().get(path) : await caller().post(path, {});
    expect(res.status).toBe(status);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: expect.objectContaining({ code }) as unknown });
    // Nothing of B's readings or names comes back.
    for (const leak of ['Enterprise B', '9200', '"b-main"', 'alert-b1"']) expect(text).not.toContain(leak);
    // The refusal is in the audit log, under the caller and this request.
    const requestId = res.headers.get('x-request-id');
    const audit = (await (await admin.get('/api/v1/audit?limit=1000')).json()) as { entries: { requestId?: string; outcome: string; actor: string; code?: string }[] };
    const entry = audit.entries.find((e) => e.requestId === requestId);
    expect(entry).toMatchObject({ outcome: 'refused', code });
    expect(entry?.actor).toMatch(/^(alice|key:a-erp)$/);
  });
});

describe('what enterprise A may see', () => {
  it('the park lists only A; A data comes back without B', async () => {
    const park = (await (await alice.get('/api/v1/park')).json()) as { enterprises: { id: string }[] };
    expect(park.enterprises.map((e) => e.id)).toEqual(['ent-a']);
    const latest = (await (await alice.get('/api/v1/latest?enterprise=ent-a')).json()) as { points: { meter: string; enterprise: string }[] };
    expect(latest.points.map((p) => p.meter).sort()).toEqual(['a-gas', 'a-main', 'a-sub']);
    const alerts = (await (await aliceKey.get('/api/v1/alerts?enterprise=ent-a')).json()) as { alerts: { alertId: string }[] };
    expect(alerts.alerts.map((a) => a.alertId)).toEqual(['alert-a1']);
  });

  it('refused alert actions publish no command; A acting on its own alert publishes one', async () => {
    expect(gw.commands).toEqual([]);
    const res = await alice.post('/api/v1/alerts/alert-a1/clear', { comment: 'fixed the furnace' });
    expect(res.status).toBe(202);
    expect(gw.commands).toMatchObject([{ type: 'clear', alertId: 'alert-a1', by: 'alice', comment: 'fixed the furnace' }]);
  });

  it('B is refused A the same way', async () => {
    const bob = await login(gw.url, 'bob');
    expect((await bob.get('/api/v1/latest?meter=a-main')).status).toBe(403);
    expect((await bob.get('/api/v1/reports/monthly?scope=enterprise&id=ent-a&month=2026-11')).status).toBe(403);
  });
});
