// The gateway as `pnpm gateway` runs it (main.ts, its own process) with the demo registry and
// the demo users file, against a real Mosquitto: the documented demo logins work, dead
// letters reach the quality endpoint, alert events reach the live feed's rooms, and a refused
// room join is in the audit log.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { LIVE_NAMESPACE, alertsTopic, deadLetterTopic } from '@lingtan/schema';
import type { AlertEvent, DeadLetter, JoinResult, LiveClientToServer, LiveServerToClient } from '@lingtan/schema';
import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withHeaders } from './fixture.js';
import type { Caller } from './fixture.js';

const PARK = 'yc-binhai';
let broker: RunningService;
let gateway: LocalProcess;
let client: MqttClient;
let url: string;
const sockets: Socket[] = [];

async function loginAs(username: string, password: string): Promise<{ caller: Caller; cookie: string }> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  return { caller: withHeaders(url, { cookie }), cookie };
}

function liveSocket(cookie: string): Socket<LiveServerToClient, LiveClientToServer> {
  const socket: Socket<LiveServerToClient, LiveClientToServer> = io(`${url}${LIVE_NAMESPACE}`, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
  sockets.push(socket);
  return socket;
}

beforeAll(async () => {
  broker = await startMosquitto();
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-gateway-it-'));
  client = await connectMqtt({ url: broker.url, clientId: 'it-gateway-feeds' });
  gateway = await startNodeService({
    name: 'gateway',
    entry: join(REPO_ROOT, 'services/gateway/src/main.ts'),
    env: {
      LINGTAN_MQTT_URL: broker.url,
      LINGTAN_STORE: 'embedded',
      LINGTAN_DATA_DIR: dir,
      LINGTAN_REGISTRY: join(REPO_ROOT, 'config/registry.demo.yaml'),
      LINGTAN_GATEWAY_USERS: join(REPO_ROOT, 'config/users.demo.yaml'),
      LINGTAN_GATEWAY_PORT: '0',
      LINGTAN_GATEWAY_OPS_PORT: '0',
      LINGTAN_GATEWAY_STATIC_DIR: join(dir, 'no-view'),
    },
    readyText: 'gateway running',
    timeoutMs: 60_000,
  });
  const line = gateway.log.split('\n').find((l) => l.includes('gateway running'))!;
  url = (JSON.parse(line) as { url: string }).url;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await client?.endAsync();
  await gateway?.stop();
  await broker?.stop();
});

describe('pnpm gateway', () => {
  it('warns that the session key is random when none is configured', () => {
    expect(gateway.log).toContain('LINGTAN_GATEWAY_SESSION_SECRET is not set');
  });

  it('takes every documented demo login', async () => {
    for (const [user, role] of [
      ['admin', 'admin'],
      ['operator', 'park_operator'],
      ['engineer', 'engineer'],
      ['steel', 'enterprise_user'],
      ['chem', 'enterprise_user'],
    ] as const) {
      const { caller } = await loginAs(user, `lingtan-${user}-demo`);
      expect(((await (await caller.get('/api/v1/me')).json()) as { principal: { role: string } }).principal.role).toBe(role);
    }
    const key = withHeaders(url, { authorization: 'Bearer lt_demo_steel_erp_key_0123456789abcdef' });
    expect(((await (await key.get('/api/v1/park')).json()) as { enterprises: { id: string }[] }).enterprises).toEqual([{ id: 'ent-steel', name: '联鑫钢铁', industry: 'steel' }]);
  });

  it('counts dead letters of today for the quality view', async () => {
    const { caller } = await loginAs('operator', 'lingtan-operator-demo');
    const dl: DeadLetter = { v: 1, receivedAtMs: Date.now(), topic: `ems/v1/${PARK}/ent-steel/m-x/telemetry`, code: 'unknown_meter', detail: 'no such meter', park: PARK, enterprise: 'ent-steel', payloadBytes: 2, payloadExcerpt: '{}' };
    await client.publishAsync(deadLetterTopic(PARK), JSON.stringify(dl), { qos: 1 });
    await waitFor(
      'the dead letter in /quality',
      async () => ((await (await caller.get('/api/v1/quality')).json()) as { deadLetters: { today: number } }).deadLetters.today === 1,
      10_000,
    );
    const q = (await (await caller.get('/api/v1/quality')).json()) as { deadLetters: unknown; meters: unknown[] };
    expect(q.deadLetters).toEqual({ today: 1, byCode: { unknown_meter: 1 } });
    expect(q.meters).toHaveLength(61);
  });

  it('live: steel joins its room, is refused chem (audited), and gets its alert as it happens', async () => {
    const { cookie } = await loginAs('steel', 'lingtan-steel-demo');
    const socket = liveSocket(cookie);
    const join = (room: Parameters<LiveClientToServer['join']>[0]) => new Promise<JoinResult>((resolve) => socket.emit('join', room, resolve));
    expect(await join({ kind: 'enterprise', enterprise: 'ent-steel' })).toMatchObject({ ok: true });
    expect(await join({ kind: 'enterprise', enterprise: 'ent-chem' })).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await join({ kind: 'park' })).toMatchObject({ ok: false, code: 'forbidden' });

    const got = new Promise<AlertEvent>((resolve) => socket.on('alert', resolve));
    const now = Date.now();
    const event: AlertEvent = {
      v: 1,
      eventId: 'it-alert-1:1',
      type: 'raised',
      atMs: now,
      alertId: 'it-alert-1',
      key: 'steel-load/m-steel-main',
      ruleId: 'steel-load',
      kind: 'threshold',
      severity: 'major',
      park: PARK,
      owner: { scope: 'enterprise', id: 'ent-steel' },
      meter: 'm-steel-main',
      state: 'active',
      firstSeenMs: now,
      lastSeenMs: now,
      occurrence: 1,
      count: 1,
      message: 'load above 90 %',
    };
    await client.publishAsync(alertsTopic(PARK), JSON.stringify(event), { qos: 1 });
    expect((await got).alertId).toBe('it-alert-1');

    const { caller: admin } = await loginAs('admin', 'lingtan-admin-demo');
    const audit = (await (await admin.get('/api/v1/audit')).json()) as { entries: { actor: string; outcome: string; resource: string }[] };
    expect(audit.entries.filter((e) => e.actor === 'steel' && e.outcome === 'refused').length).toBeGreaterThanOrEqual(2);
  });
});
