import { readFile } from 'node:fs/promises';
import { rulesFileSchema } from '@lingtan/schema';
import type { RulesFile } from '@lingtan/schema';
import { parse as parseYaml } from 'yaml';

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
 * Poll the rules file every `intervalMs` and report each change of its content. Polling the
 * content rather than `fs.watch` because editors and config-map mounts replace the file (a
 * new inode, which `fs.watch` loses) and mtime can stay the same within its resolution.
 * A change is acted on once it reads the same on two polls (so up to two intervals late).
 * `initialText` is the content already applied. Returns a function that stops watching.
 */
export function watchRulesFile(path: string, initialText: string | undefined, intervalMs: number, handlers: RulesWatchHandlers, check?: RulesCheck): () => void {
  let last = initialText;
  let candidate: string | undefined;
  let busy = false;
  const poll = async () => {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    // A file that is momentarily missing (being replaced) keeps the rules and is read again.
    if (text === undefined || text === last) return;
    // An editor or `cp` writing in place can be caught half way (even empty): act only on
    // content that reads the same on two polls in a row.
    if (text !== candidate) {
      candidate = text;
      return;
    }
    last = text;
    const parsed = parseRulesText(text, path, check);
    if (parsed.ok) handlers.onRules(parsed.rules);
    else handlers.onRefused(parsed.detail);
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void poll().finally(() => {
      busy = false;
    });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
