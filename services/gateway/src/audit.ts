import type { AuditEntry } from '@lingtan/schema';
import type { Logger, Metrics } from '@lingtan/runtime';

export type { AuditEntry } from '@lingtan/schema';

/** Entries kept in memory for `GET /api/v1/audit`; older ones live only in the log lines. */
export const DEFAULT_AUDIT_CAPACITY = 2000;

/**
 * The audit log of access decisions: every refusal (and logins, alert actions). Each entry is
 * a pino line (`component: audit`), a `gateway_audit_total{action,outcome,code}` count, and a
 * slot in a bounded ring that admins read. The live feed records refused room joins here too.
 */
export interface AuditLog {
  record(entry: Omit<AuditEntry, 'atMs'> & { readonly atMs?: number }): void;
  /** Newest first, at most `limit`. */
  recent(limit: number): AuditEntry[];
}

export function createAuditLog(deps: { readonly logger: Logger; readonly metrics: Metrics; readonly clock: { nowMs(): number }; readonly capacity?: number }): AuditLog {
  const capacity = deps.capacity ?? DEFAULT_AUDIT_CAPACITY;
  const ring: AuditEntry[] = [];
  let next = 0;
  const logger = deps.logger.child({ component: 'audit' });
  return {
    record(input) {
      const entry: AuditEntry = { ...input, atMs: input.atMs ?? deps.clock.nowMs() };
      if (ring.length < capacity) ring.push(entry);
      else ring[next] = entry;
      next = (next + 1) % capacity;
      deps.metrics.inc('gateway_audit_total', { action: entry.action, outcome: entry.outcome, code: entry.code ?? 'none' });
      if (entry.outcome === 'refused') logger.warn({ audit: entry }, 'access refused');
      else logger.info({ audit: entry }, 'access audited');
    },
    recent(limit) {
      const ordered = ring.length < capacity ? [...ring] : [...ring.slice(next), ...ring.slice(0, next)];
      return ordered.reverse().slice(0, limit);
    },
  };
}
