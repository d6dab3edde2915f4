// The simulator under remote control, end to end: `pnpm sim -- run --control` as its own
// process against a real Mosquitto; commands go in on ems-int/v1/{park}/sim/commands and the
// retained status and the telemetry come out. Pause stops the readings, an outage silences
// one meter, a stuck meter repeats itself, a small recording replays and the scenario returns.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { parseTelemetryPayload, simCommandsTopic, simStatusSchema, simStatusTopic } from '@lingtan/schema';
import type { SimCommandBody, SimStatus } from '@lingtan/schema';
import { encodeRecordedLine, syntheticRegistry } from '@lingtan/simulator';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PARK = 'ctl-park';
// Three meters every 60 device seconds at 300x: each meter reports five times a wall second.
const registry = syntheticRegistry({ parkId: PARK, enterprises: 1, metersPerEnterprise: 3, intervalS: 60 });
const [M1, M2] = registry.meters.map((m) => m.id) as [string, string];
const REPLAY_TOPIC = `ems/v1/${PARK}/ent-001/recorded-meter/telemetry`;

let broker: RunningService;
let dir: string;
let sim: LocalProcess;
let observer: MqttClient;
let commander: MqttClient;
const readings: { meter: string; values: Record<string, number>; payload: string }[] = [];
let status: SimStatus | undefined;

beforeAll(async () => {
  broker = await startMosquitto();
  dir = await mkdtemp(join(tmpdir(), 'lingtan-simctl-'));
  await mkdir(join(dir, 'recordings'));
  await writeFile(join(dir, 'registry.yaml'), stringify(registry));
  // Five recorded messages 100 ms apart, on a meter the scenario does not have.
  const lines = Array.from({ length: 5 }, (_, i) => encodeRecordedLine({ receivedMs: 1_000_000 + 100 * i, topic: REPLAY_TOPIC, payload: Buffer.from(JSON.stringify({ ts: 1_000_000 + 100 * i, seq: i, values: { power_kw: i } })) }));
  await writeFile(join(dir, 'recordings', 'short.ndjson.gz'), gzipSync(`${lines.join('\n')}\n`));
  observer = await connectMqtt({ url: broker.url, clientId: 'simctl-observer' });
  commander = await connectMqtt({ url: broker.url, clientId: 'simctl-gateway' });
  observer.on('message', (topic, payload) => {
    if (topic === simStatusTopic(PARK)) status = simStatusSchema.parse(JSON.parse(payload.toString()));
    else {
      const parsed = parseTelemetryPayload(payload);
      if (parsed.ok) readings.push({ meter: topic.split('/')[4]!, values: parsed.readings[0]!.values, payload: payload.toString() });
    }
  });
  await observer.subscribeAsync([`ems/v1/${PARK}/#`, simStatusTopic(PARK)], { qos: 1 });
  sim = await startNodeService({
    name: 'sim run --control',
    entry: 'simulator/src/cli.ts',
    args: ['run', '--registry', join(dir, 'registry.yaml'), '--mqtt', broker.url, '--speed', '300', '--control', '--recordings', join(dir, 'recordings')],
    env: {},
    readyText: 'sim: taking commands',
    timeoutMs: 60_000,
  });
});

afterAll(async () => {
  await sim?.stop();
  await observer?.endAsync();
  await commander?.endAsync();
  await broker?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** Send a command as the gateway would and wait for the status that answers it. */
async function send(body: SimCommandBody | Record<string, unknown>): Promise<SimStatus> {
  const commandId = randomUUID();
  await commander.publishAsync(simCommandsTopic(PARK), JSON.stringify({ v: 1, commandId, by: 'engineer', atMs: Date.now(), ...body }), { qos: 1 });
  await waitFor(`the status answering ${String(body.kind)}`, () => Promise.resolve(status?.lastCommand?.commandId === commandId), 20_000);
  return status!;
}

const count = (meter?: string) => readings.filter((r) => meter === undefined || r.meter === meter).length;
const moreReadings = (meter: string, n: number) => {
  const before = count(meter);
  return waitFor(`${n} more readings of ${meter}`, () => Promise.resolve(count(meter) >= before + n), 20_000);
};

describe('pnpm sim -- run --control (real Mosquitto, simulator process)', () => {
  it('publishes its status, retained, and the scenario readings', async () => {
    await waitFor('a status', () => Promise.resolve(status !== undefined), 20_000);
    expect(status).toMatchObject({ park: PARK, mode: 'run', speed: 300, faults: [], replay: null });
    await moreReadings(M1, 3);
    // Retained: a watcher that connects later gets the status at once.
    const late = await connectMqtt({ url: broker.url, clientId: 'simctl-late' });
    const got = new Promise<SimStatus>((resolve) => late.on('message', (_t, p) => resolve(simStatusSchema.parse(JSON.parse(p.toString())))));
    await late.subscribeAsync(simStatusTopic(PARK), { qos: 1 });
    expect((await got).park).toBe(PARK);
    await late.endAsync();
  });

  it('pause: no readings meanwhile and device time stands still; resume: readings again', async () => {
    const paused = await send({ kind: 'pause' });
    expect(paused).toMatchObject({ mode: 'paused', lastCommand: { ok: true, kind: 'pause', by: 'engineer' } });
    const atPause = count();
    // A second status while paused (a speed change applies on resume) shows the same device time.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const later = await send({ kind: 'set_speed', speed: 600 });
    expect(later.mode).toBe('paused');
    expect(later.deviceTime).toBe(paused.deviceTime);
    expect(count()).toBe(atPause);
    const resumed = await send({ kind: 'resume' });
    expect(resumed).toMatchObject({ mode: 'run', speed: 600 });
    await moreReadings(M1, 3);
  });

  it('an outage silences its meter while the others go on; an unknown meter is refused', async () => {
    const refused = await send({ kind: 'inject_fault', meter: 'no-such-meter', fault: 'outage', durationS: 60 });
    expect(refused.lastCommand).toMatchObject({ ok: false, code: 'unknown_meter' });
    const faulted = await send({ kind: 'inject_fault', meter: M1, fault: 'outage', durationS: 86_400 });
    expect(faulted.faults).toEqual([expect.objectContaining({ meter: M1, fault: 'outage' })]);
    const m1 = count(M1);
    await moreReadings(M2, 10);
    // At most the one reading already in hand when the command came.
    expect(count(M1) - m1).toBeLessThanOrEqual(1);
    const cleared = await send({ kind: 'clear_faults' });
    expect(cleared.faults).toEqual([]);
    await moreReadings(M1, 3);
  });

  it('a stuck meter repeats its values', async () => {
    await send({ kind: 'inject_fault', meter: M2, fault: 'stuck', durationS: 86_400 });
    const from = count(M2) + 1; // skip the reading possibly in hand
    await moreReadings(M2, 6);
    const values = readings.filter((r) => r.meter === M2).slice(from).map((r) => JSON.stringify(r.values));
    expect(new Set(values).size).toBe(1);
    await send({ kind: 'clear_faults', meter: M2 });
  });

  it('replays a recording from the recordings directory, then returns to the scenario', async () => {
    const missing = await send({ kind: 'start_replay', recording: 'gone.ndjson.gz', speed: 1 });
    expect(missing.lastCommand).toMatchObject({ ok: false, code: 'no_such_recording' });
    const traversal = await send({ kind: 'start_replay', recording: '../registry.yaml', speed: 1 });
    expect(traversal.lastCommand).toMatchObject({ ok: false, code: 'invalid_command' });
    const started = await send({ kind: 'start_replay', recording: 'short.ndjson.gz', speed: 1 });
    expect(started).toMatchObject({ mode: 'replay', speed: 1, replay: { recording: 'short.ndjson.gz', messagesTotal: 5 } });
    await waitFor('the five recorded messages', () => Promise.resolve(count('recorded-meter') === 5), 20_000);
    expect(readings.filter((r) => r.meter === 'recorded-meter').map((r) => r.values.power_kw)).toEqual([0, 1, 2, 3, 4]);
    await waitFor('back to the scenario', () => Promise.resolve(status?.mode === 'run' && status.replay === null), 20_000);
    await moreReadings(M1, 3);
  });
});

describe('pnpm sim -- replay --control', () => {
  it('replays its recording under control: paused halfway, resumed, then done', async () => {
    const park = 'ctl-replay';
    const statuses: SimStatus[] = [];
    const watcher = await connectMqtt({ url: broker.url, clientId: 'simctl-replay-watcher' });
    watcher.on('message', (_t, p) => statuses.push(simStatusSchema.parse(JSON.parse(p.toString()))));
    await watcher.subscribeAsync(simStatusTopic(park), { qos: 1 });
    const before = count('recorded-meter');
    // Pause before the first message is due: the commands topic is subscribed before publishing starts.
    const replay = await startNodeService({
      name: 'sim replay --control',
      entry: 'simulator/src/cli.ts',
      args: ['replay', '--in', join(dir, 'recordings', 'short.ndjson.gz'), '--mqtt', broker.url, '--speed', '0.5', '--shift-to-now', '--control', '--park', park],
      env: {},
      readyText: 'sim: taking commands',
      timeoutMs: 60_000,
    });
    try {
      const commandId = randomUUID();
      await commander.publishAsync(simCommandsTopic(park), JSON.stringify({ v: 1, commandId, by: 'engineer', atMs: Date.now(), kind: 'pause' }), { qos: 1 });
      await waitFor('paused', () => Promise.resolve(statuses.at(-1)?.lastCommand?.commandId === commandId), 20_000);
      expect(statuses.at(-1)).toMatchObject({ park, mode: 'paused', replay: { recording: 'short.ndjson.gz', messagesTotal: 5 } });
      const held = count('recorded-meter') - before;
      expect(held).toBeLessThan(5);
      await commander.publishAsync(simCommandsTopic(park), JSON.stringify({ v: 1, commandId: randomUUID(), by: 'engineer', atMs: Date.now(), kind: 'resume' }), { qos: 1 });
      await replay.exit;
      expect(replay.log).toContain('replay: done, 5 messages');
      // Acknowledged by the broker before done; delivered to the observer a moment later.
      await waitFor('the five replayed messages', () => Promise.resolve(count('recorded-meter') - before === 5), 20_000);
      await waitFor('the final status', () => Promise.resolve(statuses.at(-1)?.replay?.messagesPublished === 5), 20_000);
      expect(statuses.at(-1)).toMatchObject({ mode: 'replay', replay: { messagesPublished: 5, messagesTotal: 5 } });
      // Stamped to now: the device clock is today's, not the recording's 1970.
      expect(Math.abs(Date.parse(statuses.at(-1)!.deviceTime) - Date.now())).toBeLessThan(60_000);
    } finally {
      await replay.stop();
      await watcher.endAsync();
    }
  });
});
