import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { syntheticRegistry } from '../generate-registry.js';
import { parseScenario, toRegistry } from '../scenario.js';
import { positiveInt } from './args.js';

export const REGISTRY_HELP = `Usage: pnpm sim -- registry [options] > registry.yaml

Write a park registry that the ingestor accepts: a scenario's, or a synthetic one.

Options:
  --scenario PATH              the registry of this scenario (e.g. config/scenario.demo.yaml)
  --park ID                    park id (default sim-park)
  --enterprises N              enterprises (default 5)
  --meters-per-enterprise N    meters each (default 4)
  --interval-s S               nominal reporting interval (default 15)
`;

/** `pnpm sim -- registry`. */
export async function registryCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      scenario: { type: 'string' },
      park: { type: 'string', default: 'sim-park' },
      enterprises: { type: 'string', default: '5' },
      'meters-per-enterprise': { type: 'string', default: '4' },
      'interval-s': { type: 'string', default: '15' },
    },
  });
  if (values.scenario !== undefined) {
    const path = values.scenario;
    const text = await readFile(path, 'utf8').catch((error: unknown) => Promise.reject(new Error(`cannot read ${path}: ${(error as Error).message}`)));
    process.stdout.write(stringify(toRegistry(parseScenario(text, path))));
    return;
  }
  const registry = syntheticRegistry({
    parkId: values.park,
    enterprises: positiveInt(values.enterprises, '--enterprises'),
    metersPerEnterprise: positiveInt(values['meters-per-enterprise'], '--meters-per-enterprise'),
    intervalS: positiveInt(values['interval-s'], '--interval-s'),
  });
  process.stdout.write(stringify(registry));
}
