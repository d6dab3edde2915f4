import { SEVERITIES } from '@lingtan/schema';
import type { AlertCounts, AlertEvent } from '@lingtan/schema';

function zeroCounts(): Record<keyof AlertCounts, number> {
  return Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<keyof AlertCounts, number>;
}

/** How far back the open alerts are read from the store at start: the live counts and the alert list use the same. */
export const OPEN_ALERTS_LOOKBACK_MS = 30 * 86_400_000;

/**
 * The open (active or acknowledged) alerts, from their lifecycle events: the newest event of
 * each alert wins (events carry the alert as it is after the change), and a cleared alert
 * leaves the book. A redelivered or older event changes nothing.
 */
export class AlertBook {
  private readonly open = new Map<string, AlertEvent>();
  private readonly lastAtMs = new Map<string, number>();

  /** Apply one event; returns false when it was older than what the book already has. */
  apply(event: AlertEvent): boolean {
    const seen = this.lastAtMs.get(event.alertId);
    if (seen !== undefined && event.atMs < seen) return false;
    this.lastAtMs.set(event.alertId, event.atMs);
    if (event.state === 'cleared') this.open.delete(event.alertId);
    else this.open.set(event.alertId, event);
    return true;
  }

  /** Open alerts per severity: the whole park's, or one enterprise's (owner scope enterprise). */
  counts(enterprise?: string): AlertCounts {
    const out = zeroCounts();
    for (const a of this.open.values()) {
      if (enterprise === undefined || (a.owner.scope === 'enterprise' && a.owner.id === enterprise)) out[a.severity] += 1;
    }
    return out;
  }

  /** The open alerts' newest events (for the gateway's alert list, which reads no store for them). */
  list(): AlertEvent[] {
    return [...this.open.values()];
  }

  /** Number of open alerts owned by the enterprise. */
  countOf(enterprise: string): number {
    let n = 0;
    for (const a of this.open.values()) if (a.owner.scope === 'enterprise' && a.owner.id === enterprise) n += 1;
    return n;
  }
}
