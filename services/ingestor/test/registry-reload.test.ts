// The ingestor as its own process (main.ts) against a real Mosquitto, following changes of
// its registry file without a restart: a meter added, an invalid file and a refused change
// kept out, a meter replacement registered while it runs.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { connectMqtt, writeRegistryFile } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { deadLetterSchema, normalizedBatchSchema, registrySchema, telemetryTopic } from '@lingtan/schema';
import type { DeadLetter, NormalizedReading, Registry } from '@lingtan/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const T0 = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
const base: Registry = registrySchema.parse({
  park: { id: 'rr-park', name: 'Registry reload park' },
  enterprises: [
    { id: 'ent-a', name: 'A' },
    { id: 'ent-b', name: 'B' },
  ],
  meters: [{ id: 'm-1', enterprise: 'ent-a', carrier: 'electricity', interval_s: 1 }],
});
const withNew: Registry = registrySchema.parse({ ...base, meters: [...base.meters, { id: 'm-new', enterprise: 'ent-a', carrier: 'electricity', interval_s: 1 }] });

let broker: RunningService;
let dir: string;
let registryPath: string;
let ingestor: LocalProcess;
let client: MqttClient;
let opsPort: number;
const deadLetters: DeadLetter[] = [];
const readings: NormalizedReading[] = [];

beforeAll(async () => {
  broker = await startMosquitto();
  dir = await mkdtemp(join(tmpdir(), 'lingtan-registry-reload-'));
  registryPath = join(dir, 'registry.yaml');
  await writeFile(registryPath, '# the test registry\n');
  await writeRegistryFile(registryPath, base);
  opsPort = await freePort();
  client = await connectMqtt({ url: broker.url, clientId: 'rr-observer' });
  await client.subscribeAsync(['ems-int/v1/+/dead-letter', 'ems-int/v1/+/+/readings'], { qos: 1 });
  client.on('message', (topic, payload) => {
    const json: unknown = JSON.parse(payload.toString());
    if (topic.endsWith('/dead-letter')) deadLetters.push(deadLetterSchema.parse(json));
    else readings.push(...normalizedBatchSchema.parse(json).readings);
  });
  ingestor = await startNodeService({
    name: 'ingestor',
    entry: 'services/ingestor/src/main.ts',
    readyText: 'ingestor running',
    env: {
      LINGTAN_MQTT_URL: broker.url,
      LINGTAN_STORE: 'embedded',
      LINGTAN_REGISTRY: registryPath,
      LINGTAN_REGISTRY_POLL_MS: '100',
      LINGTAN_DATA_DIR: join(dir, 'data'),
      LINGTAN_INGESTOR_CLIENT_ID: 'rr-ingestor',
      LINGTAN_INGESTOR_HTTP_PORT: String(opsPort),
      LINGTAN_LOG_LEVEL: 'info',
    },
  });
});

afterAll(async () => {
  await ingestor?.stop();
  await client?.endAsync();
  await broker?.stop();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const publish = (meter: string, i: number, values: Record<string, number>) =>
  client.publishAsync(telemetryTopic({ park: 'rr-park', enterprise: 'ent-a', meter }), JSON.stringify({ ts: T0 + i * 1000, values }), { qos: 1 });

async function metric(series: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${opsPort}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return Number(line?.split(' ')[1] ?? 0);
}

interface RegistryHealth {
  readonly revision: number;
  readonly meters: number;
  readonly lastRefusal?: { readonly outcome: string; readonly detail: string };
}
async function registryHealth(): Promise<RegistryHealth> {
  const body = (await (await fetch(`http://127.0.0.1:${opsPort}/healthz`)).json()) as { checks: { registry: { detail: RegistryHealth } } };
  return body.checks.registry.detail;
}

const readingsOf = (meter: string) => readings.filter((r) => r.m === meter);

describe('ingestor following its registry file (real Mosquitto, main.ts)', () => {
  it('dead-letters an unknown meter, then accepts it once the registry file gains it', async () => {
    expect(await registryHealth()).toMatchObject({ revision: 1, meters: 1 });
    await publish('m-new', 0, { power_kw: 1 });
    await waitFor('unknown_meter dead letter', () => Promise.resolve(deadLetters.some((d) => d.meter === 'm-new' && d.code === 'unknown_meter')), 10_000);

    await writeRegistryFile(registryPath, withNew);
    await waitFor('revision 2 applied', async () => (await registryHealth()).revision === 2, 10_000);
    expect(await metric('registry_reloads_total{outcome="applied"}')).toBe(1);
    expect(await metric('registry_revision')).toBe(2);

    await publish('m-new', 1, { power_kw: 2 });
    await waitFor('m-new on the normalized stream', () => Promise.resolve(readingsOf('m-new').length === 1), 10_000);
    expect(readingsOf('m-new')[0]).toMatchObject({ ts: T0 + 1000, v: { power_kw: 2 } });
    expect(deadLetters.filter((d) => d.meter === 'm-new')).toHaveLength(1);
  });

  it('refuses an invalid file and a change a running platform cannot take, and keeps the registry it has', async () => {
    // A meter of an enterprise that does not exist: the schema refuses the whole file.
    await writeFile(registryPath, `park: { id: rr-park, name: X }\nenterprises: []\nmeters:\n  - { id: m-1, enterprise: ghost, carrier: electricity }\n`);
    await waitFor('invalid file counted', async () => (await metric('registry_reloads_total{outcome="invalid"}')) === 1, 10_000);
    expect(await registryHealth()).toMatchObject({ revision: 2, meters: 2, lastRefusal: { outcome: 'invalid' } });
    expect(ingestor.log).toContain('registry change refused');

    // Valid on its own, but m-new would move to another enterprise (tenant isolation).
    await writeRegistryFile(registryPath, { ...withNew, meters: withNew.meters.map((m) => (m.id === 'm-new' ? { ...m, enterprise: 'ent-b' } : m)) });
    await waitFor('refused change counted', async () => (await metric('registry_reloads_total{outcome="refused"}')) === 1, 10_000);
    const health = await registryHealth();
    expect(health).toMatchObject({ revision: 2, lastRefusal: { outcome: 'refused' } });
    expect(health.lastRefusal?.detail).toContain('m-new: cannot move to another enterprise');

    // The old registry still works: m-new is still ent-a's.
    await publish('m-new', 2, { power_kw: 3 });
    await waitFor('m-new still accepted', () => Promise.resolve(readingsOf('m-new').length === 2), 10_000);
    expect(deadLetters.filter((d) => d.meter === 'm-new')).toHaveLength(1);
  });

  it('a meter replacement added to the registry makes the next counter reading a replacement', async () => {
    await writeRegistryFile(registryPath, withNew);
    await publish('m-1', 10, { energy_import_kwh: 5000 });
    await publish('m-1', 11, { energy_import_kwh: 5002 });
    await waitFor('two m-1 readings', () => Promise.resolve(readingsOf('m-1').length === 2), 10_000);
    // The old meter is read off at 5003 and a new one fitted at 100, at second 11.5.
    const replaced = {
      ...withNew,
      meters: withNew.meters.map((m) =>
        m.id === 'm-1' ? { ...m, replacements: [{ at: new Date(T0 + 11_500).toISOString(), final: { energy_import_kwh: 5003 }, initial: { energy_import_kwh: 100 } }] } : m,
      ),
    };
    await writeRegistryFile(registryPath, replaced);
    await waitFor('revision 3 applied', async () => (await registryHealth()).revision === 3, 10_000);
    expect(await registryHealth()).not.toHaveProperty('lastRefusal');

    await publish('m-1', 12, { energy_import_kwh: 104 });
    await waitFor('three m-1 readings', () => Promise.resolve(readingsOf('m-1').length === 3), 10_000);
    // delta = (5003 - 5002) from the old meter + (104 - 100) on the new one = 5 kWh; without
    // the registry event this drop would be a suspect negative step with no delta.
    expect(readingsOf('m-1').map((r) => [r.d?.energy_import_kwh, r.k?.energy_import_kwh])).toEqual([
      [undefined, 'first'],
      [2, undefined],
      [5, 'replaced'],
    ]);
  });
});
