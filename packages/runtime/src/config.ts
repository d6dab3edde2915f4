import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';

/** The configuration failed validation; the message names each bad key and what was expected. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'config_invalid';
}

/** Where the values come from: the environment, and optionally a JSON or YAML file. */
export interface ConfigSources {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Path of a config file with the same keys as the environment; `LINGTAN_CONFIG` by default. */
  readonly file?: string;
}

/**
 * Parse configuration once at boot: file values first, the environment over them, then the
 * service's schema. The result is frozen. Fails fast with every bad key named.
 */
export function loadConfig<S extends z.ZodType>(schema: S, sources: ConfigSources = {}): Readonly<z.infer<S>> {
  const env = sources.env ?? process.env;
  const file = sources.file ?? env.LINGTAN_CONFIG;
  const fromFile = file === undefined || file === '' ? {} : readConfigFile(file);
  const merged: Record<string, unknown> = { ...fromFile };
  for (const [key, value] of Object.entries(env)) {
    if (key.startsWith('LINGTAN_') && value !== undefined && value !== '') merged[key] = value;
  }
  const result = schema.safeParse(merged);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const key = issue.path.map(String).join('.') || '(root)';
      const origin = key in (fromFile as object) && !(key in env) ? ` (from ${file})` : '';
      const got = merged[key] === undefined ? 'it is not set' : `got ${JSON.stringify(merged[key])}`;
      return `  ${key}${origin}: ${issue.message}; ${got}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return deepFreeze(result.data);
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Invalid configuration: LINGTAN_CONFIG: cannot read ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`Invalid configuration: ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError(`Invalid configuration: ${path} must hold a mapping of LINGTAN_* keys to values`);
  }
  const unknown = Object.keys(parsed).filter((k) => !k.startsWith('LINGTAN_'));
  if (unknown.length > 0) {
    throw new ConfigError(`Invalid configuration: ${path}: keys must be LINGTAN_* names, found ${unknown.join(', ')}`);
  }
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'boolean' ? String(v) : v]));
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
