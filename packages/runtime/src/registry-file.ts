import { readFile } from 'node:fs/promises';
import { registrySchema } from '@lingtan/schema';
import type { Registry } from '@lingtan/schema';
import { parse as parseYaml } from 'yaml';
import { LingtanError } from './errors.js';

/** Load and validate the park registry YAML; errors name the file and each bad path. */
export async function loadRegistryFile(path: string): Promise<Registry> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new LingtanError('registry_invalid', `cannot read ${path} (LINGTAN_REGISTRY): ${(error as Error).message}`, { path });
  }
  return parseRegistry(text, path);
}

/** Validate registry YAML text; `source` names it in errors. */
export function parseRegistry(text: string, source: string): Registry {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new LingtanError('registry_invalid', `${source} is not valid YAML: ${(error as Error).message}`, { path: source });
  }
  const result = registrySchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 20).map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    const more = result.error.issues.length > 20 ? `\n  ... and ${result.error.issues.length - 20} more` : '';
    throw new LingtanError('registry_invalid', `${source}:\n${issues.join('\n')}${more}`, { path: source });
  }
  return result.data;
}
