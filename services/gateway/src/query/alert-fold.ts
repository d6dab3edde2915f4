import type { Alert, AlertEvent } from '@lingtan/schema';

/** Revision of an event (`{alertId}:{revision}`), or -1 when the id carries none. */
function revisionOf(event: AlertEvent): number {
  const tail = event.eventId.slice(event.eventId.lastIndexOf(':') + 1);
  return /^\d+$/.test(tail) ? Number(tail) : -1;
}

/** Whether `a` is a later state of its alert than `b`: later event time, then higher revision. */
const isLater = (a: AlertEvent, b: AlertEvent) => a.atMs > b.atMs || (a.atMs === b.atMs && revisionOf(a) > revisionOf(b));

/**
 * The newest state of each alert from its lifecycle events (any order, duplicates harmless),
 * as `Alert`s (the event envelope dropped), newest first by last change.
 */
export function foldAlerts(events: Iterable<AlertEvent>): Alert[] {
  const newest = new Map<string, AlertEvent>();
  for (const e of events) {
    const seen = newest.get(e.alertId);
    if (seen === undefined || isLater(e, seen)) newest.set(e.alertId, e);
  }
  return [...newest.values()]
    .sort((a, b) => b.atMs - a.atMs || b.alertId.localeCompare(a.alertId))
    .map(({ v: _v, eventId: _eventId, type: _type, atMs: _atMs, ...alert }) => alert);
}

/** `open` = active or acknowledged. */
export function stateMatches(alert: Alert, state: 'active' | 'acknowledged' | 'cleared' | 'open' | undefined): boolean {
  if (state === undefined) return true;
  if (state === 'open') return alert.state !== 'cleared';
  return alert.state === state;
}
