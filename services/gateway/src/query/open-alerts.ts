import type { Clock } from '@lingtan/domain';
import type { AlertEvent } from '@lingtan/schema';
import type { TimeSeriesStore } from '@lingtan/store';
import { AlertBook, OPEN_ALERTS_LOOKBACK_MS } from '../live/alert-book.js';

/** What the alert list reads instead of the store for active and acknowledged alerts. */
export interface OpenAlertsReader {
  /** False until the first seed finished: the list then reads the store as before. */
  ready(): boolean;
  /** The newest event of each open alert of the park. */
  events(): readonly AlertEvent[];
}

/** The park's open alerts in memory: fed from the alerts topic, seeded (and re-seeded after a reconnect) from the store. */
export interface OpenAlerts extends OpenAlertsReader {
  apply(event: AlertEvent): void;
  /** Apply the store's events over the look-back; order with live events does not matter (the newest event wins). */
  seed(): Promise<void>;
}

/**
 * An `AlertBook` for `GET /api/v1/alerts`. Only valid when this gateway sees every alert
 * event: with a share group each instance gets a share, so main.ts then passes none.
 */
export function createOpenAlerts(deps: { readonly store: TimeSeriesStore; readonly park: string; readonly clock: Clock; readonly lookbackMs?: number }): OpenAlerts {
  const book = new AlertBook();
  let seeded = false;
  return {
    ready: () => seeded,
    events: () => book.list(),
    apply: (event) => {
      if (event.park === deps.park) book.apply(event);
    },
    seed: async () => {
      const nowMs = deps.clock.nowMs();
      const events = await deps.store.queryAlertEvents({ park: deps.park, fromMs: nowMs - (deps.lookbackMs ?? OPEN_ALERTS_LOOKBACK_MS), toMs: nowMs + 60_000 });
      for (const e of events) book.apply(e);
      seeded = true;
    },
  };
}
