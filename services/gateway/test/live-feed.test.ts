import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { fixedClock } from '@lingtan/domain';
import { Metrics, silentLogger } from '@lingtan/runtime';
import type { AlertEvent, LiveClientToServer, LiveServerToClient, Principal } from '@lingtan/schema';
import { io as connectClient } from 'socket.io-client';
import type { Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachLiveFeed, createLiveModel } from '../src/live/index.js';
import type { LiveAuditEntry, LiveFeed } from '../src/live/index.js';
import { alertEvent, batch, reading, smallPark, workedBatches } from '../src/live/testing.js';

type Client = ClientSocket<LiveServerToClient, LiveClientToServer>;

const NOW = Date.UTC(2026, 2, 10, 2, 0, 0);
const principal = (userId: string, role: Principal['role'], enterprise?: string): Principal => ({ userId, displayName: userId, role, park: 'p1', via: 'session', ...(enterprise === undefined ? {} : { enterprise }) });
const TOKENS: Record<string, Principal> = {
  'tok-a': principal('alice', 'enterprise_user', 'ent-a'),
  'tok-b': principal('bob', 'enterprise_user', 'ent-b'),
  'tok-op': principal('olga', 'park_operator'),
};
const MAX_BUFFERED = 20;

let server: Server;
let feed: LiveFeed;
let url: string;
const audit: LiveAuditEntry[] = [];
const metrics = new Metrics();
const model = createLiveModel({ registry: smallPark(), clock: fixedClock(NOW) });
const clients: Client[] = [];

/** The fake session check: a `session=<token>` cookie. */
function authenticate(req: IncomingMessage): Promise<Principal | undefined> {
  const token = /(?:^|;\s*)session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  return Promise.resolve(token === undefined ? undefined : TOKENS[token]);
}

function connect(options: { token?: string; cookie?: string; origin?: string } = {}): Promise<Client> {
  const client: Client = connectClient(`${url}/live`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...(options.token === undefined ? {} : { auth: { token: options.token } }),
    extraHeaders: { ...(options.cookie === undefined ? {} : { cookie: options.cookie }), ...(options.origin === undefined ? {} : { origin: options.origin }) },
  });
  clients.push(client);
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('connect_error', reject);
  });
}

/** The next `event` the client receives that passes `keep`. */
function next<E extends keyof LiveServerToClient>(client: Client, event: E, keep: (arg: Parameters<LiveServerToClient[E]>[0]) => boolean = () => true): Promise<Parameters<LiveServerToClient[E]>[0]> {
  return new Promise((resolve) => {
    const listener = (arg: Parameters<LiveServerToClient[E]>[0]) => {
      if (!keep(arg)) return;
      client.off(event, listener as never);
      resolve(arg);
    };
    client.on(event, listener as never);
  });
}

beforeAll(async () => {
  server = createServer();
  feed = attachLiveFeed(server, {
    model,
    authenticate,
    authenticateToken: (token) => Promise.resolve(TOKENS[token]),
    audit: (entry) => audit.push(entry),
    logger: silentLogger,
    metrics,
    clock: fixedClock(NOW),
    maxBufferedPackets: MAX_BUFFERED,
    maxRefusedJoins: 10,
    reauthIntervalMs: 200,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  await feed.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('live feed: authentication', () => {
  it('refuses a connection without a session or token, and with an unknown token (audited)', async () => {
    await expect(connect()).rejects.toThrow('unauthenticated');
    await expect(connect({ token: 'forged' })).rejects.toThrow('unauthenticated');
    expect(audit.filter((a) => a.action === 'live.connect' && a.principal === undefined)).toHaveLength(2);
    expect(metrics.count('lingtan_live_refused_total', { code: 'unauthenticated' })).toBe(2);
  });

  it('refuses a browser page of another site, even with a valid session (audited)', async () => {
    await expect(connect({ cookie: 'session=tok-op', origin: 'https://evil.example' })).rejects.toThrow();
    expect(metrics.count('lingtan_live_refused_total', { code: 'origin' })).toBe(1);
    expect(audit.some((a) => a.reason.includes('https://evil.example'))).toBe(true);
    const own = await connect({ cookie: 'session=tok-op', origin: url });
    expect(own.connected).toBe(true);
  });

  it('accepts the session cookie as well as a token', async () => {
    const op = await connect({ cookie: 'theme=dark; session=tok-op' });
    expect(await op.emitWithAck('join', { kind: 'park' })).toEqual({ ok: true, room: 'park:p1' });
  });
});

describe('live feed: sessions that end, and probing', () => {
  it('a revoked token ends the connection at the next check, audited', async () => {
    TOKENS['tok-rev'] = principal('rita', 'enterprise_user', 'ent-a');
    const c = await connect({ token: 'tok-rev' });
    expect(await c.emitWithAck('join', { kind: 'enterprise', enterprise: 'ent-a' })).toMatchObject({ ok: true });
    const gone = new Promise((resolve) => c.once('disconnect', resolve));
    delete TOKENS['tok-rev'];
    expect(await gone).toBe('io server disconnect');
    expect(audit.some((a) => a.action === 'live.session' && a.principal?.userId === 'rita')).toBe(true);
  });

  it('a client walking through other tenants\' ids is disconnected after 10 refused joins', async () => {
    const b = await connect({ token: 'tok-b' });
    const gone = new Promise((resolve) => b.once('disconnect', resolve));
    for (let i = 0; i < 11; i++) expect(await b.emitWithAck('join', { kind: 'meter', meter: `a-guess-${i}` })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await gone).toBe('io server disconnect');
  });
});

describe('live feed: enterprise A', () => {
  it('joins its own room and gets a snapshot; B\'s rooms, B\'s meter and the park room are refused and audited', async () => {
    const a = await connect({ token: 'tok-a' });
    const snapshot = next(a, 'enterprise:summary');
    expect(await a.emitWithAck('join', { kind: 'enterprise', enterprise: 'ent-a' })).toEqual({ ok: true, room: 'enterprise:ent-a' });
    expect(await snapshot).toMatchObject({ enterprise: 'ent-a', name: 'A 公司', metersTotal: 4 });
    const before = audit.length;
    expect(await a.emitWithAck('join', { kind: 'enterprise', enterprise: 'ent-b' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await a.emitWithAck('join', { kind: 'meter', meter: 'b-main' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await a.emitWithAck('join', { kind: 'park' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await a.emitWithAck('join', { kind: 'meter', meter: 'no-such-meter' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await a.emitWithAck('join', { kind: 'enterprise', enterprise: '../ent-b' } as never)).toMatchObject({ ok: false, code: 'invalid' });
    const refused = audit.slice(before);
    expect(refused).toHaveLength(5);
    expect(refused.every((e) => e.principal?.userId === 'alice' && e.action === 'live.join')).toBe(true);
    expect(refused[1]).toMatchObject({ target: '{"kind":"meter","meter":"b-main"}', reason: expect.stringContaining('forbidden') as unknown });
  });

  it('receives A\'s alerts but never B\'s; the park operator receives both', async () => {
    const a = await connect({ token: 'tok-a' });
    const b = await connect({ token: 'tok-b' });
    const op = await connect({ token: 'tok-op' });
    await a.emitWithAck('join', { kind: 'enterprise', enterprise: 'ent-a' });
    await b.emitWithAck('join', { kind: 'enterprise', enterprise: 'ent-b' });
    await op.emitWithAck('join', { kind: 'park' });
    const seenByA: AlertEvent[] = [];
    a.on('alert', (e) => seenByA.push(e));
    const opGotA = next(op, 'alert', (e) => e.alertId === 'al-a');
    const bGotB = next(b, 'alert');
    feed.publishAlert(alertEvent('al-b', 'ent-b', NOW));
    feed.publishAlert(alertEvent('al-a', 'ent-a', NOW));
    await next(a, 'alert', (e) => e.alertId === 'al-a');
    await opGotA;
    expect((await bGotB).alertId).toBe('al-b');
    // One connection delivers in order: B's alert, sent first, would have come before A's.
    expect(seenByA.map((e) => e.alertId)).toEqual(['al-a']);
  });

  it('gets its own meter\'s snapshot and then its updates', async () => {
    model.onBatch(batch('ent-a', [reading('a-main', 'electricity', NOW, { power_kw: 400 })]));
    const a = await connect({ token: 'tok-a' });
    const snapshot = next(a, 'meters:update');
    expect(await a.emitWithAck('join', { kind: 'meter', meter: 'a-main' })).toEqual({ ok: true, room: 'meter:a-main' });
    expect(await snapshot).toEqual([{ meter: 'a-main', enterprise: 'ent-a', carrier: 'electricity', ts: NOW, values: { power_kw: 400 } }]);
    const update = next(a, 'meters:update', (u) => u[0]?.ts === NOW + 15_000);
    model.onBatch(batch('ent-a', [reading('a-main', 'electricity', NOW + 15_000, { power_kw: 420 })]));
    expect((await update)[0]?.values).toEqual({ power_kw: 420 });
  });
});

describe('live feed: the park room', () => {
  it('sends the park summary on join and every second, and the figures change after a batch', async () => {
    const op = await connect({ token: 'tok-op' });
    const snapshot = next(op, 'park:summary');
    await op.emitWithAck('join', { kind: 'park' });
    expect((await snapshot).park).toBe('p1');
    await next(op, 'park:summary'); // a periodic one
    const changed = next(op, 'park:summary', (s) => s.power.pvKw === 150);
    for (const b of workedBatches(NOW + 30_000)) model.onBatch(b);
    const summary = await changed;
    expect(summary.power).toMatchObject({ pvKw: 150, gridImportKw: 650 });
    expect(summary.enterprises.map((e) => e.enterprise)).toEqual(['ops', 'ent-a', 'ent-b']);
  });
});

describe('live feed: slow clients', () => {
  it('a client that stops reading is disconnected once its queue passes the cap; a reading client stays', async () => {
    const slow = await connect({ token: 'tok-a' });
    const healthy = await connect({ token: 'tok-a' });
    await slow.emitWithAck('join', { kind: 'enterprise', enterprise: 'ent-a' });
    await healthy.emitWithAck('join', { kind: 'enterprise', enterprise: 'ent-a' });
    let healthyAlerts = 0;
    healthy.on('alert', () => (healthyAlerts += 1));
    const slowId = slow.id ?? '';
    expect(feed.io.of('/live').sockets.has(slowId)).toBe(true);
    // Stop reading from the TCP socket: the kernel's buffers fill, then the server's queue grows.
    const transport = slow.io.engine.transport as unknown as { ws: { _socket: NetSocket } };
    transport.ws._socket.pause();
    const message = 'x'.repeat(64 * 1024);
    const counted = () => metrics.count('lingtan_live_slow_disconnects_total');
    let sent = 0;
    for (; sent < 3000 && counted() === 0; sent++) {
      feed.publishAlert(alertEvent(`al-flood-${sent}`, 'ent-a', NOW + sent, { message }));
      await new Promise((r) => setImmediate(r));
    }
    expect(counted()).toBe(1);
    // Only a backlog trips it: the first alerts went out into the socket buffers.
    expect(sent).toBeGreaterThan(MAX_BUFFERED);
    // The server dropped the slow client's queue with its connection.
    expect(feed.io.of('/live').sockets.has(slowId)).toBe(false);
    await new Promise((r) => setTimeout(r, 200));
    expect(healthy.connected).toBe(true);
    expect(healthyAlerts).toBeGreaterThan(0);
  });
});
