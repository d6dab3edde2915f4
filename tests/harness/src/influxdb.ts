import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerEngineAnswers } from './docker.js';
import { findBinary } from './local-process.js';
import { freePort } from './ports.js';
import type { RunningService } from './service.js';
import { containerService, externalService, localService, missingServiceMessage } from './service.js';

const ENV_VAR = 'LINGTAN_TEST_INFLUX_URL';

function influxConfig(dir: string, httpPort: number, rpcPort: number): string {
  return `reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"

[meta]
  dir = "${dir}/meta"

[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
  wal-fsync-delay = "0s"

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  log-enabled = false

[logging]
  level = "warn"

[continuous_queries]
  run-interval = "1s"

[subscriber]
  enabled = false
`;
}

async function pingAnswers(url: string): Promise<boolean> {
  const response = await fetch(`${url}/ping`);
  return response.status === 204;
}

/**
 * A real InfluxDB for one test file: `LINGTAN_TEST_INFLUX_URL` if set, else Debian's
 * `influxd` (1.x, serving the v1 HTTP API the store uses) on free loopback ports in a
 * temporary directory, else a container when a Docker engine answers; otherwise it fails
 * saying how to install one. It never skips.
 */
export async function startInfluxdb(): Promise<RunningService> {
  const fromEnv = process.env[ENV_VAR];
  if (fromEnv !== undefined && fromEnv !== '') return externalService(fromEnv, 'InfluxDB');
  const binary = findBinary('influxd');
  if (binary !== undefined) return startLocalInfluxdb(binary);
  if (await dockerEngineAnswers()) return startInfluxContainer();
  throw new Error(missingServiceMessage('InfluxDB', ENV_VAR, 'influxdb', 'influxd'));
}

async function startLocalInfluxdb(binary: string): Promise<RunningService> {
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-influxdb-'));
  const [httpPort, rpcPort] = [await freePort(), await freePort()];
  const configPath = join(dir, 'influxdb.conf');
  await writeFile(configPath, influxConfig(dir, httpPort, rpcPort));
  const url = `http://127.0.0.1:${httpPort}`;
  return localService({ name: 'influxd', binary, args: ['-config', configPath], url, dir, ready: () => pingAnswers(url), timeoutMs: 30_000 });
}

async function startInfluxContainer(): Promise<RunningService> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('influxdb:1.8')
    .withEnvironment({ INFLUXDB_REPORTING_DISABLED: 'true', INFLUXDB_MONITOR_STORE_ENABLED: 'false' })
    .withExposedPorts(8086)
    .withWaitStrategy(Wait.forHttp('/ping', 8086).forStatusCode(204))
    .start();
  return containerService(`http://${container.getHost()}:${container.getMappedPort(8086)}`, async () => {
    await container.stop();
  });
}
