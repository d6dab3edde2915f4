import { readFile } from 'node:fs/promises';
import { RegistryChangeRefused, checkRegistryChange, diffRegistries } from '@lingtan/domain';
import type { LiveRegistry, RegistryChange } from '@lingtan/domain';
import { parseRegistry, writeRegistryFile } from '@lingtan/runtime';
import { registrySchema } from '@lingtan/schema';
import type { Registry } from '@lingtan/schema';
import { ApiFailure } from '../http/api-error.js';
import { etagOf, ifMatchAccepts } from './etag.js';
import { EditRefused } from './registry-edits.js';
import type { RegistryEdit } from './registry-edits.js';
import { createSerialQueue } from './serial-queue.js';

/** The registry as the gateway serves it now. */
export interface RegistrySnapshot {
  readonly registry: Registry;
  readonly revision: number;
  /** `etagOf` the file text this registry came from. */
  readonly etag: string;
}

/** An accepted write: what it changed (undefined: the edit changed nothing) and the state after it. */
export interface RegistryWrite {
  readonly before: RegistrySnapshot;
  readonly after: RegistrySnapshot;
  readonly change: RegistryChange | undefined;
}

/** What `applyFileText` did with a settled file content. */
export type FileOutcome = { readonly outcome: 'applied'; readonly change: RegistryChange } | { readonly outcome: 'unchanged' } | { readonly outcome: 'refused'; readonly reasons: readonly string[] };

/**
 * The registry file and the gateway's live registry kept together: admin writes go through
 * `write` (one at a time), file changes seen by the watcher through `applyFileText`.
 */
export interface RegistryAdmin {
  readonly path: string;
  snapshot(): RegistrySnapshot;
  /** Why writes are refused (503 `registry_read_only`), or undefined when they are allowed. */
  readonly readOnlyReason: string | undefined;
  /**
   * Apply an edit: needs `ifMatch` naming the file's current ETag (428 without, 412 when the
   * file changed since), validates the whole result with the schema (400 with the field),
   * checks `checkRegistryChange` (409 with the reasons), writes the file atomically and
   * applies it to the live registry before answering.
   */
  write(ifMatch: string | undefined, edit: RegistryEdit): Promise<RegistryWrite>;
  /** A valid file content from the watcher: apply it, or keep the old registry when it is refused. */
  applyFileText(registry: Registry, text: string): FileOutcome;
}

/** What `createRegistryAdmin` needs. */
export interface RegistryAdminDeps {
  readonly path: string;
  readonly live: LiveRegistry;
  /** The file text the live registry was loaded from. */
  readonly text: string;
  /** Set when writes must be refused (writes disabled, or a file the process cannot write). */
  readonly readOnlyReason?: string;
  /** A listener of the live registry failed (the change is applied all the same). */
  readonly onListenerError?: (error: AggregateError) => void;
}

/** A schema issue of the edited registry as a 400: `field` is the entry's own key (`parent`), the message has the whole path. */
function invalid(issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[]): ApiFailure {
  const issue = issues[0]!;
  const path = issue.path.map(String);
  const field = path.length >= 3 && (path[0] === 'meters' || path[0] === 'enterprises') ? path.slice(2).join('.') : path.join('.');
  return new ApiFailure(400, 'invalid_request', `${path.join('.') || 'registry'}: ${issue.message}`, field === '' ? undefined : field);
}

/** Keep `live` and the file at `path` in step; see `RegistryAdmin`. */
export function createRegistryAdmin(deps: RegistryAdminDeps): RegistryAdmin {
  const { live, path } = deps;
  let etag = etagOf(deps.text);
  // The file content the watcher last refused: until it is fixed by hand, writes say why instead of a bare 412.
  let refused: { readonly etag: string; readonly reasons: readonly string[] } | undefined;
  const queue = createSerialQueue();
  const snapshot = (): RegistrySnapshot => ({ registry: live.registry, revision: live.revision, etag });

  const replace = (next: Registry): RegistryChange | undefined => {
    const previous = live.registry;
    try {
      return live.replace(next);
    } catch (error) {
      // A listener failing does not undo the change (see LiveRegistry.replace): report it, answer with what changed.
      if (!(error instanceof AggregateError)) throw error;
      deps.onListenerError?.(error);
      return diffRegistries(previous, next, live.revision);
    }
  };

  const writeNow = async (ifMatch: string | undefined, edit: RegistryEdit): Promise<RegistryWrite> => {
    if (deps.readOnlyReason !== undefined) throw new ApiFailure(503, 'registry_read_only', `the registry is read-only here: ${deps.readOnlyReason}`);
    if (ifMatch === undefined) throw new ApiFailure(428, 'precondition_required', 'send If-Match with the ETag of GET /api/v1/admin/registry, so that two admins cannot overwrite each other');
    // The file, not memory, is the truth: another instance or a text editor may have changed it.
    const text = await readFile(path, 'utf8');
    const current = etagOf(text);
    if (!ifMatchAccepts(ifMatch, current)) {
      if (refused?.etag === current) throw new ApiFailure(409, 'conflict', `the registry file holds an edit the platform refused (${refused.reasons.join('; ')}); fix the file by hand first`);
      throw new ApiFailure(412, 'precondition_failed', 'the registry changed since you read it: reload it and apply your edit again');
    }
    let base: Registry;
    try {
      base = parseRegistry(text, path);
    } catch (error) {
      throw new ApiFailure(409, 'conflict', `the registry file on disk is invalid; fix it first: ${(error as Error).message}`);
    }
    let draft: Registry;
    try {
      draft = edit(structuredClone(base));
    } catch (error) {
      if (error instanceof EditRefused) throw new ApiFailure(error.status, error.status === 404 ? 'not_found' : 'conflict', error.message, error.field);
      throw error;
    }
    const parsed = registrySchema.safeParse(draft);
    if (!parsed.success) throw invalid(parsed.error.issues);
    const next = parsed.data;
    const reasons = [...new Set([...checkRegistryChange(base, next), ...checkRegistryChange(live.registry, next)])];
    if (reasons.length > 0) throw new ApiFailure(409, 'conflict', reasons.join('; '));
    const before = snapshot();
    const written = await writeRegistryFile(path, next);
    const change = replace(next);
    etag = etagOf(written);
    return { before, after: snapshot(), change };
  };

  return {
    path,
    snapshot,
    readOnlyReason: deps.readOnlyReason,
    write: (ifMatch, edit) => queue.run(() => writeNow(ifMatch, edit)),
    applyFileText(registry, text) {
      try {
        const change = replace(registry);
        etag = etagOf(text);
        refused = undefined;
        return change === undefined ? { outcome: 'unchanged' } : { outcome: 'applied', change };
      } catch (error) {
        if (error instanceof RegistryChangeRefused) {
          refused = { etag: etagOf(text), reasons: error.reasons };
          return { outcome: 'refused', reasons: error.reasons };
        }
        throw error;
      }
    },
  };
}
