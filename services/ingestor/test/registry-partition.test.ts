// A partitioned ingestor (one filter per enterprise of its partition) on a real Mosquitto,
// following a live registry: an enterprise added to its partition is subscribed, a removed
// one unsubscribed, without a restart and without losing the other enterprises' readings.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveRegistry, partitionOf } from '@lingtan/domain';
import { startMosquitto, waitFor } from '@lingtan/harness';
import type { RunningService } from '@lingtan/harness';
import { Metrics, connectMqtt, createMqttClient, openMqtt, silentLogger } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { registrySchema, telemetryTopic } from '@lingtan/schema';
import type { Registry } from '@lingtan/schema';
import { createMemoryStore } from '@lingtan/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIngestor } from '../src/app.js';
import type { Ingestor } from '../src/app.js';
import { Spool } from '../src/spool/spool.js';

const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
const COUNT = 2;
// An id of each partition, found by the stable hash, so the test does not depend on its value.
const idIn = (index: number, prefix: string) => Array.from({ length: 50 }, (_, i) => `${prefix}-${i}`).find((id) => partitionOf(id, COUNT) === index)!;
const mine = idIn(0, 'ent-mine');
const added = idIn(0, 'ent-added');
const base: Registry = registrySchema.parse({
  park: { id: 'rp-park', name: 'Partition park' },
  enterprises: [{ id: mine, name: 'Mine' }],
  meters: [{ id: 'm-mine', enterprise: mine, carrier: 'electricity', interval_s: 1 }],
});
const grown: Registry = registrySchema.parse({
  ...base,
  enterprises: [...base.enterprises, { id: added, name: 'Added' }],
  meters: [...base.meters, { id: 'm-added', enterprise: added, carrier: 'electricity', interval_s: 1 }],
});
const filterOf = (enterprise: string) => `ems/v1/rp-park/${enterprise}/+/telemetry`;

let broker: RunningService;
let publisher: MqttClient;
let ingestor: Ingestor;
const live = createLiveRegistry(base);
const metrics = new Metrics();
const store = createMemoryStore();

beforeAll(async () => {
  broker = await startMosquitto();
  const mqtt = createMqttClient({ url: broker.url, clientId: 'rp-ingestor', clean: false });
  const spool = await Spool.open({ dir: await mkdtemp(join(tmpdir(), 'lingtan-rp-spool-')), maxBytes: 1 << 30, segmentBytes: 1 << 20 });
  ingestor = buildIngestor({
    mqtt,
    store,
    spool,
    registry: live,
    config: { shareGroup: undefined, partition: { index: 0, count: COUNT }, batchSize: 200, flushIntervalMs: 20, retryMaxMs: 100, maxFutureMs: 300_000, maxPastMs: 86_400_000 },
    clock: { nowMs: () => Date.now() },
    logger: silentLogger,
    metrics,
  });
  await openMqtt(mqtt);
  await ingestor.start();
  publisher = await connectMqtt({ url: broker.url, clientId: 'rp-publisher' });
});

afterAll(async () => {
  await publisher?.endAsync();
  await ingestor?.stop(2000);
  await broker?.stop();
});

const publish = (enterprise: string, meter: string, i: number) =>
  publisher.publishAsync(telemetryTopic({ park: 'rp-park', enterprise, meter }), JSON.stringify({ ts: T0 + i * 1000, values: { power_kw: i } }), { qos: 1 });
const stored = async (meter: string) => (await store.query({ park: 'rp-park', meter, fromMs: T0 - 1, toMs: T0 + 3_600_000 })).map((p) => p.values.power_kw);

describe('partitioned ingestor following the registry (real Mosquitto)', () => {
  it('subscribes an enterprise added to its partition and unsubscribes it once removed', async () => {
    expect(ingestor.subscribed).toEqual([filterOf(mine)]);
    live.replace(grown);
    await waitFor('the added enterprise subscribed', () => Promise.resolve(ingestor.subscribed.includes(filterOf(added))), 10_000);
    expect(ingestor.subscribed).toEqual([filterOf(mine), filterOf(added)]);
    await publish(added, 'm-added', 1);
    await publish(mine, 'm-mine', 1);
    await waitFor('both stored', async () => (await stored('m-added')).length === 1 && (await stored('m-mine')).length === 1, 10_000);

    live.replace(base);
    await waitFor('the removed enterprise unsubscribed', () => Promise.resolve(!ingestor.subscribed.includes(filterOf(added))), 10_000);
    const before = metrics.count('ingestor_messages_total');
    await publish(added, 'm-added', 2);
    // Published after, on one connection: Mosquitto delivers in order, so once this one is in, the other would have been too.
    await publish(mine, 'm-mine', 2);
    await waitFor('m-mine stored', async () => (await stored('m-mine')).length === 2, 10_000);
    expect(metrics.count('ingestor_messages_total')).toBe(before + 1);
    expect(await stored('m-added')).toEqual([1]);
    expect(metrics.count('ingestor_resubscribe_failures_total')).toBe(0);
  });
});
