import { RegistryChangeRefused, createLiveRegistry } from '@lingtan/domain';
import type { LiveRegistry, RegistryChange } from '@lingtan/domain';
import type { Registry } from '@lingtan/schema';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { CheckResult } from './ops-server.js';
import { parseRegistry, readRegistryText } from './registry-file.js';
import type { RegistryWatchHandlers } from './registry-file.js';

/** The registry file at start, as a live registry, with the text it was read from (the watcher's `initialText`). */
export async function loadLiveRegistry(path: string): Promise<{ readonly live: LiveRegistry; readonly text: string }> {
  const text = await readRegistryText(path);
  return { live: createLiveRegistry(parseRegistry(text, path)), text };
}

/** What became of the last registry file change that was not applied. */
export interface RegistryRefusal {
  readonly atMs: number;
  readonly outcome: 'invalid' | 'refused';
  readonly detail: string;
}

/** Watch handlers that apply registry file changes, and the state `/healthz` shows. */
export interface RegistryReloader extends RegistryWatchHandlers {
  /** For `/healthz`: always ok (the service runs on the registry it has), with the revision and the last refusal. */
  health(): Promise<CheckResult>;
}

/**
 * Apply each settled registry file change to `live` (its listeners bring derived state
 * along), counting `registry_reloads_total{outcome}`: `applied`, `unchanged` (the same
 * registry written again), `invalid` (the file fails the schema) or `refused` (a change a
 * running platform cannot take, e.g. a meter moved to another enterprise). On `invalid`
 * and `refused` the old registry stays in force; the error log says why. Gauge
 * `registry_revision`.
 */
export function registryReloader(live: LiveRegistry, deps: { readonly metrics: Metrics; readonly logger: Logger; readonly nowMs: () => number; readonly source: string }): RegistryReloader {
  const { metrics, logger } = deps;
  let lastRefusal: RegistryRefusal | undefined;
  metrics.gauge('registry_revision', () => live.revision);
  const refuse = (outcome: RegistryRefusal['outcome'], detail: string) => {
    lastRefusal = { atMs: deps.nowMs(), outcome, detail };
    metrics.inc('registry_reloads_total', { outcome });
    logger.error({ file: deps.source, outcome, detail, revision: live.revision }, 'registry change refused; the previous registry stays in force');
  };
  const applied = (change: RegistryChange) => {
    metrics.inc('registry_reloads_total', { outcome: 'applied' });
    const { enterprises: e, meters: m } = change;
    logger.info(
      {
        file: deps.source,
        revision: change.revision,
        meters: { added: m.added, removed: m.removed, changed: m.changed },
        enterprises: { added: e.added, removed: e.removed, changed: e.changed },
        parkChanged: change.parkChanged,
      },
      'registry change applied',
    );
  };
  return {
    onRefused: (detail) => refuse('invalid', detail),
    onRegistry: (registry: Registry) => {
      const before = live.revision;
      let change: RegistryChange | undefined;
      try {
        change = live.replace(registry);
      } catch (error) {
        if (error instanceof RegistryChangeRefused) return refuse('refused', error.reasons.join('; '));
        if (!(error instanceof AggregateError) || live.revision === before) throw error;
        // Applied, but something that follows the registry failed: say so loudly.
        lastRefusal = undefined;
        metrics.inc('registry_reloads_total', { outcome: 'applied' });
        metrics.inc('registry_listener_errors_total', undefined, error.errors.length);
        for (const failure of error.errors) logger.error({ err: failure, revision: live.revision }, 'registry change applied, but a listener failed');
        return;
      }
      if (change === undefined) {
        metrics.inc('registry_reloads_total', { outcome: 'unchanged' });
        logger.debug({ file: deps.source }, 'registry file rewritten without a change');
        return;
      }
      lastRefusal = undefined;
      applied(change);
    },
    health: () =>
      Promise.resolve({
        ok: true,
        detail: {
          revision: live.revision,
          enterprises: live.registry.enterprises.length,
          meters: live.registry.meters.length,
          ...(lastRefusal === undefined ? {} : { lastRefusal }),
        },
      }),
  };
}
