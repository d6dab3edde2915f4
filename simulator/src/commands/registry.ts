import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { syntheticRegistry } from '../generate-registry.js';
import { positiveInt } from './args.js';

export const REGISTRY_HELP = `Usage: pnpm sim -- registry [options] > registry.yaml

Write a synthetic park registry that the ingestor accepts.

Options:
  --park ID                    park id (default sim-park)
  --enterprises N              enterprises (default 5)
  --meters-per-enterprise N    meters each (default 4)
  --interval-s S               nominal reporting interval (default 15)
`;

export function registryCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      park: { type: 'string', default: 'sim-park' },
      enterprises: { type: 'string', default: '5' },
      'meters-per-enterprise': { type: 'string', default: '4' },
      'interval-s': { type: 'string', default: '15' },
    },
  });
  const registry = syntheticRegistry({
    parkId: values.park,
    enterprises: positiveInt(values.enterprises, '--enterprises'),
    metersPerEnterprise: positiveInt(values['meters-per-enterprise'], '--meters-per-enterprise'),
    intervalS: positiveInt(values['interval-s'], '--interval-s'),
  });
  process.stdout.write(stringify(registry));
  return Promise.resolve();
}
