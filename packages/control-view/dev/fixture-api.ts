import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Alert, AlertEvent, Principal, Severity } from '@lingtan/schema';
import { type FixtureRegistry, enterpriseSummary, meterPowerKw, meterUpdate, raiseAlert } from './fixture-data.js';

/** The fixture's accounts; every password is "lingtan". */
export const USERS: readonly (Principal & { readonly username: string })[] = [
  { username: 'operator', userId: 'u-operator', displayName: '王调度', role: 'park_operator', park: 'yc-binhai', via: 'session' },
  { username: 'steel', userId: 'u-steel', displayName: '李能源（联鑫钢铁）', role: 'enterprise_user', park: 'yc-binhai', enterprise: 'ent-steel', via: 'session' },
  { username: 'chem', userId: 'u-chem', displayName: '赵主管（海润化工）', role: 'enterprise_user', park: 'yc-binhai', enterprise: 'ent-chem', via: 'session' },
  { username: 'engineer', userId: 'u-eng', displayName: '陈工', role: 'engineer', park: 'yc-binhai', via: 'session' },
];

class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  return JSON.parse(text) as Record<string, unknown>;
}

/** The fake REST API: the contract's routes and its authorization, on in-memory data. */
export class FixtureApi {
  readonly alerts = new Map<string, Alert>();
  readonly offline: ReadonlySet<string>;
  deadLetters = 7;
  frozenMs: number | null = null;
  /** Meters told to stop reporting (`/__fixture/silence`), with when they went quiet. */
  readonly silencedAt = new Map<string, number>();
  onAlert: (e: AlertEvent) => void = () => undefined;
  onDrop: () => void = () => undefined;
  // Sessions are signed, not kept in memory, so a restarted fixture still knows the page's
  // cookie, as the gateway does with a configured LINGTAN_GATEWAY_SESSION_SECRET.
  private readonly sessionKey = process.env.FIXTURE_SESSION_KEY ?? 'lingtan-fixture-dev-key';

  constructor(private readonly reg: FixtureRegistry) {
    this.offline = new Set([reg.meters[5]?.id ?? '', reg.meters[17]?.id ?? '']);
    const now = Date.now();
    const seed: [string, Severity, string, number][] = [
      ['ent-steel', 'major', '1号电炉负荷 6,850 kW 超过阈值 6,500 kW 持续 5 分钟', 40],
      ['ent-chem', 'critical', '蒸汽压力 1.32 MPa 超过上限 1.25 MPa', 12],
      ['ent-dc', 'warning', '计量点 15 分钟无数据', 95],
      ['ent-cold', 'minor', '冷库电表计数回拨', 200],
    ];
    for (const [ent, sev, msg, agoMin] of seed) {
      const e = raiseAlert(reg, ent, sev, msg, now - agoMin * 60_000);
      this.alerts.set(e.alertId, strip(e));
    }
    const old = raiseAlert(reg, 'ent-steel', 'info', '功率因数 0.86 低于 0.9', now - 26 * 3_600_000);
    this.alerts.set(old.alertId, { ...strip(old), state: 'cleared', cleared: { by: 'condition', atMs: now - 25 * 3_600_000 } });
  }

  /** The principal of a request's `lingtan_session` cookie, or null. */
  principalOfCookie(cookie: string | undefined): Principal | null {
    const token = /(?:^|;\s*)lingtan_session=([^;]+)/.exec(cookie ?? '')?.[1];
    const [username, nonce, mac] = token?.split('.') ?? [];
    if (username === undefined || nonce === undefined || mac === undefined) return null;
    const want = Buffer.from(this.sign(`${username}.${nonce}`));
    const got = Buffer.from(mac);
    if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
    const user = USERS.find((u) => u.username === username);
    if (user === undefined) return null;
    const { username: _u, ...principal } = user;
    return principal;
  }

  /** True while `meter` sends nothing: one of the two always-offline meters, or silenced by a test. */
  isSilent(meter: string): boolean {
    return this.offline.has(meter) || this.silencedAt.has(meter);
  }

  private sign(text: string): string {
    return createHmac('sha256', this.sessionKey).update(text).digest('base64url');
  }

  /** Open alerts of one enterprise. */
  openAlertsOf(enterprise: string): number {
    let n = 0;
    for (const a of this.alerts.values()) if (a.owner.id === enterprise && a.state !== 'cleared') n += 1;
    return n;
  }

  /** Answers /api/v1/* and /__fixture/*; false for anything else (static files). */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://fixture');
    if (!url.pathname.startsWith('/api/') && !url.pathname.startsWith('/__fixture/')) return false;
    try {
      const body = req.method === 'POST' ? await readJson(req) : {};
      this.route(req.method ?? 'GET', url, body, req, res);
    } catch (err) {
      if (err instanceof HttpError) send(res, err.status, { error: { code: err.code, message: err.message } });
      else send(res, 500, { error: { code: 'internal', message: String(err) } });
    }
    return true;
  }

  private route(method: string, url: URL, body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): void {
    const path = url.pathname;
    const q = url.searchParams;
    if (path.startsWith('/__fixture/')) return this.fixtureHook(path, body, res);
    if (method === 'POST' && path === '/api/v1/auth/login') {
      const user = USERS.find((u) => u.username === body.username);
      if (user === undefined || body.password !== 'lingtan') throw new HttpError(401, 'invalid_credentials', '用户名或密码错误 / wrong username or password');
      const payload = `${user.username}.${randomBytes(9).toString('base64url')}`;
      const token = `${payload}.${this.sign(payload)}`;
      const { username: _u, ...principal } = user;
      res.setHeader('set-cookie', `lingtan_session=${token}; HttpOnly; SameSite=Strict; Path=/`);
      return send(res, 200, { principal });
    }
    const p = this.principalOfCookie(req.headers.cookie);
    if (p === null) throw new HttpError(401, 'unauthenticated', 'sign in first');
    const own = (id: string | null): void => {
      if (p.role === 'enterprise_user' && id !== p.enterprise) throw new HttpError(403, 'forbidden', `enterprise ${id ?? '(park)'} is not yours`);
    };
    const now = Date.now();
    if (method === 'POST' && path === '/api/v1/auth/logout') {
      res.setHeader('set-cookie', 'lingtan_session=; Max-Age=0; Path=/');
      res.writeHead(204).end();
      return undefined;
    }
    if (path === '/api/v1/me') return send(res, 200, { principal: p });
    if (path === '/api/v1/park') {
      const enterprises = this.reg.enterprises.filter((e) => p.role !== 'enterprise_user' || e.id === p.enterprise);
      return send(res, 200, { park: this.reg.park, enterprises, factorSet: 'cn-national@2024.1' });
    }
    const entMatch = /^\/api\/v1\/enterprises\/([^/]+)$/.exec(path);
    if (entMatch !== null) {
      const id = decodeURIComponent(entMatch[1] ?? '');
      own(id);
      const enterprise = this.reg.enterprises.find((e) => e.id === id);
      if (enterprise === undefined) throw new HttpError(404, 'not_found', `no enterprise ${id}`);
      return send(res, 200, { enterprise, meters: this.reg.meters.filter((m) => m.enterprise === id) });
    }
    if (path === '/api/v1/latest') {
      const id = q.get('enterprise');
      own(id);
      const points = this.reg.meters
        .filter((m) => m.enterprise === id)
        .map((m) => {
          const at = this.offline.has(m.id) ? now - 12 * 60_000 : (this.silencedAt.get(m.id) ?? this.frozenMs ?? now);
          return { ...meterUpdate(this.reg, m.id, at), stale: now - at > 3 * m.interval_s * 1000 };
        });
      return send(res, 200, { points });
    }
    if (path === '/api/v1/history') return send(res, 200, this.history(q, own));
    if (path === '/api/v1/summary') {
      if (q.get('scope') === 'park') own(null);
      else own(q.get('id'));
      if (p.role === 'engineer' && q.get('scope') !== 'park') throw new HttpError(403, 'forbidden', 'engineers see no enterprise summaries');
      const s = enterpriseSummary(this.reg, q.get('id') ?? '', now, 0, this.frozenMs);
      const cost = s.todayKwh * 0.68;
      return send(res, 200, {
        scope: q.get('scope'), id: q.get('id'), period: { startMs: now - 3_600_000, endMs: now, label: 'today' }, factorSet: 'cn-national@2024.1', energyTce: s.todayTce,
        co2T: { total: s.todayTco2, scope1: 0, scope2Location: s.todayTco2 }, electricityKwh: s.todayKwh, costCny: cost,
        costByPeriod: { sharp: cost * 0.12, peak: cost * 0.38, flat: cost * 0.3, valley: cost * 0.2 },
      });
    }
    if (path === '/api/v1/alerts') {
      const ent = q.get('enterprise');
      if (p.role === 'enterprise_user') own(ent ?? p.enterprise ?? null);
      const state = q.get('state');
      const list = [...this.alerts.values()]
        .filter((a) => (ent === null ? p.role !== 'enterprise_user' || a.owner.id === p.enterprise : a.owner.id === ent))
        .filter((a) => state === null || (state === 'open' ? a.state !== 'cleared' : a.state === state))
        .sort((a, b) => b.lastSeenMs - a.lastSeenMs);
      return send(res, 200, { alerts: list.slice(0, Number(q.get('limit') ?? '500')) });
    }
    const ack = /^\/api\/v1\/alerts\/([^/]+)\/(acknowledge|clear)$/.exec(path);
    if (method === 'POST' && ack !== null) return this.command(decodeURIComponent(ack[1] ?? ''), ack[2] === 'clear', body, p, own, res);
    if (path === '/api/v1/quality') {
      if (p.role === 'enterprise_user') own(null);
      return send(res, 200, {
        meters: this.reg.meters.map((m) => ({ meter: m.id, enterprise: m.enterprise, carrier: m.carrier, lastReadingMs: this.offline.has(m.id) ? now - 12 * 60_000 : now, online: !this.offline.has(m.id) })),
        completeness: this.reg.enterprises.map((e, i) => ({ enterprise: e.id, pct: 100 - ((i * 37) % 11) * 0.9 })),
        deadLetters: { today: this.deadLetters, byCode: { value_out_of_range: 4, unknown_meter: 2, bad_payload: this.deadLetters - 6 } },
      });
    }
    if (path === '/api/v1/reports/monthly') {
      if (q.get('scope') === 'park') own(null);
      else own(q.get('id'));
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="report-${q.get('id') ?? ''}-${q.get('month') ?? ''}.csv"` });
      res.end('\uFEFFenterprise,energy_tce\r\nfixture,0\r\n');
      return undefined;
    }
    throw new HttpError(404, 'not_found', `no route ${method} ${path}`);
  }

  private history(q: URLSearchParams, own: (id: string | null) => void): unknown {
    const ids = q.get('meter')?.split(',') ?? this.reg.meters.filter((m) => m.enterprise === q.get('enterprise')).map((m) => m.id);
    for (const id of ids) own(this.reg.meters.find((m) => m.id === id)?.enterprise ?? null);
    const quantity = q.get('quantity') ?? 'power_kw';
    const step = ({ raw: 15_000, '1m': 60_000, '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000, '1mo': 30 * 86_400_000 } as Record<string, number>)[q.get('resolution') ?? '15m'] ?? 900_000;
    const from = Number(q.get('from'));
    const to = Math.min(Number(q.get('to')), Date.now());
    const energy = quantity.endsWith('_kwh');
    const series = ids.map((id) => {
      const m = this.reg.meters.find((x) => x.id === id);
      const points: [number, number][] = [];
      for (let t = Math.ceil(from / step) * step, n = 0; t < to && n < 3000; t += step, n += 1) {
        const kw = meterPowerKw(this.reg, id, t) * (1 + 0.05 * Math.sin(t / 5_400_000));
        points.push([t, energy ? (kw * step) / 3_600_000 : kw]);
      }
      return { meter: id, enterprise: m?.enterprise ?? '', quantity, unit: energy ? 'kWh' : 'kW', points };
    });
    return { resolution: q.get('resolution'), timezone: this.reg.park.timezone, series };
  }

  private command(id: string, clear: boolean, body: Record<string, unknown>, p: Principal, own: (id: string | null) => void, res: ServerResponse): void {
    const a = this.alerts.get(id);
    if (a === undefined) throw new HttpError(404, 'not_found', `no alert ${id}`);
    own(a.owner.id);
    if (p.role === 'engineer') throw new HttpError(403, 'forbidden', 'engineers do not handle alerts');
    const comment = typeof body.comment === 'string' ? body.comment : undefined;
    send(res, 202, { accepted: true, commandId: `cmd-${Date.now()}` });
    // The rules service applies the command and its event comes back on the feed.
    setTimeout(() => {
      const atMs = Date.now();
      const next: Alert = clear ? { ...a, state: 'cleared', cleared: { by: p.userId, atMs, comment } } : { ...a, state: 'acknowledged', acknowledged: { by: p.displayName, atMs, comment } };
      this.alerts.set(id, next);
      this.onAlert({ ...next, v: 1, eventId: `${id}:${atMs}`, type: clear ? 'cleared' : 'acknowledged', atMs });
    }, 300);
  }

  private fixtureHook(path: string, body: Record<string, unknown>, res: ServerResponse): void {
    if (path === '/__fixture/alert') {
      const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
      const e = raiseAlert(this.reg, text(body.enterprise, 'ent-steel'), (body.severity as Severity | undefined) ?? 'critical', text(body.message, '测试告警'), Date.now());
      this.alerts.set(e.alertId, strip(e));
      this.onAlert(e);
      return send(res, 200, { alertId: e.alertId });
    }
    if (path === '/__fixture/freeze') {
      this.frozenMs = body.frozen === true ? Date.now() - 5 * 60_000 : null;
      return send(res, 200, { frozen: this.frozenMs !== null });
    }
    if (path === '/__fixture/silence') {
      // A meter that stops reporting: no more live updates, its latest value keeps its time.
      const meter = typeof body.meter === 'string' ? body.meter : '';
      if (!this.reg.meters.some((m) => m.id === meter)) throw new HttpError(404, 'not_found', `no meter ${meter}`);
      if (body.silent === false) this.silencedAt.delete(meter);
      else if (!this.silencedAt.has(meter)) this.silencedAt.set(meter, Date.now());
      return send(res, 200, { meter, silent: this.silencedAt.has(meter) });
    }
    if (path === '/__fixture/drop') {
      this.onDrop();
      return send(res, 200, { dropped: true });
    }
    throw new HttpError(404, 'not_found', path);
  }
}

function strip(e: AlertEvent): Alert {
  const { v: _v, eventId: _e, type: _t, atMs: _a, ...alert } = e;
  return alert;
}
