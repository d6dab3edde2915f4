import { indexRegistry } from '@lingtan/domain';
import { loadRegistryFile } from '@lingtan/runtime';
import type { RulesFile } from '@lingtan/schema';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRulesFile, parseRulesText, watchRulesFile } from './rules-file.js';
import { checkAgainstRegistry } from './subjects.js';

const root = join(import.meta.dirname, '..', '..', '..');

const waitUntil = async (probe: () => boolean, timeoutMs = 3000) => {
  const end = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('rules files', () => {
  it('the demo rules validate against the demo registry', async () => {
    const registry = indexRegistry(await loadRegistryFile(join(root, 'config/registry.demo.yaml')));
    const parsed = await loadRulesFile(join(root, 'config/rules.demo.yaml'), (f) => checkAgainstRegistry(f, registry));
    expect(parsed.ok ? parsed.rules.rules.map((r) => r.id) : parsed.detail).toEqual(['tx-overload', 'tx-oil-temp', 'ess-soc', 'meter-offline', 'register-mark', 'demand-tx1', 'demand-tx2', 'energy-month', 'carbon-day', 'load-anomaly', 'power-stuck', 'data-completeness', 'green-share', 'zero-carbon']);
  });

  it('refuses bad YAML, schema violations and failed checks with the reason', () => {
    expect(parseRulesText('rules: [', 'r.yaml')).toMatchObject({ ok: false, detail: expect.stringContaining('r.yaml is not valid YAML') as string });
    expect(parseRulesText('version: 2\nrules: []', 'r.yaml')).toMatchObject({ ok: false, detail: expect.stringContaining('version') as string });
    expect(parseRulesText('version: 1\nrules: []', 'r.yaml', () => ['rules.0 (x): meter "m" is not in the registry'])).toMatchObject({
      ok: false,
      detail: 'r.yaml:\n  rules.0 (x): meter "m" is not in the registry',
    });
  });

  it('reports a missing file as a refusal', async () => {
    expect(await loadRulesFile('/nonexistent/rules.yaml')).toMatchObject({ ok: false, detail: expect.stringContaining('cannot read') as string });
  });

  it('applies a changed valid file and refuses a changed invalid one', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'lingtan-rules-')), 'rules.yaml');
    const v1 = 'version: 1\nrules: []\n';
    await writeFile(path, v1);
    const applied: RulesFile[] = [];
    const refused: string[] = [];
    const stop = watchRulesFile(path, v1, 20, { onRules: (r) => applied.push(r), onRefused: (d) => refused.push(d) });
    try {
      await writeFile(path, 'version: 1\nrules:\n  - { id: off, kind: offline, severity: minor }\n');
      await waitUntil(() => applied.length === 1);
      expect(applied[0]?.rules.map((r) => r.id)).toEqual(['off']);
      await writeFile(path, 'version: 1\nrules:\n  - { id: off, kind: offline, severity: dire }\n');
      await waitUntil(() => refused.length === 1);
      expect(refused[0]).toContain('rules.0.severity');
      expect(applied).toHaveLength(1);
    } finally {
      stop();
    }
  });
});
