// The ingestor's per-reading work in one process, without broker, disk or store (not a
// test): validate, spool encoding, counter deltas, the normalized stream's JSON and the line
// protocol, on the throughput benchmark's payloads. CPU per reading moves far less with the
// machine's load than the end-to-end rates do, so it tells whether a change to this path helps.
//   npx tsx services/ingestor/bench/hot-path.ts [readings=500000] [readings-per-message=10]
import { indexRegistry } from '@lingtan/domain';
import { registrySchema } from '@lingtan/schema';
import { toLineProtocol } from '@lingtan/store';
import { spoolRecordOf } from '../src/drainer.js';
import type { SpoolRecord } from '../src/drainer.js';
import { Normalizer } from '../src/normalizer.js';
import { validateTelemetry } from '../src/validate.js';
import { benchMessage, benchRegistry, steadyTs } from './workload.js';

const TOTAL = Number(process.argv[2] ?? 500_000);
const PER_MESSAGE = Number(process.argv[3] ?? 10);
const registry = indexRegistry(registrySchema.parse(benchRegistry));
const tsOf = steadyTs(Date.now() - 3_600_000);
const messages = Array.from({ length: TOTAL / PER_MESSAGE }, (_, j) => {
  const { topic, payload } = benchMessage(j, PER_MESSAGE, tsOf);
  return { topic, payload: Buffer.from(payload) };
});
const window = { maxFutureMs: 300_000, maxPastMs: 30 * 86_400_000 };
const normalizer = new Normalizer(registry);
let bytes = 0;
const started = process.cpuUsage();
const wall = performance.now();
const BATCH = 500; // messages per drained batch
for (let from = 0; from < messages.length; from += BATCH) {
  const records: SpoolRecord[] = [];
  const now = Date.now();
  for (const { topic, payload } of messages.slice(from, from + BATCH)) {
    const outcome = validateTelemetry(topic, payload, registry, now, window);
    const record = spoolRecordOf(outcome.points, now);
    bytes += JSON.stringify(record).length;
    records.push(record);
  }
  const output = normalizer.process(records);
  for (const batch of output.batches) bytes += JSON.stringify(batch).length;
  bytes += toLineProtocol(output.points).length;
}
const { user, system } = process.cpuUsage(started);
process.stdout.write(
  `${TOTAL} readings, ${PER_MESSAGE} per message: ${((user + system) / TOTAL).toFixed(2)} us CPU per reading (${((performance.now() - wall) * 1000 / TOTAL).toFixed(2)} us wall), ${Math.round(bytes / TOTAL)} bytes out per reading\n`,
);
