import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '@lingtan/schema';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadRegistryFile, parseRegistry, watchRegistryFile, writeRegistryFile } from './registry-file.js';

const TEXT = `# The test park.
# Second header line.
park:
  id: p1
  name: 测试园区
enterprises:
  - id: ent-a
    name: A
meters:
  - id: m-a1
    enterprise: ent-a
    carrier: electricity
`;

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lingtan-registry-'));
  path = join(dir, 'registry.yaml');
  await writeFile(path, TEXT);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Poll `f` until it is true (bounded), for the watcher's asynchronous reports. */
async function until(f: () => boolean, ms = 3000): Promise<void> {
  for (const end = Date.now() + ms; !f(); ) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('writeRegistryFile', () => {
  it('writes the registry so that it loads back equal, keeping the header, leaving no temporary file', async () => {
    const registry = await loadRegistryFile(path);
    const next: Registry = { ...registry, meters: [...registry.meters, { ...registry.meters[0]!, id: 'm-a2', name: '二号表', parent: 'm-a1' }] };
    const text = await writeRegistryFile(path, next);
    expect(text.startsWith('# The test park.\n# Second header line.\n')).toBe(true);
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(await loadRegistryFile(path)).toEqual(next);
    expect(await readdir(dir)).toEqual(['registry.yaml']);
  });

  it('refuses an invalid registry and leaves the file as it was', async () => {
    const registry = parseRegistry(TEXT, 'test');
    const bad = { ...registry, meters: [{ ...registry.meters[0]!, enterprise: 'ent-x' }] };
    await expect(writeRegistryFile(path, bad)).rejects.toThrow(/unknown enterprise "ent-x"/);
    expect(await readFile(path, 'utf8')).toBe(TEXT);
    expect(await readdir(dir)).toEqual(['registry.yaml']);
  });
});

describe('watchRegistryFile', () => {
  it('reports a valid change once, and refuses an invalid one with the path to blame', async () => {
    const seen: string[] = [];
    const refused: string[] = [];
    const stop = watchRegistryFile(path, TEXT, 15, {
      onRegistry: (r) => seen.push(r.meters.map((m) => m.id).join(',')),
      onRefused: (d) => refused.push(d),
    });
    try {
      await writeFile(path, `${TEXT}  - id: m-a2\n    enterprise: ent-a\n    carrier: heat\n`);
      await until(() => seen.length === 1);
      expect(seen).toEqual(['m-a1,m-a2']);
      await writeFile(path, TEXT.replace('carrier: electricity', 'carrier: plasma'));
      await until(() => refused.length === 1);
      expect(refused[0]).toMatch(/meters\.0\.carrier/);
      expect(seen).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
