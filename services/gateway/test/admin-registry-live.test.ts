import { fixedClock } from '@lingtan/domain';
import { Metrics, parseRegistry, silentLogger } from '@lingtan/runtime';
import type { EnterpriseSummary, LiveClientToServer, LiveServerToClient, RegistryAdminResponse } from '@lingtan/schema';
import { io as connectClient } from 'socket.io-client';
import type { Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachLiveFeed, budgetsFromRegistry, createLiveModel } from '../src/live/index.js';
import type { LiveFeed } from '../src/live/index.js';
import { NOW } from './fixture.js';
import { fileText, loginAs, startAdminGateway } from './admin-registry-setup.js';
import type { AdminCaller, AdminGateway } from './admin-registry-setup.js';

type Client = ClientSocket<LiveServerToClient, LiveClientToServer>;

let g: AdminGateway;
let feed: LiveFeed;
let admin: AdminCaller & { cookie: string };

beforeAll(async () => {
  g = await startAdminGateway();
  // The live feed over the same live registry, as main.ts attaches it.
  const model = createLiveModel({ registry: g.live, clock: fixedClock(NOW), budgets: (r) => budgetsFromRegistry(r, NOW) });
  feed = attachLiveFeed(g.server, {
    model,
    authenticate: (req) => g.auth.principalFromRequest(req),
    authenticateToken: (token) => g.auth.principalFromToken(token),
    audit: () => undefined,
    logger: silentLogger,
    metrics: new Metrics(),
    clock: fixedClock(NOW),
    summaryIntervalMs: 50,
  });
  admin = await loginAs(g.url, 'admin');
});
afterAll(async () => {
  await feed.close();
  await g.stop();
});

const etag = async (): Promise<string> => ((await (await admin.get('/api/v1/admin/registry')).json()) as RegistryAdminResponse).etag;

describe('admin writes and the live feed', () => {
  it('a socket in the enterprise room gets the new meter in its next summary', async () => {
    const client: Client = connectClient(`${g.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: admin.cookie } });
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('connect_error', reject);
      });
      const first = new Promise<EnterpriseSummary>((resolve) => client.once('enterprise:summary', resolve));
      const joined = await client.emitWithAck('join', { kind: 'enterprise', enterprise: 'ent-b' });
      expect(joined.ok).toBe(true);
      expect((await first).metersTotal).toBe(1);
      const res = await admin.send('POST', '/api/v1/admin/meters', { body: { id: 'b-gas', enterprise: 'ent-b', carrier: 'gas' }, ifMatch: await etag() });
      expect(res.status).toBe(201);
      const grown = await new Promise<EnterpriseSummary>((resolve) => {
        const listener = (s: EnterpriseSummary) => {
          if (s.metersTotal !== 2) return;
          client.off('enterprise:summary', listener);
          resolve(s);
        };
        client.on('enterprise:summary', listener);
      });
      expect(grown.enterprise).toBe('ent-b');
      // And the meter's own room can be joined now.
      expect((await client.emitWithAck('join', { kind: 'meter', meter: 'b-gas' })).ok).toBe(true);
    } finally {
      client.close();
    }
  });

  it('a deleted meter\'s room is emptied at once, and joining it again is not_found', async () => {
    const client: Client = connectClient(`${g.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: admin.cookie } });
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('connect_error', reject);
      });
      expect((await client.emitWithAck('join', { kind: 'meter', meter: 'a-sub' })).ok).toBe(true);
      const rooms = feed.io.of('/live').adapter.rooms;
      expect(rooms.get('meter:a-sub')?.size).toBe(1);
      const res = await admin.send('DELETE', '/api/v1/admin/meters/a-sub', { ifMatch: await etag() });
      expect(res.status).toBe(200);
      expect(rooms.get('meter:a-sub')).toBeUndefined();
      expect(await client.emitWithAck('join', { kind: 'meter', meter: 'a-sub' })).toMatchObject({ ok: false, code: 'not_found' });
    } finally {
      client.close();
    }
  });

  it('two admins writing at once from the same ETag: one wins, the other gets 412, no edit is lost silently', async () => {
    const tag = await etag();
    const [a, b] = await Promise.all([
      admin.send('PATCH', '/api/v1/admin/enterprises/ent-a', { body: { name: 'A by admin 1' }, ifMatch: tag }),
      admin.send('PATCH', '/api/v1/admin/enterprises/ent-b', { body: { name: 'B by admin 2' }, ifMatch: tag }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const names = parseRegistry(await fileText(g), 'file').enterprises.map((e) => e.name);
    expect(names.filter((n) => n.includes('by admin')).length).toBe(1);
  });
});
