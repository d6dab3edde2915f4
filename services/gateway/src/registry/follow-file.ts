import type { Logger, Metrics } from '@lingtan/runtime';
import { watchRegistryFile } from '@lingtan/runtime';
import type { RegistryAdmin } from './registry-admin.js';

/**
 * Watch the registry file and apply each settled change to the gateway's live registry (an
 * external edit, another gateway's write, or this one's own, which is then `unchanged`).
 * Counted as `registry_reloads_total{outcome="applied|unchanged|invalid|refused"}`, with the
 * gauge `registry_revision`; an invalid or refused file keeps the old registry and is logged.
 * Returns a function that stops watching.
 */
export function followRegistryFile(deps: { readonly admin: RegistryAdmin; readonly initialText: string; readonly intervalMs: number; readonly logger: Logger; readonly metrics: Metrics }): () => void {
  const { admin, logger, metrics } = deps;
  metrics.gauge('registry_revision', () => admin.snapshot().revision);
  return watchRegistryFile(admin.path, deps.initialText, deps.intervalMs, {
    onRegistry: (registry, text) => {
      let result: ReturnType<RegistryAdmin['applyFileText']>;
      try {
        result = admin.applyFileText(registry, text);
      } catch (error) {
        metrics.inc('registry_reloads_total', { outcome: 'invalid' });
        logger.error({ err: error, path: admin.path }, 'registry file change could not be applied; keeping the old registry');
        return;
      }
      metrics.inc('registry_reloads_total', { outcome: result.outcome });
      if (result.outcome === 'applied') {
        const { revision, enterprises, meters } = result.change;
        logger.info({ path: admin.path, revision, enterprises, meters }, 'registry file changed: applied');
      } else if (result.outcome === 'refused') {
        logger.error({ path: admin.path, reasons: result.reasons }, 'registry file change refused; keeping the old registry (undo the edit)');
      }
    },
    onRefused: (detail) => {
      metrics.inc('registry_reloads_total', { outcome: 'invalid' });
      logger.error({ path: admin.path, detail }, 'registry file is invalid; keeping the old registry');
    },
  });
}
