// Authentication, rate limits, the role matrix over the routes, and hostile inputs: every
// refusal a clear 4xx in the one error shape, never a stack trace.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY0, KEYS, NOW, errorOf, login, startGateway, withHeaders } from './fixture.js';
import type { Caller, TestGateway, UserName } from './fixture.js';

let gw: TestGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(() => gw.close());

const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => fetch(`${gw.url}${path}`, { method: 'POST', headers, body });

describe('sessions and API keys', () => {
  it('login sets an http-only SameSite=Strict cookie; me answers; logout ends it', async () => {
    const res = await post('/api/v1/auth/login', JSON.stringify({ username: 'alice', password: 'pw-alice' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ principal: { userId: 'alice', displayName: 'Alice of A', role: 'enterprise_user', park: 'tp', enterprise: 'ent-a', via: 'session' } });
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/^lingtan_session=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=3600; Path=\/; Expires=.*; HttpOnly; SameSite=Strict$/);
    const session = withHeaders(gw.url, { cookie: cookie.split(';')[0]! });
    expect(((await (await session.get('/api/v1/me')).json()) as { principal: { userId: string } }).principal.userId).toBe('alice');
    expect((await session.post('/api/v1/auth/logout')).status).toBe(204);
    const after = await session.get('/api/v1/me');
    expect(after.status).toBe(401);
    expect(await errorOf(after)).toMatchObject({ code: 'unauthenticated' });
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    for (const body of [{ username: 'alice', password: 'nope' }, { username: 'mallory', password: 'x' }]) {
      const res = await post('/api/v1/auth/login', JSON.stringify(body));
      expect(res.status).toBe(401);
      expect(await errorOf(res)).toEqual({ code: 'invalid_credentials', message: 'wrong username or password' });
    }
  });

  it('a forged or tampered cookie is nobody', async () => {
    const alice = await login(gw.url, 'alice');
    const res = await fetch(`${gw.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: 'pw-alice' }) });
    const token = res.headers.getSetCookie()[0]!.split(';')[0]!.split('=')[1]!;
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url')}.${s}`;
    expect((await withHeaders(gw.url, { cookie: `lingtan_session=${forged}` }).get('/api/v1/me')).status).toBe(401);
    expect((await alice.get('/api/v1/me')).status).toBe(200);
  });

  it('API keys authenticate by Bearer; unknown keys do not', async () => {
    const res = await withHeaders(gw.url, { authorization: `Bearer ${KEYS.operator}` }).get('/api/v1/me');
    expect(((await res.json()) as { principal: unknown }).principal).toMatchObject({ userId: 'key:ops-bi', role: 'park_operator', via: 'api_key' });
    expect((await withHeaders(gw.url, { authorization: 'Bearer lt_not_a_key' }).get('/api/v1/park')).status).toBe(401);
    expect((await withHeaders(gw.url, { authorization: `Bearer ${KEYS.a}` }).get('/api/v1/enterprises/ent-a')).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('login: the 4th attempt in a minute from one address is refused with 429, and audited', async () => {
    const limited = await startGateway({ loginRatePerMin: 3 });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${limited.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: `guess-${i}` }) });
        statuses.push(res.status);
        if (res.status === 429) expect(await errorOf(res)).toMatchObject({ code: 'rate_limited' });
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      expect(limited.audit.recent(10).filter((e) => e.code === 'rate_limited')).toHaveLength(2);
    } finally {
      await limited.close();
    }
  });

  it('per API key: past the limit each request is refused', async () => {
    const limited = await startGateway({ ratePerMin: 2 });
    try {
      const key = withHeaders(limited.url, { authorization: `Bearer ${KEYS.a}` });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await key.get('/api/v1/enterprises/ent-a')).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('roles over the routes', () => {
  const range = `from=${DAY0}&to=${NOW}`;
  const ROUTES = [
    '/api/v1/park',
    '/api/v1/enterprises/ent-b',
    '/api/v1/meters',
    '/api/v1/latest',
    `/api/v1/history?enterprise=ent-b&quantity=power_kw&${range}`,
    '/api/v1/summary?scope=park',
    '/api/v1/summary?scope=enterprise&id=ent-b',
    '/api/v1/alerts',
    '/api/v1/quality',
    '/api/v1/reports/monthly?scope=park&month=2026-11',
    '/api/v1/audit',
  ];
  const EXPECTED: Record<Exclude<UserName, 'bob'>, number[]> = {
    admin: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200],
    operator: [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 403],
    engineer: [200, 200, 200, 200, 403, 200, 403, 403, 200, 403, 403],
    alice: [200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403],
  };
  for (const [user, statuses] of Object.entries(EXPECTED)) {
    it(`${user}`, async () => {
      const caller: Caller = await login(gw.url, user as UserName);
      const got = [];
      for (const route of ROUTES) got.push((await caller.get(route)).status);
      expect(got).toEqual(statuses);
    });
  }

  it('an engineer sees the park summary without enterprises or costs', async () => {
    const engineer = await login(gw.url, 'engineer');
    const s = (await (await engineer.get('/api/v1/summary?scope=park')).json()) as Record<string, unknown>;
    expect(s).not.toHaveProperty('byEnterprise');
    expect(s.costCny).toBeNull();
  });
});

describe('hostile inputs', () => {
  let alice: Caller;
  beforeAll(async () => {
    alice = await login(gw.url, 'alice');
  });
  const bad = async (path: string, status: number, code: string, field?: string) => {
    const res = await alice.get(path);
    expect(res.status).toBe(status);
    const error = await errorOf(res);
    expect(error.code).toBe(code);
    if (field !== undefined) expect(error.field).toBe(field);
    expect(JSON.stringify(error)).not.toMatch(/at .*\.ts:\d+/);
    return error;
  };

  it('a body over 64 KiB is 413; broken JSON is 400 invalid_json', async () => {
    const huge = await post('/api/v1/auth/login', JSON.stringify({ username: 'alice', password: 'x'.repeat(70_000) }));
    expect(huge.status).toBe(413);
    expect(await errorOf(huge)).toMatchObject({ code: 'payload_too_large' });
    const broken = await post('/api/v1/auth/login', '{"username": "alice", ');
    expect(broken.status).toBe(400);
    expect(await errorOf(broken)).toMatchObject({ code: 'invalid_json' });
    const wrongShape = await post('/api/v1/auth/login', JSON.stringify({ username: ['alice'], password: 'x' }));
    expect(await errorOf(wrongShape)).toMatchObject({ code: 'invalid_request', field: 'username' });
  });

  it('bad dates, from after to, ranges too large, unknown parameters', async () => {
    await bad(`/api/v1/history?meter=a-main&quantity=power_kw&from=yesterday&to=${NOW}`, 400, 'invalid_request', 'from');
    await bad(`/api/v1/history?meter=a-main&quantity=power_kw&from=2026-11-10T00:00:00&to=${NOW}`, 400, 'invalid_request', 'from');
    await bad(`/api/v1/history?meter=a-main&quantity=power_kw&from=2026-13-40T00:00:00Z&to=${NOW}`, 400, 'invalid_request', 'from');
    await bad(`/api/v1/history?meter=a-main&quantity=power_kw&from=${NOW}&to=${DAY0}`, 400, 'invalid_request', 'from');
    const e = await bad(`/api/v1/history?meter=a-main&quantity=power_kw&from=${NOW - 8 * 86_400_000}&to=${NOW}&resolution=1m`, 400, 'range_too_large', 'to');
    expect(e.message).toMatch(/at most 7 days/);
    await bad(`/api/v1/history?meter=a-main&quantity=watts&from=${DAY0}&to=${NOW}`, 400, 'invalid_request', 'quantity');
    await bad(`/api/v1/history?meter=a-main&quantity=power_kw&from=${DAY0}&to=${NOW}&resolution=5s`, 400, 'invalid_request', 'resolution');
    await bad(`/api/v1/history?meter=a-main&quantity=power_kw&from=${DAY0}&to=${NOW}&sql=drop`, 400, 'invalid_request', 'sql');
    await bad('/api/v1/summary?scope=enterprise&id=ent-a&at=not-a-time', 400, 'invalid_request', 'at');
    await bad('/api/v1/reports/monthly?scope=enterprise&id=ent-a&month=2026-13', 400, 'invalid_request', 'month');
    await bad('/api/v1/alerts?enterprise=ent-a&limit=100000', 400, 'invalid_request', 'limit');
    await bad(`/api/v1/history?meter=${Array.from({ length: 101 }, (_, i) => `m${i}`).join(',')}&quantity=power_kw&from=${DAY0}&to=${NOW}`, 400, 'invalid_request', 'meter');
  });

  it('unknown routes are 404 in the same shape', async () => {
    await bad('/api/v1/nothing', 404, 'not_found');
    await bad('/api/v2/park', 404, 'not_found');
    const res = await fetch(`${gw.url}/anything`, { method: 'DELETE' });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toMatchObject({ code: 'not_found' });
  });

  it('an alert comment too long, or extra body keys, are refused', async () => {
    const long = await alice.post('/api/v1/alerts/alert-a1/acknowledge', { comment: 'x'.repeat(2001) });
    expect(await errorOf(long)).toMatchObject({ code: 'invalid_request', field: 'comment' });
    const by = await alice.post('/api/v1/alerts/alert-a1/acknowledge', { by: 'admin' });
    expect(await errorOf(by)).toMatchObject({ code: 'invalid_request', field: 'by' });
    expect((await alice.post('/api/v1/alerts/no-such-alert/acknowledge', {})).status).toBe(404);
  });
});

describe('documents and the view', () => {
  it('serves the OpenAPI 3.1 document and the browsable docs', async () => {
    const doc = (await (await fetch(`${gw.url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/alerts/{alertId}/acknowledge');
    expect(doc.paths['/api/v1/history']?.get?.parameters?.map((p) => p.name)).toEqual(['meter', 'enterprise', 'quantity', 'from', 'to', 'resolution', 'stat']);
    const page = await fetch(`${gw.url}/api/docs`);
    expect(await page.text()).toContain('/api/docs/swagger-ui-bundle.js');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const bundle = await fetch(`${gw.url}/api/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
  });

  it('without a build, a page says how to make one; with one, any page path gets index.html', async () => {
    expect(await (await fetch(`${gw.url}/`)).text()).toContain('pnpm --filter @lingtan/control-view build');
    const dir = await mkdtemp(join(tmpdir(), 'lingtan-view-'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>view</title>');
    await writeFile(join(dir, 'app.js'), 'console.log(1)');
    const withView = await startGateway({ staticDir: dir });
    try {
      expect(await (await fetch(`${withView.url}/enterprises/ent-a`)).text()).toContain('<title>view</title>');
      expect((await fetch(`${withView.url}/app.js`)).headers.get('content-type')).toMatch(/javascript/);
      expect((await fetch(`${withView.url}/api/v1/nope`)).status).toBe(401);
    } finally {
      await withView.close();
    }
  });

  it('CORS answers only the configured origins', async () => {
    const cors = await startGateway({ corsOrigins: ['https://view.example'] });
    try {
      const ok = await fetch(`${cors.url}/api/v1/park`, { method: 'OPTIONS', headers: { origin: 'https://view.example', 'access-control-request-method': 'GET' } });
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://view.example');
      expect(ok.headers.get('access-control-allow-credentials')).toBe('true');
      const other = await fetch(`${cors.url}/api/v1/park`, { headers: { origin: 'https://evil.example' } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await cors.close();
    }
  });

  it('the public port: healthz answers only {ok} without a session; metrics are not served there', async () => {
    const health = await fetch(`${gw.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { ok: true }]);
    const metrics = await fetch(`${gw.url}/metrics`);
    expect(metrics.status).toBe(404);
    expect(await metrics.text()).not.toContain('gateway_http_requests_total');
  });

  it('a failing check is 503 {ok:false} on the public port, with no detail of why', async () => {
    const failing = await startGateway({ health: { mqtt: () => Promise.resolve({ ok: false, detail: { error: 'broker at 10.1.2.3 refused' } }) } });
    try {
      const res = await fetch(`${failing.url}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.text()).toBe('{"ok":false}');
    } finally {
      await failing.close();
    }
  });
});
