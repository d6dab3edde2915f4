import { parseArgs } from 'node:util';
import { loadRegistryFile } from '@lingtan/runtime';
import type { Registry } from '@lingtan/schema';
import { fleetMessages, payloadOf } from '../fleet.js';
import type { FleetMessage } from '../fleet.js';
import { syntheticRegistry } from '../generate-registry.js';
import { loadShape } from '../load-plan.js';
import { createCounters, publishStream } from '../publisher.js';
import type { OutgoingMessage } from '../publisher.js';
import { positiveInt, positiveNumber, startTime } from './args.js';
import { BROKER_HELP, BROKER_OPTIONS, connectBroker } from './broker.js';
import { ratePerS, startProgress, stopSignal } from './progress.js';

export const LOAD_HELP = `Usage: pnpm sim -- load [options]

Benchmark a broker and the platform behind it: publish simulated readings with QoS 1 at
a target rate across many meters, then report the achieved rate. Each meter reports
every (meters / rate) seconds, so at the target rate device time runs at wall-clock speed.

Options:
${BROKER_HELP}
  --rate N                target readings per second (default 10000)
  --duration-s S          how long to publish (default 60); or
  --count N               how many readings to publish (overrides --duration-s)
  --meters N              synthetic fleet of N meters, 10 per enterprise (default 1000)
  --registry PATH         publish for this registry's meters instead of a synthetic fleet
  --park ID               park id of the synthetic fleet (default sim-park); write its
                          registry with 'pnpm sim -- registry' for the ingestor
  --max-in-flight N       QoS 1 messages awaiting PUBACK at once (default 1000)
  --progress-s S          seconds between progress lines (default 5)
  --start T               device time of the first reading: now or RFC 3339 (default now)
  --seed N                random seed (default 1)
`;

async function loadRegistry(values: { registry?: string | undefined; meters: string; park: string }): Promise<Registry> {
  if (values.registry !== undefined) return loadRegistryFile(values.registry);
  const meters = positiveInt(values.meters, '--meters');
  return syntheticRegistry({ parkId: values.park, enterprises: Math.ceil(meters / 10), metersPerEnterprise: Math.min(meters, 10) });
}

function* take(messages: Iterable<FleetMessage>, count: number): Generator<OutgoingMessage> {
  let left = count;
  for (const message of messages) {
    if (left-- <= 0) return;
    yield { topic: message.topic, payload: payloadOf(message), atMs: message.tsMs };
  }
}

/** `pnpm sim -- load`. */
export async function loadCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...BROKER_OPTIONS,
      rate: { type: 'string', default: '10000' },
      'duration-s': { type: 'string', default: '60' },
      count: { type: 'string' },
      meters: { type: 'string', default: '1000' },
      registry: { type: 'string' },
      park: { type: 'string', default: 'sim-park' },
      'max-in-flight': { type: 'string', default: '1000' },
      'progress-s': { type: 'string', default: '5' },
      start: { type: 'string', default: 'now' },
      seed: { type: 'string', default: '1' },
    },
  });
  const rate = positiveNumber(values.rate, '--rate');
  const count = values.count !== undefined ? positiveInt(values.count, '--count') : Math.round(rate * positiveNumber(values['duration-s'], '--duration-s'));
  const registry = await loadRegistry(values);
  const shape = loadShape({ meters: registry.meters.length, ratePerS: rate, count });
  const stream = fleetMessages({ registry, startMs: startTime(values.start, Date.now()), seed: positiveInt(values.seed, '--seed'), ...shape });
  const maxInFlight = positiveInt(values['max-in-flight'], '--max-in-flight');
  const client = await connectBroker(values, `lingtan-load-${process.pid}`);
  const counters = createCounters();
  console.error(`load: ${count} readings from ${registry.meters.length} meters at ${rate}/s (each meter every ${shape.intervalMs} ms), at most ${maxInFlight} in flight`);
  const stopProgress = startProgress('load', counters, positiveNumber(values['progress-s'], '--progress-s') * 1000);
  try {
    const summary = await publishStream(client, take(stream, count), { ratePerS: rate, maxInFlight, counters, signal: stopSignal() });
    const achieved = ratePerS(summary.messages - summary.errors, summary.elapsedMs);
    console.error(`load: done, ${summary.messages} messages in ${summary.elapsedMs} ms: ${achieved}/s achieved of ${rate}/s, ${summary.errors} errors`);
    if (summary.errors > 0) process.exitCode = 1;
  } finally {
    stopProgress();
    await client.endAsync();
  }
}
