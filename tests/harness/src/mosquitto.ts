import { mkdtemp, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerEngineAnswers } from './docker.js';
import { findBinary } from './local-process.js';
import { freePort } from './ports.js';
import type { RunningService } from './service.js';
import { containerService, externalService, localService, missingServiceMessage } from './service.js';

const ENV_VAR = 'LINGTAN_TEST_MQTT_URL';

/**
 * Settings for a broker that must not lose QoS 1 messages: Debian's default
 * `max_queued_messages 1000` silently drops messages for a subscriber that falls behind.
 */
function mosquittoConfig(port: number, dir: string, runAsRoot: boolean): string {
  return [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous true',
    'persistence true',
    `persistence_location ${dir}/`,
    'autosave_interval 1',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'max_queued_messages 0',
    'max_queued_bytes 0',
    'max_inflight_messages 0',
    'set_tcp_nodelay true',
    ...(runAsRoot ? ['user root'] : []),
    '',
  ].join('\n');
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A real MQTT broker for one test file: `LINGTAN_TEST_MQTT_URL` if set, else Debian's
 * `mosquitto` on a free loopback port in a temporary directory, else a container when a
 * Docker engine answers; otherwise it fails saying how to install one. It never skips.
 */
export async function startMosquitto(): Promise<RunningService> {
  const fromEnv = process.env[ENV_VAR];
  if (fromEnv !== undefined && fromEnv !== '') return externalService(fromEnv, 'the MQTT broker');
  const binary = findBinary('mosquitto');
  if (binary !== undefined) return startLocalMosquitto(binary);
  if (await dockerEngineAnswers()) return startMosquittoContainer();
  throw new Error(missingServiceMessage('an MQTT broker (Mosquitto)', ENV_VAR, 'mosquitto', 'mosquitto'));
}

async function startLocalMosquitto(binary: string): Promise<RunningService> {
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-mosquitto-'));
  const port = await freePort();
  const configPath = join(dir, 'mosquitto.conf');
  await writeFile(configPath, mosquittoConfig(port, dir, process.getuid?.() === 0));
  return localService({ name: 'mosquitto', binary, args: ['-c', configPath], url: `mqtt://127.0.0.1:${port}`, dir, ready: () => portAnswers(port), timeoutMs: 10_000 });
}

async function startMosquittoContainer(): Promise<RunningService> {
  const { GenericContainer } = await import('testcontainers');
  const container = await new GenericContainer('eclipse-mosquitto:2')
    .withCopyContentToContainer([{ content: mosquittoConfig(1883, '/mosquitto/data', false).replace('listener 1883 127.0.0.1', 'listener 1883 0.0.0.0'), target: '/mosquitto/config/mosquitto.conf' }])
    .withExposedPorts(1883)
    .start();
  const url = `mqtt://${container.getHost()}:${container.getMappedPort(1883)}`;
  return containerService(url, async () => {
    await container.stop();
  });
}
