// Engineers' simulator controls through the gateway, on a real Mosquitto: the retained status
// as GET /api/v1/sim, the recordings directory, and commands published with `by` from the
// session. Enterprise users and park operators may not drive the simulator (403, audited).
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMosquitto, waitFor } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { simCommandSchema, simCommandsTopic, simStatusTopic } from '@lingtan/schema';
import type { SimCommand, SimStatus } from '@lingtan/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayDeps } from '../src/app.js';
import { createSimStatusBook } from '../src/routes/sim-routes.js';
import type { SimRouteDeps } from '../src/routes/sim-routes.js';
import { NOW, PARK, errorOf, login, startGateway } from './fixture.js';
import type { TestGateway } from './fixture.js';

let broker: RunningService;
let gatewayClient: MqttClient;
let simStandIn: MqttClient;
let dir: string;
let gw: TestGateway;
const book = createSimStatusBook();
const received: SimCommand[] = [];

const STATUS: SimStatus = {
  v: 1,
  park: PARK,
  mode: 'run',
  speed: 60,
  deviceTime: '2026-11-10T01:59:00.000Z',
  faults: [],
  replay: null,
  readingsPublished: 4200,
  lastCommand: null,
  // Three seconds before the gateway's clock.
  updatedAt: new Date(NOW - 3000).toISOString(),
};

beforeAll(async () => {
  broker = await startMosquitto();
  dir = await mkdtemp(join(tmpdir(), 'lingtan-gw-sim-'));
  await writeFile(join(dir, 'night.ndjson.gz'), Buffer.alloc(1234));
  await writeFile(join(dir, 'day.ndjson.gz'), Buffer.alloc(10));
  await writeFile(join(dir, '.partial'), 'x');
  await mkdir(join(dir, 'subdir'));
  gatewayClient = await connectMqtt({ url: broker.url, clientId: 'it-gateway-sim' });
  gatewayClient.on('message', (topic, payload) => topic === simStatusTopic(PARK) && book.onMessage(payload, Date.now()));
  await gatewayClient.subscribeAsync(simStatusTopic(PARK), { qos: 1 });
  simStandIn = await connectMqtt({ url: broker.url, clientId: 'it-simulator-stand-in' });
  simStandIn.on('message', (_topic, payload) => received.push(simCommandSchema.parse(JSON.parse(payload.toString()))));
  await simStandIn.subscribeAsync(simCommandsTopic(PARK), { qos: 1 });
  const sim: SimRouteDeps = {
    status: book,
    publish: async (command) => {
      await gatewayClient.publishAsync(simCommandsTopic(PARK), JSON.stringify(command), { qos: 1 });
    },
    recordingsDir: dir,
  };
  // `sim` is not one of GatewayDeps' keys; the fixture passes its overrides on to buildGateway as they are.
  const overrides = { sim, newId: randomUUID } as Partial<GatewayDeps>;
  gw = await startGateway(overrides);
});

afterAll(async () => {
  await gw?.close();
  await gatewayClient?.endAsync();
  await simStandIn?.endAsync();
  await broker?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

describe('GET /api/v1/sim', () => {
  it('is a clear 503 before any status has arrived', async () => {
    const engineer = await login(gw.url, 'engineer');
    const res = await engineer.get('/api/v1/sim');
    expect(res.status).toBe(503);
    const error = await errorOf(res);
    expect(error.code).toBe('sim_unavailable');
    expect(error.message).toMatch(/no simulator status yet/);
  });

  it('answers the retained status with its age to engineers and operators, not to enterprise users', async () => {
    await simStandIn.publishAsync(simStatusTopic(PARK), JSON.stringify(STATUS), { qos: 1, retain: true });
    await waitFor('the status at the gateway', () => Promise.resolve(book.latest() !== undefined), 10_000);
    for (const user of ['engineer', 'operator', 'admin'] as const) {
      const res = await (await login(gw.url, user)).get('/api/v1/sim');
      expect(res.status, user).toBe(200);
      expect(await res.json()).toEqual({ status: STATUS, ageMs: 3000 });
    }
    const alice = await login(gw.url, 'alice');
    expect((await alice.get('/api/v1/sim')).status).toBe(403);
  });

  it('keeps the last good status when a broken one arrives', () => {
    expect(book.onMessage(Buffer.from('{"v":1,"mode":"dancing"}'), NOW)).toBe(false);
    expect(book.latest()?.status).toEqual(STATUS);
  });
});

describe('GET /api/v1/sim/recordings', () => {
  it('lists the files a replay may name, with sizes (no hidden files, no directories)', async () => {
    const res = await (await login(gw.url, 'engineer')).get('/api/v1/sim/recordings');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { recordings: { name: string; sizeBytes: number }[] };
    expect(body.recordings.map(({ name, sizeBytes }) => ({ name, sizeBytes }))).toEqual([
      { name: 'day.ndjson.gz', sizeBytes: 10 },
      { name: 'night.ndjson.gz', sizeBytes: 1234 },
    ]);
    expect((await (await login(gw.url, 'bob')).get('/api/v1/sim/recordings')).status).toBe(403);
  });
});

describe('POST /api/v1/sim/commands', () => {
  it('refuses enterprise users and park operators (403, audited) and publishes nothing for them', async () => {
    for (const user of ['alice', 'operator'] as const) {
      const res = await (await login(gw.url, user)).post('/api/v1/sim/commands', { kind: 'pause' });
      expect(res.status, user).toBe(403);
      expect(await errorOf(res)).toMatchObject({ code: 'forbidden' });
      expect(gw.audit.recent(5)).toContainEqual(expect.objectContaining({ outcome: 'refused', actor: user, action: 'sim:control', code: 'forbidden' }));
    }
  });

  it("publishes an engineer's command with a uuid and by = engineer, audited", async () => {
    const res = await (await login(gw.url, 'engineer')).post('/api/v1/sim/commands', { kind: 'inject_fault', meter: 'a-main', fault: 'stuck', durationS: 600 });
    expect(res.status).toBe(202);
    const { commandId } = (await res.json()) as { commandId: string };
    await waitFor('the command on the broker', () => Promise.resolve(received.length >= 1), 10_000);
    // One publisher, QoS 1: had a refused command been published, it would have arrived first.
    expect(received).toEqual([{ v: 1, commandId, by: 'engineer', atMs: NOW, kind: 'inject_fault', meter: 'a-main', fault: 'stuck', durationS: 600 }]);
    expect(gw.audit.recent(5)).toContainEqual(expect.objectContaining({ outcome: 'allowed', actor: 'engineer', action: 'sim:inject_fault', resource: `park:${PARK}` }));
    expect(gw.audit.recent(5).find((e) => e.action === 'sim:inject_fault')?.detail).toContain(commandId);
  });

  it('refuses bad bodies with 400 naming the field', async () => {
    const engineer = await login(gw.url, 'engineer');
    const cases: [unknown, string][] = [
      [{ kind: 'set_speed', speed: 5000 }, 'speed'],
      [{ kind: 'start_replay', recording: '../../etc/passwd' }, 'recording'],
      [{ kind: 'pause', by: 'admin' }, 'by'],
      [{ kind: 'inject_fault', meter: 'a-main', fault: 'rollover' }, 'fault'],
      [{ kind: 'reboot' }, 'kind'],
    ];
    for (const [body, field] of cases) {
      const res = await engineer.post('/api/v1/sim/commands', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorOf(res), JSON.stringify(body)).toMatchObject({ code: 'invalid_request', field });
    }
    expect(received).toHaveLength(1);
  });
});
