// Record a simulated hour from a real Mosquitto, replay it, and get the same messages back.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { fleetMessages, payloadOf, publishStream, readRecording, replayMessages, startRecorder, syntheticRegistry } from '@lingtan/simulator';
import type { OutgoingMessage, RecordedMessage } from '@lingtan/simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSim } from './cli-run.js';

const registry = syntheticRegistry({ parkId: 'rec-park', enterprises: 2, metersPerEnterprise: 6, intervalS: 60 });
const START_MS = Date.UTC(2026, 10, 22, 1, 0, 0);
const TICKS = 60; // a simulated hour of one-minute readings

let broker: RunningService;
let dir: string;
let publisher: MqttClient;
let observer: MqttClient;
let received: { topic: string; payload: Buffer }[] = [];

/** The simulated hour, plus what a broken device sends: bytes that are not UTF-8, and not JSON. */
function hour(): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [...fleetMessages({ registry, startMs: START_MS, ticks: TICKS, seed: 5 })].map((m) => ({ topic: m.topic, payload: payloadOf(m), atMs: m.tsMs }));
  const topic = messages[0]!.topic;
  messages.splice(100, 0, { topic, payload: Buffer.from([0xc3, 0x28, 0xff, 0x00]), atMs: START_MS }, { topic, payload: 'power_kw=12', atMs: START_MS });
  return messages;
}
const asText = (m: { topic: string; payload: string | Buffer }) => `${m.topic} ${Buffer.from(m.payload).toString('base64')}`;

beforeAll(async () => {
  broker = await startMosquitto();
  dir = await mkdtemp(join(tmpdir(), 'lingtan-rec-'));
  publisher = await connectMqtt({ url: broker.url, clientId: 'rec-publisher' });
  observer = await connectMqtt({ url: broker.url, clientId: 'rec-observer' });
  await observer.subscribeAsync('ems/v1/#', { qos: 1 });
  observer.on('message', (topic, payload) => received.push({ topic, payload }));
});

afterAll(async () => {
  await publisher?.endAsync();
  await observer?.endAsync();
  await broker?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  received = [];
});

async function recordHour(path: string): Promise<RecordedMessage[]> {
  const recorderClient = await connectMqtt({ url: broker.url, clientId: 'rec-recorder' });
  const recorder = await startRecorder(recorderClient, { topics: ['ems/v1/#'], path });
  const sent = hour();
  await publishStream(publisher, sent);
  await waitFor(`${sent.length} recorded`, () => Promise.resolve(recorder.count >= sent.length), 20_000);
  expect(await recorder.stop()).toBe(sent.length);
  await recorderClient.endAsync();
  const recorded: RecordedMessage[] = [];
  for await (const message of readRecording(path)) recorded.push(message);
  expect(recorded.map(asText)).toEqual(sent.map(asText));
  return recorded;
}

describe('record and replay against a real Mosquitto', () => {
  it('replays a recorded hour in order, byte for byte, including payloads that are not UTF-8', async () => {
    const path = join(dir, 'hour.ndjson.gz');
    const recorded = await recordHour(path);
    for (let i = 1; i < recorded.length; i++) expect(recorded[i]!.receivedMs).toBeGreaterThanOrEqual(recorded[i - 1]!.receivedMs);
    received = [];
    const summary = await publishStream(publisher, replayMessages(readRecording(path)));
    expect(summary).toMatchObject({ messages: recorded.length, errors: 0 });
    await waitFor(`${recorded.length} replayed`, () => Promise.resolve(received.length >= recorded.length), 20_000);
    expect(received.map(asText)).toEqual(recorded.map(asText));
  });

  it('shifts device timestamps to now and leaves the rest of each payload alone', async () => {
    const path = join(dir, 'shifted.ndjson.gz');
    const recorded = await recordHour(path);
    received = [];
    const replayStartMs = START_MS + 86_400_000;
    await publishStream(publisher, replayMessages(readRecording(path), { shiftToNow: true, nowMs: () => replayStartMs }));
    await waitFor(`${recorded.length} replayed`, () => Promise.resolve(received.length >= recorded.length), 20_000);
    const offsetMs = replayStartMs - recorded[0]!.receivedMs;
    received.forEach((message, i) => {
      const before = recorded[i]!.payload.toString();
      if (!before.startsWith('{')) return expect(message.payload.equals(recorded[i]!.payload)).toBe(true);
      const [was, now] = [JSON.parse(before) as { ts: number; values: unknown }, JSON.parse(message.payload.toString()) as { ts: number; values: unknown }];
      expect(now.ts - was.ts).toBe(offsetMs);
      expect(now.values).toEqual(was.values);
    });
  });

  it('does the same through the command line: record, then replay at full speed', async () => {
    const path = join(dir, 'cli.ndjson.gz');
    const sent = hour().slice(0, 300);
    const recorder = await startNodeService({ name: 'record', entry: 'simulator/src/cli.ts', args: ['record', '--out', path, '--topic', 'ems/v1/#', '--count', String(sent.length)], env: { LINGTAN_MQTT_URL: broker.url }, readyText: 'record: recording' });
    await publishStream(publisher, sent);
    await recorder.exit;
    expect(recorder.log).toContain(`record: done, ${sent.length} messages`);
    received = [];
    const replay = await runSim(['replay', '--in', path, '--mqtt', broker.url, '--speed', '0']);
    expect(replay.output).toContain(`replay: done, ${sent.length} messages`);
    await waitFor(`${sent.length} replayed`, () => Promise.resolve(received.length >= sent.length), 20_000);
    expect(received.map(asText)).toEqual(sent.map(asText));
  });

  it('fails with a clear message for a missing recording and for an unreachable broker', async () => {
    const missing = await runSim(['replay', '--in', join(dir, 'nope.ndjson.gz'), '--mqtt', broker.url]);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.output).toMatch(/cannot read .*nope\.ndjson\.gz: no such file/);
    const unreachable = await runSim(['record', '--out', join(dir, 'x.gz'), '--mqtt', 'mqtt://127.0.0.1:1', '--connect-timeout-ms', '500']);
    expect(unreachable).toMatchObject({ code: 1 });
    expect(unreachable.output).toMatch(/cannot connect to the MQTT broker at mqtt:\/\/127\.0\.0\.1:1: no connection within 500 ms \(connect ECONNREFUSED/);
  });
});
