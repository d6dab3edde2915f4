// Engineers' workflows end to end: record a simulated hour and replay it into a fresh stack
// with the same stored totals; inject faults and find each one where the platform reports it.
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startInfluxdb, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import { deadLetterSchema, normalizedBatchSchema } from '@lingtan/schema';
import type { DeadLetter, NormalizedReading } from '@lingtan/schema';
import { syntheticRegistry } from '@lingtan/simulator';
import { createInfluxStore } from '@lingtan/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';

const registry = syntheticRegistry({ parkId: 'rr-park', enterprises: 3, metersPerEnterprise: 4, intervalS: 15 });
const START = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000).toISOString();
let influx: RunningService;
let dir: string;
const cleanup: (() => Promise<void>)[] = [];

beforeAll(async () => {
  influx = await startInfluxdb();
  dir = await mkdtemp(join(tmpdir(), 'lingtan-rr-'));
  await writeFile(join(dir, 'registry.yaml'), stringify(registry));
});

afterAll(async () => {
  for (const close of cleanup.reverse()) await close();
  await influx?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

/** A fresh stack: its own broker, ingestor and database (sharing one influxd process). */
async function stack(name: string): Promise<{ broker: RunningService; ingestor: LocalProcess; database: string }> {
  const broker = await startMosquitto();
  cleanup.push(() => broker.stop());
  const ingestor = await startNodeService({
    name: `ingestor-${name}`,
    entry: 'services/ingestor/src/main.ts',
    readyText: 'ingestor running',
    env: {
      LINGTAN_MQTT_URL: broker.url,
      LINGTAN_INFLUX_URL: influx.url,
      LINGTAN_INFLUX_DB: name,
      LINGTAN_REGISTRY: join(dir, 'registry.yaml'),
      LINGTAN_DATA_DIR: join(dir, name),
      LINGTAN_INGESTOR_HTTP_PORT: String(await freePort()),
    },
  });
  cleanup.push(() => ingestor.stop());
  return { broker, ingestor, database: name };
}

const sim = (args: string[], readyText: string) => startNodeService({ name: `sim ${args[0]}`, entry: 'simulator/src/cli.ts', args, env: {}, readyText, timeoutMs: 120_000 });

/** Per meter: readings stored, and the sum of each register's interval deltas. */
async function totals(database: string): Promise<Record<string, Record<string, number>>> {
  const store = createInfluxStore({ url: influx.url, database, timeoutMs: 10_000 });
  const points = await store.query({ park: 'rr-park', fromMs: 0, toMs: Date.now() + 86_400_000 });
  await store.close();
  const out: Record<string, Record<string, number>> = {};
  for (const p of points) {
    const t = (out[p.meter] ??= { readings: 0 });
    t.readings = (t.readings ?? 0) + 1;
    for (const [name, value] of Object.entries(p.values)) if (name.endsWith('_delta')) t[name] = Math.round(((t[name] ?? 0) + value) * 1e6) / 1e6;
  }
  return out;
}

const storedReadings = async (database: string) => Object.values(await totals(database)).reduce((n, t) => n + (t.readings ?? 0), 0);

describe('record, replay and faults (real Mosquitto, influxd, ingestor and simulator processes)', () => {
  it('replays a recorded simulated hour into a fresh stack with the same stored totals', async () => {
    const a = await stack('rr_a');
    const file = join(dir, 'hour.ndjson.gz');
    const recorder = await sim(['record', '--out', file, '--mqtt', a.broker.url, '--topic', 'ems/v1/#'], 'record: recording');
    await (await sim(['run', '--registry', join(dir, 'registry.yaml'), '--mqtt', a.broker.url, '--speed', '0', '--duration-s', '3600', '--start', START, '--seed', '5'], 'sim: done')).exit;
    const expectedMessages = registry.meters.length * 240;
    await waitFor('the hour in stack A', async () => (await storedReadings('rr_a')) === expectedMessages, 60_000);
    await recorder.stop();
    expect(recorder.log).toContain(`record: done, ${expectedMessages} messages`);

    const b = await stack('rr_b');
    await (await sim(['replay', '--in', file, '--mqtt', b.broker.url, '--speed', '0'], 'replay: done')).exit;
    await waitFor('the hour in stack B', async () => (await storedReadings('rr_b')) === expectedMessages, 60_000);
    const [totalsA, totalsB] = [await totals('rr_a'), await totals('rr_b')];
    expect(Object.keys(totalsA)).toHaveLength(registry.meters.length);
    expect(totalsB).toEqual(totalsA);
  });

  it('reports each injected fault: malformed and unknown-meter messages as dead letters, resets as counter marks', async () => {
    const c = await stack('rr_c');
    const observer = await connectMqtt({ url: c.broker.url, clientId: 'rr-observer' });
    cleanup.push(() => observer.endAsync());
    const deadLetters: DeadLetter[] = [];
    const readings: NormalizedReading[] = [];
    await observer.subscribeAsync(['ems-int/v1/+/dead-letter', 'ems-int/v1/+/+/readings'], { qos: 1 });
    observer.on('message', (topic, payload) => {
      const json: unknown = JSON.parse(payload.toString());
      if (topic.endsWith('/dead-letter')) deadLetters.push(deadLetterSchema.parse(json));
      else readings.push(...normalizedBatchSchema.parse(json).readings);
    });
    const log = join(dir, 'faults.ndjson');
    const args = ['run', '--registry', join(dir, 'registry.yaml'), '--mqtt', c.broker.url, '--speed', '0', '--ticks', '100', '--start', START, '--seed', '9'];
    const faults = ['--fault', 'malformed:0.02', '--fault', 'unknown_meter:0.02', '--fault', 'register_reset:0.01', '--fault-log', log];
    await (await sim([...args, ...faults], 'sim: done')).exit;
    const injected = (await readFile(log, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { kind: string; meter: string; rejectCode?: string });
    const count = (kind: string) => injected.filter((f) => f.kind === kind).length;
    expect(count('malformed')).toBeGreaterThan(0);
    expect(count('unknown_meter')).toBeGreaterThan(0);
    expect(count('register_reset')).toBeGreaterThan(0);

    const sent = registry.meters.length * 100;
    // Every message ends up either on the stream (its readings) or as a dead letter.
    await waitFor('every message handled', () => Promise.resolve(readings.length + deadLetters.length >= sent), 30_000);
    const byCode = (code: string) => deadLetters.filter((d) => d.code === code).length;
    expect(byCode('payload_not_json')).toBe(injected.filter((f) => f.rejectCode === 'payload_not_json').length);
    expect(byCode('unknown_meter')).toBe(injected.filter((f) => f.rejectCode === 'unknown_meter').length);
    const resets = readings.filter((r) => Object.values(r.k ?? {}).includes('reset')).length;
    expect(resets).toBeGreaterThanOrEqual(count('register_reset'));
  });
});
