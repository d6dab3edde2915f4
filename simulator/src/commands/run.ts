import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadRegistryFile } from '@lingtan/runtime';
import type { FleetPlan } from '../fleet.js';
import { fleetMessages } from '../fleet.js';
import { parseScenario, toRegistry } from '../scenario.js';
import { scenarioFleetPlan } from '../scenario-fleet.js';
import { checkFaultMeters, createFaultInjector, injectFaults } from '../fault-injector.js';
import { scenarioSource } from '../sim-sources.js';
import { createCounters, publishStream } from '../publisher.js';
import { positiveInt, positiveNumber, startTime } from './args.js';
import { BROKER_HELP, BROKER_OPTIONS, connectBroker } from './broker.js';
import { CONTROL_HELP, CONTROL_OPTIONS } from './control.js';
import { publishControlled } from './controlled.js';
import { FAULT_HELP, FAULT_OPTIONS, loadFaultOptions, openFaultLog } from './fault-options.js';
import { ratePerS, startProgress, stopSignal } from './progress.js';

export const RUN_HELP = `Usage: pnpm sim -- run [options]

Publish telemetry for the meters of a park registry, with QoS 1, to
ems/v1/{park}/{enterprise}/{meter}/telemetry. With --scenario, the scenario's park with
its industry profiles, calendar, weather, PV from the sun and storage dispatch.

Options:
  --scenario PATH      scenario file (e.g. config/scenario.demo.yaml); its registry is
                       'pnpm sim -- registry --scenario PATH'
  --registry PATH      park registry (default: $LINGTAN_REGISTRY or config/registry.demo.yaml)
${BROKER_HELP}
  --meters IDS         comma-separated meter ids (default: every meter)
  --interval-ms MS     device time between readings (default: each meter's interval_s)
  --ticks N            readings per meter (default: until --duration-s, else forever)
  --duration-s S       simulated seconds to cover
  --speed X            device seconds per wall second: 1 = real time, 1440 = a day a minute,
                       0 = as fast as the broker takes it (default 1)
  --start T            device time of the first reading: now or RFC 3339 (default now)
  --seed N             random seed; same seed and start give the same readings and
                       the same faults (default 1)
${FAULT_HELP}
${CONTROL_HELP}
`;

/** `pnpm sim -- run`. */
export async function runCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: 'string' },
      registry: { type: 'string' },
      ...BROKER_OPTIONS,
      ...FAULT_OPTIONS,
      ...CONTROL_OPTIONS,
      meters: { type: 'string' },
      'interval-ms': { type: 'string' },
      ticks: { type: 'string' },
      'duration-s': { type: 'string' },
      speed: { type: 'string', default: '1' },
      start: { type: 'string', default: 'now' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (values.scenario !== undefined && values.registry !== undefined) throw new Error('--scenario and --registry are exclusive: a scenario brings its own registry');
  const scenario = values.scenario === undefined ? undefined : await loadScenarioFile(values.scenario);
  const registry = scenario === undefined ? await loadRegistryFile(values.registry ?? process.env.LINGTAN_REGISTRY ?? 'config/registry.demo.yaml') : toRegistry(scenario);
  const intervalMs = values['interval-ms'] === undefined ? undefined : positiveInt(values['interval-ms'], '--interval-ms');
  const shortestMs = intervalMs ?? Math.min(...registry.meters.map((m) => m.interval_s * 1000));
  const ticks =
    values.ticks !== undefined
      ? positiveInt(values.ticks, '--ticks')
      : values['duration-s'] !== undefined
        ? Math.max(1, Math.floor((positiveNumber(values['duration-s'], '--duration-s') * 1000) / shortestMs))
        : Number.POSITIVE_INFINITY;
  const speed = values.speed === '0' ? undefined : positiveNumber(values.speed, '--speed');
  if (values.control && speed === undefined) throw new Error('--control needs --speed above 0: the commands pace the stream');
  const options = {
    ...(values.meters === undefined ? {} : { meterIds: values.meters.split(',').map((s) => s.trim()) }),
    ...(intervalMs === undefined ? {} : { intervalMs }),
    startMs: startTime(values.start, Date.now()),
    ticks,
    seed: positiveInt(values.seed, '--seed'),
  };
  const plan: FleetPlan = scenario === undefined ? { registry, ...options } : scenarioFleetPlan(scenario, options);
  const faults = await loadFaultOptions(values);
  checkFaultMeters(faults, registry);
  const faultLog = openFaultLog(values['fault-log']);
  const client = await connectBroker(values, `lingtan-sim-${process.pid}`);
  const counters = createCounters();
  const stopProgress = startProgress('sim', counters, 5000);
  try {
    const signal = stopSignal();
    let summary;
    if (values.control && speed !== undefined) {
      const injector = createFaultInjector(faults, { seed: plan.seed, onFault: faultLog.write });
      const meters = new Set(options.meterIds ?? registry.meters.map((m) => m.id));
      const base = { kind: 'scenario' as const, source: scenarioSource(fleetMessages(plan), injector), injector, meters };
      summary = await publishControlled(client, { park: registry.park.id, base, speed, recordingsDir: values.recordings, counters, signal });
    } else {
      const messages = injectFaults(fleetMessages(plan), faults, { seed: plan.seed, onFault: faultLog.write });
      summary = await publishStream(client, messages, { speed, counters, signal });
    }
    console.error(`sim: done, ${summary.messages} messages in ${summary.elapsedMs} ms (${ratePerS(summary.messages, summary.elapsedMs)}/s), ${summary.errors} errors`);
    if (summary.errors > 0) process.exitCode = 1;
  } finally {
    stopProgress();
    await faultLog.close();
    await client.endAsync();
  }
}

async function loadScenarioFile(path: string) {
  const text = await readFile(path, 'utf8').catch((error: unknown) => Promise.reject(new Error(`cannot read ${path}: ${(error as Error).message}`)));
  return parseScenario(text, path);
}
