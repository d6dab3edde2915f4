// The compose stack's broker security, run for real: docker/mosquitto/mosquitto.conf, its
// ACL and init-passwords.sh against Debian's Mosquitto (no Docker engine is needed for
// this part of the stack). A meter may publish only its own telemetry topic; services
// read and write only what their role needs; nobody gets in without a password.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { LocalProcess, REPO_ROOT, findBinary, freePort } from '@lingtan/harness';
import mqtt from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const PASSWORDS = { ingestor: 'pw-ingestor', rules: 'pw-rules', gateway: 'pw-gateway', simulator: 'pw-sim' };
const METERS = 'm-a:pw-a\n# a comment line\nm-b:pw-b\n';
const TOPIC_A = 'ems/v1/park-1/ent-a/m-a/telemetry';
const TOPIC_B = 'ems/v1/park-1/ent-b/m-b/telemetry';

let broker: LocalProcess;
let url: string;
const clients: MqttClient[] = [];

/** The shipped config with this machine's paths and a loopback port swapped in. */
async function testConfig(dir: string, port: number): Promise<string> {
  const shipped = await readFile(join(REPO_ROOT, 'docker/mosquitto/mosquitto.conf'), 'utf8');
  expect(shipped).toMatch(/^allow_anonymous false$/m);
  return (
    shipped
      .replace(/^listener 1883 0\.0\.0\.0$/m, `listener ${port} 127.0.0.1`)
      .replace('/mosquitto/data/passwd', join(dir, 'passwd'))
      .replace('/mosquitto/config/acl', join(REPO_ROOT, 'docker/mosquitto/acl'))
      .replace('persistence_location /mosquitto/data/', `persistence_location ${dir}/`)
      .replace(/^log_dest stdout$/m, 'log_dest stderr') + (process.getuid?.() === 0 ? '\nuser root\n' : '\n')
  );
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

beforeAll(async () => {
  const binary = findBinary('mosquitto');
  if (binary === undefined) throw new Error('mosquitto is missing: apt-get install -y mosquitto mosquitto-clients');
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-acl-'));
  await writeFile(join(dir, 'meters.passwd'), METERS);
  await run('sh', [join(REPO_ROOT, 'docker/mosquitto/init-passwords.sh')], {
    env: {
      ...process.env,
      PASSWD_FILE: join(dir, 'passwd'),
      METERS_FILE: join(dir, 'meters.passwd'),
      LINGTAN_MQTT_INGESTOR_PASSWORD: PASSWORDS.ingestor,
      LINGTAN_MQTT_RULES_PASSWORD: PASSWORDS.rules,
      LINGTAN_MQTT_GATEWAY_PASSWORD: PASSWORDS.gateway,
      LINGTAN_MQTT_SIMULATOR_PASSWORD: PASSWORDS.simulator,
    },
  });
  const port = await freePort();
  await writeFile(join(dir, 'mosquitto.conf'), await testConfig(dir, port));
  broker = new LocalProcess('mosquitto', binary, ['-c', join(dir, 'mosquitto.conf')]);
  await broker.start(() => portAnswers(port), 10_000);
  url = `mqtt://127.0.0.1:${port}`;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  await broker.stop();
});

async function login(username: string | undefined, password: string | undefined): Promise<MqttClient> {
  // MQTT 5, so that a refused publish comes back as a PUBACK reason code (0x87) instead of
  // the silent success a 3.1.1 client sees.
  const client = await mqtt.connectAsync(url, { ...(username === undefined ? {} : { username }), ...(password === undefined ? {} : { password }), protocolVersion: 5, reconnectPeriod: 0, connectTimeout: 5000 });
  clients.push(client);
  return client;
}

/**
 * One publish on a connection of its own: 'accepted', or 'refused' when the broker answers
 * 0x87 Not authorized (mqtt.js then also drops that connection, so it gets no second try).
 */
async function attempt(username: string, password: string, topic: string, body: string): Promise<'accepted' | 'refused'> {
  const client = await login(username, password);
  try {
    await client.publishAsync(topic, body, { qos: 1 });
    return 'accepted';
  } catch (error) {
    expect(String(error)).toMatch(/Not authorized/);
    return 'refused';
  }
}

/** Messages a client receives, in order. */
function inbox(client: MqttClient): { topic: string; body: string }[] {
  const got: { topic: string; body: string }[] = [];
  client.on('message', (topic, payload) => got.push({ topic, body: payload.toString('utf8') }));
  return got;
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
}

describe('the compose broker', () => {
  it('refuses anonymous clients and wrong passwords', async () => {
    await expect(login(undefined, undefined)).rejects.toThrow(/Not authorized|Bad User Name or Password/i);
    await expect(login('m-a', 'wrong')).rejects.toThrow(/Not authorized|Bad User Name or Password/i);
  });

  it('lets a meter publish its own telemetry and drops what it publishes for another meter', async () => {
    const ingestor = await login('lingtan-ingestor', PASSWORDS.ingestor);
    const got = inbox(ingestor);
    await ingestor.subscribeAsync('ems/v1/+/+/+/telemetry', { qos: 1 });
    expect(await attempt('m-a', 'pw-a', TOPIC_B, 'forged')).toBe('refused');
    expect(await attempt('m-a', 'pw-a', 'ems-int/v1/park-1/alerts', 'forged alert')).toBe('refused');
    // Published after the refused ones: had either reached the broker's subscribers, it
    // would have arrived first.
    expect(await attempt('m-a', 'pw-a', TOPIC_A, 'own')).toBe('accepted');
    await until(() => got.length > 0);
    expect(got).toEqual([{ topic: TOPIC_A, body: 'own' }]);
  });

  it('gives a meter nothing to read', async () => {
    // Mosquitto 2.0 grants the subscription and checks the read ACL per message instead.
    const meterB = await login('m-b', 'pw-b');
    const stolen = inbox(meterB);
    await meterB.subscribeAsync(['ems/v1/+/+/+/telemetry', 'ems-int/v1/+/+/readings'], { qos: 1 });
    const ingestor = await login('lingtan-ingestor', PASSWORDS.ingestor);
    const got = inbox(ingestor);
    await ingestor.subscribeAsync('ems/v1/+/+/+/telemetry', { qos: 1 });
    expect(await attempt('m-a', 'pw-a', TOPIC_A, 'private')).toBe('accepted');
    await until(() => got.length > 0);
    // The broker hands one message to all its subscribers in one pass; give it a moment more.
    await new Promise((r) => setTimeout(r, 300));
    expect(got.map((m) => m.body)).toEqual(['private']);
    expect(stolen).toEqual([]);
  });

  it('carries alert commands from the gateway to the rules service, and no further', async () => {
    const rules = await login('lingtan-rules', PASSWORDS.rules);
    const got = inbox(rules);
    await rules.subscribeAsync('ems-int/v1/+/alert-commands', { qos: 1 });
    expect(await attempt('lingtan-gateway', PASSWORDS.gateway, TOPIC_A, 'gateway posing as a meter')).toBe('refused');
    expect(await attempt('lingtan-gateway', PASSWORDS.gateway, 'ems-int/v1/park-1/alerts', 'gateway posing as rules')).toBe('refused');
    expect(await attempt('lingtan-gateway', PASSWORDS.gateway, 'ems-int/v1/park-1/alert-commands', 'ack')).toBe('accepted');
    await until(() => got.length > 0);
    expect(got).toEqual([{ topic: 'ems-int/v1/park-1/alert-commands', body: 'ack' }]);
  });

  it('lets the simulator publish for every meter of the park', async () => {
    const ingestor = await login('lingtan-ingestor', PASSWORDS.ingestor);
    const got = inbox(ingestor);
    await ingestor.subscribeAsync('ems/v1/+/+/+/telemetry', { qos: 1 });
    expect(await attempt('lingtan-simulator', PASSWORDS.simulator, TOPIC_B, 'b')).toBe('accepted');
    expect(await attempt('lingtan-simulator', PASSWORDS.simulator, TOPIC_A, 'a')).toBe('accepted');
    await until(() => got.length > 1);
    expect(got.map((m) => m.body)).toEqual(['b', 'a']);
  });

  it("carries the engineers' simulator commands to the simulator and its status back, to no one else", async () => {
    const simulator = await login('lingtan-simulator', PASSWORDS.simulator);
    const commands = inbox(simulator);
    await simulator.subscribeAsync('ems-int/v1/+/sim/commands', { qos: 1 });
    const gateway = await login('lingtan-gateway', PASSWORDS.gateway);
    const status = inbox(gateway);
    await gateway.subscribeAsync('ems-int/v1/+/sim/status', { qos: 1 });
    // A meter cannot drive the simulator, nor forge its status; the rules service neither.
    expect(await attempt('m-a', 'pw-a', 'ems-int/v1/park-1/sim/commands', 'meter command')).toBe('refused');
    expect(await attempt('lingtan-rules', PASSWORDS.rules, 'ems-int/v1/park-1/sim/status', 'forged status')).toBe('refused');
    expect(await attempt('lingtan-gateway', PASSWORDS.gateway, 'ems-int/v1/park-1/sim/commands', 'pause')).toBe('accepted');
    expect(await attempt('lingtan-simulator', PASSWORDS.simulator, 'ems-int/v1/park-1/sim/status', 'paused')).toBe('accepted');
    await until(() => commands.length > 0 && status.length > 0);
    expect(commands).toEqual([{ topic: 'ems-int/v1/park-1/sim/commands', body: 'pause' }]);
    expect(status).toEqual([{ topic: 'ems-int/v1/park-1/sim/status', body: 'paused' }]);
  });
});
