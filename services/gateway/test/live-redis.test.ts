import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixedClock } from '@lingtan/domain';
import { startRedis, waitFor } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { Metrics, silentLogger } from '@lingtan/runtime';
import type { AlertEvent, LiveClientToServer, LiveServerToClient, ParkSummary, Principal } from '@lingtan/schema';
import { io as connectClient } from 'socket.io-client';
import type { Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachLiveFeed, createLiveModel } from '../src/live/index.js';
import type { LiveFeed, LiveModel } from '../src/live/index.js';
import { alertEvent, smallPark, workedBatches } from '../src/live/testing.js';

type Client = ClientSocket<LiveServerToClient, LiveClientToServer>;

const NOW = Date.UTC(2026, 2, 10, 2, 0, 0);
const principal = (userId: string, role: Principal['role'], enterprise?: string): Principal => ({ userId, displayName: userId, role, park: 'p1', via: 'api_key', ...(enterprise === undefined ? {} : { enterprise }) });
const TOKENS: Record<string, Principal> = {
  'tok-a': principal('alice', 'enterprise_user', 'ent-a'),
  'tok-b': principal('bob', 'enterprise_user', 'ent-b'),
  'tok-op': principal('olga', 'park_operator'),
};

interface Instance {
  readonly server: Server;
  readonly feed: LiveFeed;
  readonly model: LiveModel;
  readonly url: string;
}

let redis: RunningService;
const instances: Instance[] = [];
const clients: Client[] = [];

async function startInstance(redisUrl: string): Promise<Instance> {
  const server = createServer();
  const model = createLiveModel({ registry: smallPark(), clock: fixedClock(NOW) });
  const feed = attachLiveFeed(server, {
    model,
    authenticate: () => Promise.resolve(undefined),
    authenticateToken: (token) => Promise.resolve(TOKENS[token]),
    audit: () => undefined,
    logger: silentLogger,
    metrics: new Metrics(),
    clock: fixedClock(NOW),
    redisUrl,
  });
  await feed.ready;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, feed, model, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function connect(instance: Instance, token: string, room: Parameters<LiveClientToServer['join']>[0]): Promise<Client> {
  const client: Client = connectClient(`${instance.url}/live`, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
  clients.push(client);
  await new Promise((resolve, reject) => {
    client.once('connect', () => resolve(undefined));
    client.once('connect_error', reject);
  });
  expect(await client.emitWithAck('join', room)).toMatchObject({ ok: true });
  return client;
}

beforeAll(async () => {
  redis = await startRedis();
  instances.push(await startInstance(redis.url), await startInstance(redis.url));
});

afterAll(async () => {
  for (const c of clients) c.disconnect();
  for (const i of instances) {
    await i.feed.close();
    i.server.closeAllConnections();
    await new Promise((resolve) => i.server.close(resolve));
  }
  await redis?.stop();
});

describe('live feed over Redis: two gateway instances', () => {
  it('an alert published on instance 1 reaches its owner and the park operator on instance 2, and no other enterprise', async () => {
    const [one, two] = instances as [Instance, Instance];
    const a2 = await connect(two, 'tok-a', { kind: 'enterprise', enterprise: 'ent-a' });
    const b2 = await connect(two, 'tok-b', { kind: 'enterprise', enterprise: 'ent-b' });
    const op2 = await connect(two, 'tok-op', { kind: 'park' });
    // The subscriptions settle just after the clients connect: probe with a park-only alert until one gets through.
    let probing = true;
    const probed = new Promise<void>((resolve) => op2.once('alert', () => resolve()));
    void (async () => {
      for (let i = 0; probing && i < 100; i++) {
        one.feed.publishAlert(alertEvent(`probe-${i}`, 'ops', NOW, { owner: { scope: 'park', id: 'p1' } }));
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    await probed;
    probing = false;
    const seenByB: AlertEvent[] = [];
    b2.on('alert', (e) => seenByB.push(e));
    const aGot = new Promise<AlertEvent>((resolve) => a2.on('alert', (e) => e.alertId === 'al-a' && resolve(e)));
    const opGot = new Promise<AlertEvent>((resolve) => op2.on('alert', (e) => e.alertId === 'al-a' && resolve(e)));
    const bGot = new Promise<AlertEvent>((resolve) => b2.on('alert', (e) => e.alertId === 'al-b' && resolve(e)));
    one.feed.publishAlert(alertEvent('al-a', 'ent-a', NOW));
    one.feed.publishAlert(alertEvent('al-b', 'ent-b', NOW));
    expect((await aGot).owner).toEqual({ scope: 'enterprise', id: 'ent-a' });
    expect((await opGot).alertId).toBe('al-a');
    await bGot;
    // Instance 1 published A's alert before B's, over one Redis channel: had B been sent A's, it would have come first.
    expect(seenByB.map((e) => e.alertId).filter((id) => !id.startsWith('probe-'))).toEqual(['al-b']);
    // Instance 2's live model counts the alert too, though only instance 1 was given it.
    await waitFor('instance 2 to count A\'s alert', () => Promise.resolve(two.model.enterpriseSummary('ent-a')?.activeAlerts === 1), 10_000);
    expect(two.model.enterpriseSummary('ent-b')?.activeAlerts).toBe(1);
  });

  it('summaries stay on their own instance: instance 2\'s operator sees only instance 2\'s figures', async () => {
    const [one, two] = instances as [Instance, Instance];
    // Only instance 1 has seen the worked batches (PV 150 kW); both have an operator in the park room.
    for (const b of workedBatches(NOW)) one.model.onBatch(b);
    const op1 = await connect(one, 'tok-op', { kind: 'park' });
    const op2 = await connect(two, 'tok-op', { kind: 'park' });
    const seen1: ParkSummary[] = [];
    const seen2: ParkSummary[] = [];
    op1.on('park:summary', (s) => seen1.push(s));
    op2.on('park:summary', (s) => seen2.push(s));
    await new Promise((r) => setTimeout(r, 2500));
    expect(seen1.length).toBeGreaterThan(0);
    expect(seen2.length).toBeGreaterThan(0);
    expect(seen1.every((s) => s.power.pvKw === 150)).toBe(true);
    expect(seen2.every((s) => s.power.pvKw === 0)).toBe(true);
  });
});
