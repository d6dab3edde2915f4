// The import boundaries of docs/architecture.md are enforced by the lint config; these tests
// prove the rule fires, so a config change cannot silently switch it off.
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '@lingtan/harness';

// Type information is not needed for import rules; linting virtual files without it is fast.
const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfig: [tseslint.configs.disableTypeChecked] });

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? ''}: ${m.message}`);
}

describe('import boundaries', () => {
  it.each([
    ['packages/schema/src/probe.ts', "import { indexRegistry } from '@lingtan/domain';"],
    ['packages/domain/src/probe.ts', "import { createInfluxStore } from '@lingtan/store';"],
    ['packages/runtime/src/probe.ts', "import { createInfluxStore } from '@lingtan/store';"],
    ['packages/store/src/probe.ts', "import { loadConfig } from '@lingtan/runtime';"],
    ['services/ingestor/src/probe.ts', "import { something } from '@lingtan/gateway';"],
    ['services/ingestor/src/probe.ts', "import { fleetMessages } from '@lingtan/simulator';"],
    ['simulator/src/probe.ts', "import { createInfluxStore } from '@lingtan/store';"],
    ['services/ingestor/src/probe.ts', "import { x } from '@lingtan/schema/src/topics.js';"],
    ['services/ingestor/src/probe.ts', "import { x } from '../../rules/src/app.js';"],
  ])('%s may not %s', async (filePath, code) => {
    const messages = await messagesFor(filePath, `${code}\nexport const y = 1;\n`);
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it.each([
    ['packages/domain/src/probe.ts', "import type { Registry } from '@lingtan/schema';"],
    ['packages/store/src/probe.ts', "import { indexRegistry } from '@lingtan/domain';"],
    ['packages/runtime/src/probe.ts', "import { createLiveRegistry } from '@lingtan/domain';"],
    ['services/ingestor/src/probe.ts', "import { createInfluxStore } from '@lingtan/store';"],
  ])('%s may %s', async (filePath, code) => {
    const messages = await messagesFor(filePath, `${code}\nexport const y = 1;\n`);
    expect(messages.filter((m) => m.startsWith('no-restricted-imports'))).toEqual([]);
  });

  it('keeps the domain pure: no Node built-ins, process, Date.now or timers', async () => {
    const messages = await messagesFor(
      'packages/domain/src/probe.ts',
      "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\nexport const b = process.env.X;\nexport const c = Date.now();\nexport const d = setTimeout;\nsetTimeout(() => 1, 1);\n",
    );
    expect(messages.filter((m) => m.startsWith('no-restricted-syntax'))).toHaveLength(4);
  });
});
