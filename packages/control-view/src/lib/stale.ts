/**
 * When a figure stops being current. The gateway marks a meter stale after 3 nominal
 * intervals; the cockpit applies the same rule to what it holds, because a value that was
 * fresh when it arrived ages while it sits on the screen (and a dropped connection sends
 * nothing to say so).
 */

/** Intervals without a reading after which a value is stale (the gateway's rule too). */
export const STALE_INTERVALS = 3;

/** Park and enterprise summaries are stale after this long without a newer reading. */
export const SUMMARY_STALE_MS = 60_000;

/**
 * True when `lastMs` is older than `thresholdMs` at `nowMs`, or missing. Exactly at the
 * threshold still counts as current (a 15 s meter read 45 s ago is on time, not late).
 */
export function isStale(lastMs: number | null | undefined, nowMs: number, thresholdMs: number): boolean {
  if (lastMs === null || lastMs === undefined) return true;
  return nowMs - lastMs > thresholdMs;
}

/** The stale threshold of a meter reporting every `intervalS` seconds. */
export function meterStaleMs(intervalS: number): number {
  return STALE_INTERVALS * intervalS * 1000;
}

/** What the connection indicator shows. */
export type ConnectionState = 'connected' | 'reconnecting' | 'offline';

/**
 * The indicator's state from the socket's facts: connected is connected; a socket that is
 * trying again is reconnecting for its first `offlineAfterMs`, then offline (so a brief blip
 * shows amber, a long outage red).
 */
export function connectionState(connected: boolean, disconnectedSinceMs: number | null, nowMs: number, offlineAfterMs = 15_000): ConnectionState {
  if (connected) return 'connected';
  if (disconnectedSinceMs === null) return 'reconnecting';
  return nowMs - disconnectedSinceMs > offlineAfterMs ? 'offline' : 'reconnecting';
}
