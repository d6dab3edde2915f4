import { readFile } from 'node:fs/promises';
import { rulesFileSchema } from '@lingtan/schema';
import type { RulesFile } from '@lingtan/schema';
import { parse as parseYaml } from 'yaml';
import { watchTextFile } from '@lingtan/runtime';

/** A rules file parsed and checked, or every reason it was refused. */
export type RulesParse = { readonly ok: true; readonly rules: RulesFile; readonly text: string } | { readonly ok: false; readonly detail: string };

/** Checks the schema cannot make (e.g. against the registry); returns the problems found. */
export type RulesCheck = (file: RulesFile) => string[];

/** Parse rules YAML text; `source` names it in the reasons. Never throws. */
export function parseRulesText(text: string, source: string, check: RulesCheck = () => []): RulesParse {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    return { ok: false, detail: `${source} is not valid YAML: ${(error as Error).message}` };
  }
  const result = rulesFileSchema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 20).map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
    return { ok: false, detail: `${source}:\n${issues.join('\n')}` };
  }
  const problems = check(result.data);
  if (problems.length > 0) return { ok: false, detail: `${source}:\n${problems.map((p) => `  ${p}`).join('\n')}` };
  return { ok: true, rules: result.data, text };
}

/** Read and parse a rules file; a missing file is a refusal, not a throw. */
export async function loadRulesFile(path: string, check?: RulesCheck): Promise<RulesParse> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, detail: `cannot read ${path}: ${(error as Error).message}` };
  }
  return parseRulesText(text, path, check);
}

/** What a watcher reports. */
export interface RulesWatchHandlers {
  /** A changed file that is valid: apply it. */
  readonly onRules: (rules: RulesFile) => void;
  /** A changed file that is not: the old rules stay; say why. */
  readonly onRefused: (detail: string) => void;
}

/**
 * Watch the rules file and report each settled change of its content (see `watchTextFile`:
 * polled, acted on once it reads the same twice). `initialText` is the content already
 * applied. Returns a function that stops watching.
 */
export function watchRulesFile(path: string, initialText: string | undefined, intervalMs: number, handlers: RulesWatchHandlers, check?: RulesCheck): () => void {
  return watchTextFile(path, initialText, intervalMs, (text) => {
    const parsed = parseRulesText(text, path, check);
    if (parsed.ok) handlers.onRules(parsed.rules);
    else handlers.onRefused(parsed.detail);
  });
}
