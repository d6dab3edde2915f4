import type { Logger } from '@lingtan/runtime';
import type { Alert, AlertEvent } from '@lingtan/schema';
import { isRetriable } from './event-writer.js';

/** An alert as the last stored event left it, with that event's revision (`{alertId}:{revision}`). */
export interface RestoredAlert {
  readonly alert: Alert;
  readonly revision: number;
}

const DAY_MS = 86_400_000;

function revisionOf(event: AlertEvent): number {
  const n = Number(event.eventId.slice(event.eventId.lastIndexOf(':') + 1));
  return Number.isInteger(n) ? n : 0;
}

function alertOf(event: AlertEvent): Alert {
  const { v: _v, eventId: _eventId, type: _type, atMs: _atMs, ...alert } = event;
  return alert;
}

/**
 * The current alert of each dedup key from stored lifecycle events (any order, duplicates
 * allowed): per alert its highest revision, per key the latest occurrence. Cleared alerts
 * are kept too, so a recurrence links to them and flapping is still detected.
 */
export function currentAlerts(events: readonly AlertEvent[]): RestoredAlert[] {
  const byId = new Map<string, RestoredAlert>();
  for (const event of events) {
    const revision = revisionOf(event);
    const known = byId.get(event.alertId);
    if (known === undefined || revision > known.revision) byId.set(event.alertId, { alert: alertOf(event), revision });
  }
  const byKey = new Map<string, RestoredAlert>();
  for (const r of byId.values()) {
    const known = byKey.get(r.alert.key);
    const later = known === undefined || r.alert.occurrence > known.alert.occurrence || (r.alert.occurrence === known.alert.occurrence && r.alert.firstSeenMs > known.alert.firstSeenMs);
    if (later) byKey.set(r.alert.key, r);
  }
  return [...byKey.values()];
}

export interface LoadHistoryOptions {
  readonly query: (fromMs: number, toMs: number) => Promise<AlertEvent[]>;
  readonly nowMs: number;
  readonly lookbackDays: number;
  readonly logger: Logger;
  /** Give up after this long of failures (the service then runs without history). */
  readonly giveUpAfterMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** The stored events of the lookback, or why they could not be read; store failures are retried with backoff. */
export async function loadHistory(options: LoadHistoryOptions): Promise<{ ok: true; events: AlertEvent[] } | { ok: false; detail: string }> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const fromMs = options.nowMs - options.lookbackDays * DAY_MS;
  let waitedMs = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return { ok: true, events: await options.query(fromMs, options.nowMs + 1) };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      if (!isRetriable(error) || waitedMs >= options.giveUpAfterMs) return { ok: false, detail };
      const waitMs = Math.min(5000, 250 * 2 ** (attempt - 1));
      options.logger.warn({ err: detail, attempt, retryInMs: waitMs }, 'alert history not readable yet; retrying');
      await sleep(waitMs);
      waitedMs += waitMs;
    }
  }
}
