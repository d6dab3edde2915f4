// Ingestor benchmark (not a test): real Mosquitto and influxd from the test harness, the
// ingestor as its own process with its spool on disk, and a bare pipeline as the baseline.
//   npx tsx services/ingestor/bench/throughput.ts [readings=200000] [paced-seconds=20] [readings-per-message=1]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startInfluxdb, startMosquitto, startNodeService, waitFor } from '@lingtan/harness';
import type { LocalProcess } from '@lingtan/harness';
import { connectMqtt } from '@lingtan/runtime';
import type { MqttClient } from '@lingtan/runtime';
import { normalizedBatchSchema } from '@lingtan/schema';
import { stringify } from 'yaml';
import { connectLeanPublisher } from './lean-publisher.js';
import { METERS, benchMessage, benchRegistry, cpuSeconds, steadyTs } from './workload.js';

const PACED_SECONDS = Number(process.argv[3] ?? 20);
/** Readings per message: 1 is a meter publishing each reading; more, a meter publishing a batch of its readings. */
const PER_MESSAGE = Number(process.argv[4] ?? 1);
/** Rounded up to whole rounds of every meter's messages. */
const TOTAL = Math.ceil(Number(process.argv[2] ?? 200_000) / (METERS * PER_MESSAGE)) * METERS * PER_MESSAGE;
/** Node options the ingestor runs with in production (package.json `ingestor`); overridable for experiments. */
const INGESTOR_NODE_ARGS = (process.env.LINGTAN_BENCH_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');

const broker = await startMosquitto();
const influx = await startInfluxdb();
const dir = await mkdtemp(join(tmpdir(), 'lingtan-bench-'));
await writeFile(join(dir, 'registry.yaml'), stringify(benchRegistry));
const publisher = await connectLeanPublisher(broker.url, 'bench-publisher');

/**
 * Publish `count` readings, PER_MESSAGE to a message of one meter (workload.ts), device time
 * `tsOf(i)` for the i-th reading, at most 2000 messages unacknowledged, from the lean
 * publisher so that the publisher is not what limits the measurement.
 */
function publish(count: number, tsOf: (i: number) => number, perSecond?: number): Promise<void> {
  const messages = Math.ceil(count / PER_MESSAGE);
  return publisher.run(messages, (j) => benchMessage(j, PER_MESSAGE, tsOf), perSecond === undefined ? { window: 2000 } : { window: 2000, perSecond: perSecond / PER_MESSAGE });
}

async function storedCount(database: string): Promise<number> {
  const q = encodeURIComponent(`SELECT count(power_kw) FROM telemetry WHERE park = 'bench'`);
  const body = (await (await fetch(`${influx.url}/query?db=${database}&q=${q}`)).json()) as { results: { series?: { values: [string, number][] }[] }[] };
  return body.results[0]?.series?.[0]?.values[0]?.[1] ?? 0;
}

/** Readings per second from the first publish until the database holds all of them. */
async function throughput(database: string, baseTs: number): Promise<number> {
  const started = performance.now();
  await publish(TOTAL, steadyTs(baseTs));
  await waitFor(`${TOTAL} readings in ${database}`, async () => (await storedCount(database)) >= TOTAL, 600_000, 200);
  return TOTAL / ((performance.now() - started) / 1000);
}

/** CPU seconds of this process (the publisher and the counting queries). */
const ownCpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * Readings per second, and CPU microseconds per reading of the pipeline process `pid` and of
 * everything else sharing the two cores: the broker, influxd and this process (publisher).
 */
async function measured(database: string, baseTs: number, pid: number | undefined): Promise<{ rate: number; cpuUsPerReading: number; others: string }> {
  const before = await Promise.all([cpuSeconds(pid), cpuSeconds(broker.pid), cpuSeconds(influx.pid)]);
  const ownBefore = ownCpuSeconds();
  const rate = await throughput(database, baseTs);
  const after = await Promise.all([cpuSeconds(pid), cpuSeconds(broker.pid), cpuSeconds(influx.pid)]);
  const us = (i: number) => ((after[i]! - before[i]!) * 1e6) / TOTAL;
  const own = ((ownCpuSeconds() - ownBefore) * 1e6) / TOTAL;
  const others = `mosquitto ${us(1).toFixed(1)}, influxd ${us(2).toFixed(1)}, publisher ${own.toFixed(1)} us CPU per reading`;
  return { rate, cpuUsPerReading: us(0), others };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function pacedLatency(observer: MqttClient): Promise<{ p50: number; p99: number; n: number; intakeP50: number; intakeP99: number }> {
  const latencies: number[] = [];
  /** Publish -> the ingestor's receive time (`rx`): the broker and the ingestor's intake. */
  const intake: number[] = [];
  // Only this phase's readings: the throughput phase's normalized batches (device times hours
  // back) can still be on their way, and would both skew the percentiles and end the wait early.
  let startMs = Number.POSITIVE_INFINITY;
  let earlier = 0;
  let lastMessageMs = Date.now();
  observer.on('message', (_t, payload) => {
    const now = Date.now();
    lastMessageMs = now;
    for (const r of normalizedBatchSchema.parse(JSON.parse(payload.toString())).readings) {
      if (r.ts >= startMs) {
        latencies.push(now - r.ts);
        intake.push(r.rx - r.ts);
      }
      else earlier += 1;
    }
  });
  await observer.subscribeAsync('ems-int/v1/bench/+/readings', { qos: 1 });
  // Let the stream go quiet first (at most 30 s), so the paced phase does not queue behind it.
  for (const end = Date.now() + 30_000; Date.now() - lastMessageMs < 1000 && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
  startMs = Date.now() - PER_MESSAGE; // a message's first reading is up to PER_MESSAGE - 1 ms older than its publish time
  const count = Math.ceil((10_000 * PACED_SECONDS) / (METERS * PER_MESSAGE)) * METERS * PER_MESSAGE;
  // A message's readings one millisecond apart, the last at the publish time.
  await publish(count, (i) => Date.now() - (PER_MESSAGE - 1 - (Math.floor(i / METERS) % PER_MESSAGE)), 10_000);
  await waitFor('paced readings on the normalized stream', () => Promise.resolve(latencies.length >= count), 60_000);
  latencies.sort((a, b) => a - b);
  intake.sort((a, b) => a - b);
  if (earlier > 0) process.stdout.write(`(${earlier} readings of the throughput phase arrived on the stream during the paced phase; left out)\n`);
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), n: latencies.length, intakeP50: percentile(intake, 50), intakeP99: percentile(intake, 99) };
}

/** Cumulative bucket counts (le = 0.001 .. 10, +Inf) of a histogram on the ingestor's /metrics. */
async function histogram(port: number, name: string): Promise<number[]> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}_bucket\\{le="([^"]+)"\\} (\\d+)$`, 'gm'))].map((m) => Number(m[2]));
}
const BOUNDS = ['1ms', '5ms', '10ms', '25ms', '50ms', '100ms', '250ms', '500ms', '1s', '2.5s', '5s', '10s', 'inf'];
/** Per-bucket counts (not cumulative) of the non-empty buckets, as "<=25ms: 3, <=50ms: 10". */
const histogramText = (cumulative: number[]) =>
  cumulative
    .map((n, i) => [BOUNDS[i], n - (i === 0 ? 0 : cumulative[i - 1]!)] as const)
    .filter(([, n]) => n > 0)
    .map(([bound, n]) => `<=${bound}: ${n}`)
    .join(', ');

const running: LocalProcess[] = [];
try {
  const env = { LINGTAN_MQTT_URL: broker.url, LINGTAN_INFLUX_URL: influx.url };
  const bare = await startNodeService({ name: 'bare', entry: 'services/ingestor/bench/bare-pipeline.ts', readyText: 'bare pipeline running', env: { ...env, LINGTAN_INFLUX_DB: 'bench_bare' } });
  running.push(bare);
  const baseTs = Date.now() - 3 * 3_600_000;
  const { rate: bareRate, cpuUsPerReading: bareCpu, others: bareOthers } = await measured('bench_bare', baseTs, bare.pid);
  await bare.stop();
  process.stdout.write(`${TOTAL} readings, ${PER_MESSAGE} per message (${TOTAL / PER_MESSAGE} messages), lean publisher\n`);
  process.stdout.write(`bare pipeline (no durability): ${Math.round(bareRate)} readings/s stored, ${bareCpu.toFixed(1)} us CPU per reading; beside it ${bareOthers}\n`);

  const opsPort = await freePort();
  const ingestor = await startNodeService({
    name: 'ingestor',
    entry: 'services/ingestor/src/main.ts',
    readyText: 'ingestor running',
    env: {
      ...env,
      LINGTAN_INFLUX_DB: 'bench_ingestor',
      LINGTAN_REGISTRY: join(dir, 'registry.yaml'),
      LINGTAN_DATA_DIR: join(dir, 'data'),
      LINGTAN_INGESTOR_HTTP_PORT: String(opsPort),
      LINGTAN_LOG_LEVEL: 'info',
    },
    // LINGTAN_BENCH_PROFILE=dir writes a V8 CPU profile of the ingestor there.
    nodeArgs: [...INGESTOR_NODE_ARGS, ...(process.env.LINGTAN_BENCH_PROFILE === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${process.env.LINGTAN_BENCH_PROFILE}`])],
  });
  running.push(ingestor);
  const { rate: ingestorRate, cpuUsPerReading: ingestorCpu, others: ingestorOthers } = await measured('bench_ingestor', baseTs, ingestor.pid);
  process.stdout.write(
    `ingestor (spool fsync before PUBACK, deltas, normalized stream): ${Math.round(ingestorRate)} readings/s stored, ${(ingestorRate / bareRate).toFixed(2)} of the bare pipeline; ${ingestorCpu.toFixed(1)} us CPU per reading (${(ingestorCpu / bareCpu).toFixed(2)} of bare); beside it ${ingestorOthers}\n`,
  );

  if (PACED_SECONDS > 0) {
    const observer = await connectMqtt({ url: broker.url, clientId: 'bench-observer' });
    const writesBefore = await histogram(opsPort, 'ingestor_write_seconds');
    const latency = await pacedLatency(observer);
    const writes = (await histogram(opsPort, 'ingestor_write_seconds')).map((n, i) => n - (writesBefore[i] ?? 0));
    process.stdout.write(`paced 10,000 readings/s for ${PACED_SECONDS} s: publish -> normalized stream p50 ${latency.p50} ms, p99 ${latency.p99} ms (n=${latency.n})\n`);
    process.stdout.write(`  of which publish -> received by the ingestor: p50 ${latency.intakeP50} ms, p99 ${latency.intakeP99} ms\n`);
    process.stdout.write(`  store writes meanwhile: ${writes.at(-1)} (${histogramText(writes)})\n`);
    await observer.endAsync();
  }
} finally {
  for (const p of running) await p.stop();
  await publisher.end();
  await Promise.all([broker.stop(), influx.stop()]);
  await rm(dir, { recursive: true, force: true });
}
