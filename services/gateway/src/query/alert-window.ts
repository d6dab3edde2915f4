import { ApiFailure } from '../http/api-error.js';

const DAY_MS = 86_400_000;
/** History of `GET /api/v1/alerts` without `from`: the last 30 days (the live model's look-back). */
export const ALERT_HISTORY_DEFAULT_MS = 30 * DAY_MS;
/** Longest history one request may read from the store: a quarter. */
export const ALERT_HISTORY_MAX_MS = 93 * DAY_MS;
/** `to` defaults a minute past now, so an event stamped by a clock slightly ahead is still listed. */
export const ALERT_CLOCK_SLACK_MS = 60_000;

/**
 * The time range of an alert list: `to` (default now + slack), `from` (default `to` minus the
 * default window); wider than the maximum is 400 `range_too_large` naming `from`.
 */
export function alertWindow(q: { readonly from?: number; readonly to?: number }, nowMs: number): { fromMs: number; toMs: number } {
  const toMs = q.to ?? nowMs + ALERT_CLOCK_SLACK_MS;
  const fromMs = q.from ?? toMs - ALERT_HISTORY_DEFAULT_MS;
  if (toMs - fromMs > ALERT_HISTORY_MAX_MS) {
    throw new ApiFailure(400, 'range_too_large', `alert history covers at most ${ALERT_HISTORY_MAX_MS / DAY_MS} days; narrow "from" and "to"`, 'from');
  }
  return { fromMs, toMs };
}
