import { parseArgs } from 'node:util';
import { connectMqtt, loadRegistryFile } from '@lingtan/runtime';
import { fleetMessages } from '../fleet.js';
import { publishMessages } from '../publisher.js';
import { positiveInt, positiveNumber, startTime } from './args.js';

export const RUN_HELP = `Usage: pnpm sim -- run [options]

Publish telemetry for the meters of a park registry, with QoS 1, to
ems/v1/{park}/{enterprise}/{meter}/telemetry.

Options:
  --registry PATH      park registry (default: $LINGTAN_REGISTRY or config/registry.demo.yaml)
  --mqtt URL           broker (default: $LINGTAN_MQTT_URL or mqtt://127.0.0.1:1883)
  --meters IDS         comma-separated meter ids (default: every meter)
  --interval-ms MS     device time between readings (default: each meter's interval_s)
  --ticks N            readings per meter (default: until --duration-s, else forever)
  --duration-s S       simulated seconds to cover
  --speed X            device seconds per wall second: 1 = real time, 1440 = a day a minute,
                       0 = as fast as the broker takes it (default 1)
  --start T            device time of the first reading: now or RFC 3339 (default now)
  --seed N             random seed; same seed and start give the same readings (default 1)
`;

export async function runCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      registry: { type: 'string', default: process.env.LINGTAN_REGISTRY ?? 'config/registry.demo.yaml' },
      mqtt: { type: 'string', default: process.env.LINGTAN_MQTT_URL ?? 'mqtt://127.0.0.1:1883' },
      meters: { type: 'string' },
      'interval-ms': { type: 'string' },
      ticks: { type: 'string' },
      'duration-s': { type: 'string' },
      speed: { type: 'string', default: '1' },
      start: { type: 'string', default: 'now' },
      seed: { type: 'string', default: '1' },
    },
  });
  const registry = await loadRegistryFile(values.registry);
  const intervalMs = values['interval-ms'] === undefined ? undefined : positiveInt(values['interval-ms'], '--interval-ms');
  const shortestMs = intervalMs ?? Math.min(...registry.meters.map((m) => m.interval_s * 1000));
  const ticks =
    values.ticks !== undefined
      ? positiveInt(values.ticks, '--ticks')
      : values['duration-s'] !== undefined
        ? Math.max(1, Math.floor((positiveNumber(values['duration-s'], '--duration-s') * 1000) / shortestMs))
        : Number.POSITIVE_INFINITY;
  const speed = values.speed === '0' ? undefined : positiveNumber(values.speed, '--speed');
  const plan = {
    registry,
    ...(values.meters === undefined ? {} : { meterIds: values.meters.split(',').map((s) => s.trim()) }),
    ...(intervalMs === undefined ? {} : { intervalMs }),
    startMs: startTime(values.start, Date.now()),
    ticks,
    seed: positiveInt(values.seed, '--seed'),
  };
  const client = await connectMqtt({ url: values.mqtt, clientId: `lingtan-sim-${process.pid}` });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  let published = 0;
  const progress = setInterval(() => console.error(`sim: ${published} messages published`), 5000);
  try {
    const summary = await publishMessages(client, fleetMessages(plan), { ...(speed === undefined ? {} : { speed }), signal: abort.signal, onPublished: () => published++ });
    const rate = summary.elapsedMs > 0 ? Math.round((summary.messages * 1000) / summary.elapsedMs) : summary.messages;
    console.error(`sim: done, ${summary.messages} messages in ${summary.elapsedMs} ms (${rate}/s)`);
  } finally {
    clearInterval(progress);
    await client.endAsync();
  }
}
