import { z } from 'zod';
import { idSchema } from './ids.js';

export const urlWithProtocols = (protocols: readonly string[], example: string) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `expected a ${protocols.map((p) => `${p}//`).join(' or ')} URL, e.g. ${example}`);

export const positiveInt = (example: number) =>
  z.coerce.number({ error: `expected a whole number, e.g. ${example}` }).int(`expected a whole number, e.g. ${example}`).positive('expected a number above 0');

export const partitionSpec = z
  .string()
  .regex(/^\d+\/\d+$/, 'expected "k/n", e.g. 0/2')
  .refine((v) => {
    const [k, n] = v.split('/').map(Number) as [number, number];
    return n >= 1 && k < n;
  }, 'expected k below n, e.g. 1/2')
  .default('0/1');

export const partitionOfSpec = (spec: string) => ({ index: Number(spec.split('/')[0]), count: Number(spec.split('/')[1]) });

export const tcpPort = (fallback: number) => z.coerce.number({ error: `expected a TCP port, e.g. ${fallback}` }).int().min(0).max(65_535).default(fallback);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Keys every service reads. Names are the environment variables; the optional config file
 * (`LINGTAN_CONFIG`, JSON or YAML) uses the same names, and the environment wins.
 */
export const commonEnvShape = {
  LINGTAN_MQTT_URL: urlWithProtocols(['mqtt:', 'mqtts:', 'ws:', 'wss:', 'tcp:'], 'mqtt://127.0.0.1:1883').default('mqtt://127.0.0.1:1883'),
  LINGTAN_MQTT_USERNAME: z.string().min(1).optional(),
  LINGTAN_MQTT_PASSWORD: z.string().min(1).optional(),
  LINGTAN_REGISTRY: z.string().min(1, 'expected the path of the park registry file').default('config/registry.demo.yaml'),
  /** How often a service reads the registry file for changes (an admin's edit, a replaced file), in ms. */
  LINGTAN_REGISTRY_POLL_MS: positiveInt(2000).default(2000),
  LINGTAN_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
};

/** Keys of the InfluxDB time-series store. */
export const influxEnvShape = {
  LINGTAN_INFLUX_URL: urlWithProtocols(['http:', 'https:'], 'http://127.0.0.1:8086').default('http://127.0.0.1:8086'),
  LINGTAN_INFLUX_DB: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'expected a database name of letters, digits, "_" or "-"').default('lingtan'),
  /** InfluxDB 2.x/3.x token, sent as `Authorization: Token ...`. */
  LINGTAN_INFLUX_TOKEN: z.string().min(1).optional(),
  /** InfluxDB 1.x user (with auth enabled), sent as HTTP Basic. */
  LINGTAN_INFLUX_USERNAME: z.string().min(1).optional(),
  LINGTAN_INFLUX_PASSWORD: z.string().min(1).optional(),
  LINGTAN_INFLUX_TIMEOUT_MS: positiveInt(10_000).default(10_000),
  /** InfluxDB 1.x: raw readings are kept this many days; 15-minute, hourly and daily rollups forever. */
  LINGTAN_INFLUX_RAW_RETENTION_DAYS: positiveInt(90).default(90),
};

/**
 * Which time-series store: InfluxDB (production), the embedded DuckDB file (no server
 * needed), or `remote`: a store another process owns and serves over HTTP (`pnpm start`'s
 * platform process hosts the DuckDB file, which only one process may open).
 */
export const STORE_KINDS = ['influx', 'embedded', 'remote'] as const;

/** Store keys, shared by every service that opens the time-series store. */
export const storeEnvShape = {
  ...influxEnvShape,
  LINGTAN_STORE: z.enum(STORE_KINDS, { error: `expected one of ${STORE_KINDS.join(', ')}` }).default('influx'),
  /** The store host's URL when LINGTAN_STORE=remote. */
  LINGTAN_STORE_URL: urlWithProtocols(['http:'], 'http://127.0.0.1:9100').default('http://127.0.0.1:9100'),
  /** Where the embedded store and other local state live. */
  LINGTAN_DATA_DIR: z.string().min(1).default('data'),
};

/** Keys of the ingestor. */
export const ingestorEnvShape = {
  ...commonEnvShape,
  ...influxEnvShape,
  ...storeEnvShape,
  LINGTAN_INGESTOR_CLIENT_ID: idSchema.default('lingtan-ingestor'),
  /** Set to subscribe as `$share/{group}/...` so several ingestors split the load (external brokers only). */
  LINGTAN_INGESTOR_SHARE_GROUP: idSchema.optional(),
  /**
   * "k/n": this ingestor takes the enterprises whose id hashes to k of n. Every meter is then
   * handled by one ingestor, so its counter state sees all its readings (a shared group
   * spreads one meter's readings over replicas). Default 0/1: everything.
   */
  LINGTAN_INGESTOR_PARTITION: partitionSpec,
  LINGTAN_INGESTOR_BATCH_SIZE: positiveInt(5000).default(5000),
  LINGTAN_INGESTOR_FLUSH_INTERVAL_MS: positiveInt(200).default(200),
  /** Undrained spool on disk, in MiB, at which the ingestor stops acknowledging (backpressure). */
  LINGTAN_INGESTOR_SPOOL_MAX_MB: positiveInt(1024).default(1024),
  LINGTAN_INGESTOR_SPOOL_SEGMENT_MB: positiveInt(64).default(64),
  /** Port of GET /healthz and GET /metrics (0 picks a free one). */
  LINGTAN_INGESTOR_HTTP_PORT: tcpPort(9101),
  LINGTAN_INGESTOR_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  LINGTAN_INGESTOR_RETRY_MAX_MS: positiveInt(30_000).default(30_000),
  /** Device timestamps further ahead of the receive time than this are rejected. */
  LINGTAN_INGESTOR_MAX_FUTURE_MS: positiveInt(300_000).default(300_000),
  /** Device timestamps further behind the receive time than this are rejected. */
  LINGTAN_INGESTOR_MAX_PAST_MS: positiveInt(31 * 86_400_000).default(31 * 86_400_000),
};

type CommonEnv = z.infer<z.ZodObject<typeof commonEnvShape>>;
type InfluxEnv = z.infer<z.ZodObject<typeof influxEnvShape>>;
type StoreEnv = z.infer<z.ZodObject<typeof storeEnvShape>>;

export const commonFromEnv = (e: CommonEnv) => ({
  mqtt: { url: e.LINGTAN_MQTT_URL, username: e.LINGTAN_MQTT_USERNAME, password: e.LINGTAN_MQTT_PASSWORD },
  registryPath: e.LINGTAN_REGISTRY,
  registryPollMs: e.LINGTAN_REGISTRY_POLL_MS,
  logLevel: e.LINGTAN_LOG_LEVEL,
});

const influxFromEnv = (e: InfluxEnv) => ({
  url: e.LINGTAN_INFLUX_URL,
  database: e.LINGTAN_INFLUX_DB,
  token: e.LINGTAN_INFLUX_TOKEN,
  username: e.LINGTAN_INFLUX_USERNAME,
  password: e.LINGTAN_INFLUX_PASSWORD,
  timeoutMs: e.LINGTAN_INFLUX_TIMEOUT_MS,
  rawRetentionDays: e.LINGTAN_INFLUX_RAW_RETENTION_DAYS,
});

/** The store settings from the store keys. */
export const storeFromEnv = (e: StoreEnv): StoreConfig => {
  switch (e.LINGTAN_STORE) {
    case 'influx':
      return { kind: 'influx', ...influxFromEnv(e) };
    case 'embedded':
      return { kind: 'embedded', path: `${e.LINGTAN_DATA_DIR.replace(/\/+$/, '')}/lingtan.duckdb` };
    case 'remote':
      return { kind: 'remote', url: e.LINGTAN_STORE_URL };
  }
};

export const ingestorConfigSchema = z.object(ingestorEnvShape).transform((e) => ({
  ...commonFromEnv(e),
  store: storeFromEnv(e),
  dataDir: e.LINGTAN_DATA_DIR,
  clientId: e.LINGTAN_INGESTOR_CLIENT_ID,
  shareGroup: e.LINGTAN_INGESTOR_SHARE_GROUP,
  partition: partitionOfSpec(e.LINGTAN_INGESTOR_PARTITION),
  batchSize: e.LINGTAN_INGESTOR_BATCH_SIZE,
  flushIntervalMs: e.LINGTAN_INGESTOR_FLUSH_INTERVAL_MS,
  spool: {
    dir: `${e.LINGTAN_DATA_DIR.replace(/\/+$/, '')}/spool-${e.LINGTAN_INGESTOR_CLIENT_ID}`,
    maxBytes: e.LINGTAN_INGESTOR_SPOOL_MAX_MB * 1024 * 1024,
    segmentBytes: e.LINGTAN_INGESTOR_SPOOL_SEGMENT_MB * 1024 * 1024,
  },
  http: { host: e.LINGTAN_INGESTOR_HTTP_HOST, port: e.LINGTAN_INGESTOR_HTTP_PORT },
  retryMaxMs: e.LINGTAN_INGESTOR_RETRY_MAX_MS,
  maxFutureMs: e.LINGTAN_INGESTOR_MAX_FUTURE_MS,
  maxPastMs: e.LINGTAN_INGESTOR_MAX_PAST_MS,
}));

export type IngestorConfig = z.infer<typeof ingestorConfigSchema>;
/** InfluxDB connection settings. */
export type InfluxConfig = { readonly kind: 'influx' } & ReturnType<typeof influxFromEnv>;
/** Which store a service opens. */
export type StoreConfig = InfluxConfig | { readonly kind: 'embedded'; readonly path: string } | { readonly kind: 'remote'; readonly url: string };

/** Keys of the one-command platform (`pnpm start`): embedded broker and store, simulator on. */
export const platformEnvShape = {
  LINGTAN_LOG_LEVEL: commonEnvShape.LINGTAN_LOG_LEVEL,
  LINGTAN_REGISTRY: commonEnvShape.LINGTAN_REGISTRY,
  LINGTAN_DATA_DIR: storeEnvShape.LINGTAN_DATA_DIR,
  LINGTAN_BROKER_HOST: z.string().min(1).default('127.0.0.1'),
  LINGTAN_BROKER_PORT: z.coerce.number({ error: 'expected a TCP port, e.g. 1883' }).int().min(0).max(65_535).default(1883),
  /** The scenario the simulator plays ("none": every meter of the registry with generic models). */
  LINGTAN_SIM_SCENARIO: z.string().min(1).default('config/scenario.demo.yaml'),
  /** Simulator speed in device seconds per wall second; 0 turns the simulator off. */
  LINGTAN_SIM_SPEED: z.coerce.number({ error: 'expected a number, e.g. 1' }).min(0).default(1),
  /** Port (on 127.0.0.1) where the platform serves its DuckDB store to the services (0 picks a free one). */
  LINGTAN_STORE_PORT: tcpPort(9100),
  /** Where the gateway (control view, REST, live feed) listens. */
  LINGTAN_GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  LINGTAN_GATEWAY_PORT: tcpPort(8080),
};

export const platformConfigSchema = z.object(platformEnvShape).transform((e) => ({
  logLevel: e.LINGTAN_LOG_LEVEL,
  registryPath: e.LINGTAN_REGISTRY,
  dataDir: e.LINGTAN_DATA_DIR,
  broker: { host: e.LINGTAN_BROKER_HOST, port: e.LINGTAN_BROKER_PORT },
  simSpeed: e.LINGTAN_SIM_SPEED,
  simScenario: e.LINGTAN_SIM_SCENARIO === 'none' ? undefined : e.LINGTAN_SIM_SCENARIO,
  storePort: e.LINGTAN_STORE_PORT,
  gateway: { host: e.LINGTAN_GATEWAY_HOST, port: e.LINGTAN_GATEWAY_PORT },
}));

export type PlatformConfig = z.infer<typeof platformConfigSchema>;

/** Keys of the rules service. */
export const rulesEnvShape = {
  ...commonEnvShape,
  ...storeEnvShape,
  /** The rules file (YAML); reloaded when it changes, a bad version is refused and the old rules kept. */
  LINGTAN_RULES_FILE: z.string().min(1, 'expected the path of the rules file').default('config/rules.demo.yaml'),
  LINGTAN_RULES_CLIENT_ID: idSchema.default('lingtan-rules'),
  /** How often offline meters and quiet counter marks are evaluated. */
  LINGTAN_RULES_EVALUATE_INTERVAL_MS: positiveInt(5000).default(5000),
  /** How often the rules file is checked for changes. */
  LINGTAN_RULES_RELOAD_INTERVAL_MS: positiveInt(2000).default(2000),
  /** Port of GET /healthz and GET /metrics (0 picks a free one). */
  LINGTAN_RULES_HTTP_PORT: tcpPort(9102),
  LINGTAN_RULES_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  /** "k/n": evaluate only the enterprises whose id hashes to k of n (rule state is per meter). */
  LINGTAN_RULES_PARTITION: partitionSpec,
  /** On start, open alerts are rebuilt from the stored events of this many days back. */
  LINGTAN_RULES_REBUILD_DAYS: positiveInt(31).default(31),
};

export const rulesConfigSchema = z.object(rulesEnvShape).transform((e) => ({
  ...commonFromEnv(e),
  /** Where alert events are stored and current alert state is rebuilt from on restart. */
  store: storeFromEnv(e),
  rulesPath: e.LINGTAN_RULES_FILE,
  clientId: e.LINGTAN_RULES_CLIENT_ID,
  evaluateIntervalMs: e.LINGTAN_RULES_EVALUATE_INTERVAL_MS,
  reloadIntervalMs: e.LINGTAN_RULES_RELOAD_INTERVAL_MS,
  http: { host: e.LINGTAN_RULES_HTTP_HOST, port: e.LINGTAN_RULES_HTTP_PORT },
  partition: partitionOfSpec(e.LINGTAN_RULES_PARTITION),
  rebuildDays: e.LINGTAN_RULES_REBUILD_DAYS,
}));

export type RulesConfig = z.infer<typeof rulesConfigSchema>;
