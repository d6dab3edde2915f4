// The real platform for the browser tests, on loopback ports in a temp dir: Mosquitto and
// InfluxDB (tests/harness), the ingestor, the rules service and the gateway as their own
// processes (main.ts, as `pnpm x` runs them), and the simulator playing the demo scenario in
// real time. The gateway serves the built control view.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, freePort, startInfluxdb, startMosquitto, startNodeService } from '@lingtan/harness';
import type { LocalProcess, RunningService } from '@lingtan/harness';
import { parse } from 'yaml';

/** The meter the alert test drives by hand (the simulator leaves it out, so only the test's reading counts). */
export const SCRIPTED_METER = 'm-steel-eaf';
/** The threshold rule the scripted reading trips: power above this, in kW. */
export const SCRIPTED_LIMIT_KW = 50_000;

const RULES = `version: 1
rules:
  - id: steel-eaf-overload
    name: 电弧炉超负荷
    kind: threshold
    severity: critical
    owner: enterprise
    subject: { meters: [${SCRIPTED_METER}] }
    quantity: power_kw
    op: above
    value: ${SCRIPTED_LIMIT_KW}
    min_duration_ms: 0
    hysteresis: 1000
`;

/** A running stack and how to stop it. */
export interface Stack {
  readonly gatewayUrl: string;
  readonly mqttUrl: string;
  readonly processes: readonly LocalProcess[];
  stop(): Promise<void>;
}

/** Starts everything; throws (loudly) if a service is missing or does not come up. */
export async function startStack(): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-browser-'));
  const [broker, influx] = await Promise.all([startMosquitto(), startInfluxdb()]);
  const services: RunningService[] = [broker, influx];
  const processes: LocalProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const p of [...processes].reverse()) await p.stop().catch(() => p.kill());
    await Promise.all(services.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const registry = join(REPO_ROOT, 'config/registry.demo.yaml');
    await writeFile(join(dir, 'rules.yaml'), RULES);
    const storeEnv = { LINGTAN_MQTT_URL: broker.url, LINGTAN_STORE: 'influx', LINGTAN_INFLUX_URL: influx.url, LINGTAN_INFLUX_DB: 'lingtan_browser', LINGTAN_REGISTRY: registry };
    processes.push(
      await startNodeService({
        name: 'ingestor',
        entry: 'services/ingestor/src/main.ts',
        readyText: 'ingestor running',
        env: { ...storeEnv, LINGTAN_INGESTOR_HTTP_PORT: '0', LINGTAN_DATA_DIR: join(dir, 'ingestor') },
        timeoutMs: 60_000,
      }),
    );
    const gatewayPort = await freePort();
    const [rules, gateway] = await Promise.all([
      startNodeService({
        name: 'rules',
        entry: 'services/rules/src/main.ts',
        readyText: 'rules running',
        env: { ...storeEnv, LINGTAN_RULES_FILE: join(dir, 'rules.yaml'), LINGTAN_RULES_HTTP_PORT: '0', LINGTAN_RULES_EVALUATE_INTERVAL_MS: '1000', LINGTAN_DATA_DIR: join(dir, 'rules') },
        timeoutMs: 60_000,
      }),
      startNodeService({
        name: 'gateway',
        entry: 'services/gateway/src/main.ts',
        readyText: 'gateway running',
        env: {
          ...storeEnv,
          LINGTAN_GATEWAY_USERS: join(REPO_ROOT, 'config/users.demo.yaml'),
          // A port of our choosing, not 0: the ready line is then only a readiness signal.
          LINGTAN_GATEWAY_PORT: String(gatewayPort),
          LINGTAN_GATEWAY_OPS_PORT: '0',
          LINGTAN_GATEWAY_STATIC_DIR: join(REPO_ROOT, 'packages/control-view/dist'),
          LINGTAN_DATA_DIR: join(dir, 'gateway'),
        },
        timeoutMs: 60_000,
      }),
    ]);
    processes.push(rules, gateway);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    const meters = (parse(await readFile(registry, 'utf8')) as { meters: { id: string }[] }).meters.map((m) => m.id).filter((id) => id !== SCRIPTED_METER);
    processes.push(
      await startNodeService({
        name: 'sim',
        entry: 'simulator/src/cli.ts',
        args: ['run', '--scenario', 'config/scenario.demo.yaml', '--mqtt', broker.url, '--speed', '1', '--meters', meters.join(',')],
        env: {},
        readyText: '',
        timeoutMs: 30_000,
      }),
    );
    return { gatewayUrl, mqttUrl: broker.url, processes, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
