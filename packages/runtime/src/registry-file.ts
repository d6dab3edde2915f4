import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { registrySchema } from '@lingtan/schema';
import type { Registry } from '@lingtan/schema';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { LingtanError } from './errors.js';
import { watchTextFile } from './file-watch.js';

/** Load and validate the park registry YAML; errors name the file and each bad path. */
export async function loadRegistryFile(path: string): Promise<Registry> {
  return parseRegistry(await readRegistryText(path), path);
}

/** The registry file's text; an unreadable file fails with an error naming it and LINGTAN_REGISTRY. */
export async function readRegistryText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new LingtanError('registry_invalid', `cannot read ${path} (LINGTAN_REGISTRY): ${(error as Error).message}`, { path });
  }
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

/** What a registry watcher reports. */
export interface RegistryWatchHandlers {
  /** A changed file that is valid on its own (the caller still checks the change, e.g. with `LiveRegistry.replace`). */
  readonly onRegistry: (registry: Registry, text: string) => void;
  /** A changed file that is not valid: keep the old registry; `detail` says why, per path. */
  readonly onRefused: (detail: string) => void;
}

/**
 * Watch the registry file and report each settled change of its content (see
 * `watchTextFile`): how every service picks up an admin's edit without a restart.
 * Returns a function that stops watching.
 */
export function watchRegistryFile(path: string, initialText: string | undefined, intervalMs: number, handlers: RegistryWatchHandlers): () => void {
  return watchTextFile(path, initialText, intervalMs, (text) => {
    let registry: Registry;
    try {
      registry = parseRegistry(text, path);
    } catch (error) {
      handlers.onRefused((error as Error).message);
      return;
    }
    handlers.onRegistry(registry, text);
  });
}

/** The leading `#` comment lines of a YAML text (a file's header), with their newline. */
function headerOf(text: string): string {
  const lines = text.split('\n');
  let n = 0;
  while (n < lines.length && lines[n]!.startsWith('#')) n += 1;
  return n === 0 ? '' : `${lines.slice(0, n).join('\n')}\n`;
}

/**
 * Write `registry` to `path` atomically: YAML into a temporary file beside it, fsync, then
 * rename over the old file (readers and watchers see the old or the new file, never half of
 * one), then fsync the directory so the rename survives a crash. The old file's leading
 * comment lines are kept. The text is parsed back before the rename, so an invalid registry
 * never reaches the disk. Returns the text written.
 */
export async function writeRegistryFile(path: string, registry: Registry): Promise<string> {
  const old = await readFile(path, 'utf8').catch(() => '');
  const text = `${headerOf(old)}${stringifyYaml(registry, { lineWidth: 0 })}`;
  parseRegistry(text, path);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  const file = await open(tmp, 'w', 0o644);
  try {
    await file.writeFile(text, 'utf8');
    await file.sync();
  } finally {
    await file.close();
  }
  try {
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  const dir = await open(dirname(path), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
  return text;
}
