import { mkdtemp } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerEngineAnswers } from './docker.js';
import { findBinary } from './local-process.js';
import { freePort } from './ports.js';
import type { RunningService } from './service.js';
import { containerService, externalService, localService, missingServiceMessage } from './service.js';

const ENV_VAR = 'LINGTAN_TEST_REDIS_URL';

/**
 * Arguments for a throwaway Redis: loopback only, no snapshots and no append-only file (a
 * test's pub/sub traffic needs no persistence), its working directory in `dir`.
 */
function redisArgs(port: number, dir: string): string[] {
  return ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'no', '--loglevel', 'warning'];
}

/** True once Redis answers PING with +PONG (an open port alone may still be loading). */
function pongs(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.once('error', () => done(false));
  });
}

/**
 * A real Redis for one test file: `LINGTAN_TEST_REDIS_URL` if set, else Debian's
 * `redis-server` on a free loopback port in a temporary directory, else a container when a
 * Docker engine answers; otherwise it fails saying how to install it. It never skips.
 */
export async function startRedis(): Promise<RunningService> {
  const fromEnv = process.env[ENV_VAR];
  if (fromEnv !== undefined && fromEnv !== '') return externalService(fromEnv, 'Redis');
  const binary = findBinary('redis-server');
  if (binary !== undefined) return startLocalRedis(binary);
  if (await dockerEngineAnswers()) return startRedisContainer();
  throw new Error(missingServiceMessage('Redis', ENV_VAR, 'redis-server', 'redis-server'));
}

async function startLocalRedis(binary: string): Promise<RunningService> {
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-redis-'));
  const port = await freePort();
  return localService({ name: 'redis-server', binary, args: redisArgs(port, dir), url: `redis://127.0.0.1:${port}`, dir, ready: () => pongs(port), timeoutMs: 10_000 });
}

async function startRedisContainer(): Promise<RunningService> {
  const { GenericContainer } = await import('testcontainers');
  const container = await new GenericContainer('redis:7').withCommand(['redis-server', '--save', '', '--appendonly', 'no']).withExposedPorts(6379).start();
  const url = `redis://${container.getHost()}:${container.getMappedPort(6379)}`;
  return containerService(url, async () => {
    await container.stop();
  });
}
