import type { Alert, AlertEvent, Severity } from '@lingtan/schema';

/** Severity order, most urgent first (the schema's SEVERITIES, repeated here so no zod ships). */
export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'major', 'minor', 'warning', 'info'];

/**
 * Folds an alert lifecycle event into the alerts the view holds (by alertId). The feed is
 * at-least-once and a REST refresh can race an event, so an older revision never overwrites
 * a newer one: the newer `lastSeenMs`/state change wins, and ties keep what is there.
 */
export function mergeAlert(current: ReadonlyMap<string, Alert>, incoming: Alert | AlertEvent): Map<string, Alert> {
  const next = new Map(current);
  const have = current.get(incoming.alertId);
  if (have === undefined || revisionMs(incoming) > revisionMs(have)) next.set(incoming.alertId, stripEvent(incoming));
  return next;
}

function revisionMs(a: Alert): number {
  return Math.max(a.lastSeenMs, a.acknowledged?.atMs ?? 0, a.cleared?.atMs ?? 0);
}

function stripEvent(a: Alert | AlertEvent): Alert {
  if (!('eventId' in a)) return a;
  const { v: _v, eventId: _e, type: _t, atMs: _a, ...alert } = a;
  return alert;
}

/** What the alert list's filter bar holds. */
export interface AlertFilter {
  readonly severity: Severity | 'all';
  /** An enterprise id, or 'all'. */
  readonly enterprise: string;
  readonly state: Alert['state'] | 'open' | 'all';
}

/** The alerts that pass the filter, newest first (by last seen), the most urgent first on a tie. */
export function filterAlerts(alerts: Iterable<Alert>, f: AlertFilter): Alert[] {
  const out: Alert[] = [];
  for (const a of alerts) {
    if (f.severity !== 'all' && a.severity !== f.severity) continue;
    if (f.enterprise !== 'all' && a.owner.id !== f.enterprise) continue;
    if (f.state === 'open' && a.state === 'cleared') continue;
    if (f.state !== 'all' && f.state !== 'open' && a.state !== f.state) continue;
    out.push(a);
  }
  return out.sort((a, b) => b.lastSeenMs - a.lastSeenMs || SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

/**
 * Appends a live sample to a bounded series: a sample at or before the last one (a snapshot
 * after a reconnect repeats the last second) replaces nothing and is dropped; the oldest
 * points leave once `maxPoints` is reached.
 */
export function appendSample(series: readonly (readonly [number, number])[], atMs: number, value: number, maxPoints: number): (readonly [number, number])[] {
  const last = series[series.length - 1];
  if (last !== undefined && atMs <= last[0]) return [...series];
  const next = [...series, [atMs, value] as const];
  return next.length > maxPoints ? next.slice(next.length - maxPoints) : next;
}

/**
 * A live line with its outages shown: between two samples further apart than `maxGapMs` a
 * null point goes in, so the chart breaks the line instead of drawing a straight ramp
 * across a time nothing was received (a dropped connection looked like a smooth change).
 */
export function withGaps(points: readonly (readonly [number, number])[], maxGapMs: number): (readonly [number, number | null])[] {
  const out: (readonly [number, number | null])[] = [];
  let prev: readonly [number, number] | undefined;
  for (const p of points) {
    if (prev !== undefined && p[0] - prev[0] > maxGapMs) out.push([Math.round((prev[0] + p[0]) / 2), null]);
    out.push(p);
    prev = p;
  }
  return out;
}
