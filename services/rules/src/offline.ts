import { alertText } from '@lingtan/schema';
import type { AlertText } from '@lingtan/schema';

/** A meter that has just gone silent. */
export interface OfflineMeter {
  readonly meter: string;
  /** Last receive time, or undefined when nothing was received since the watch started. */
  readonly lastRxMs: number | undefined;
  readonly silentMs: number;
  readonly timeoutMs: number;
}

interface Watched {
  readonly timeoutMs: number;
  lastRxMs: number | undefined;
  offline: boolean;
  /** When watching began, if after the tracker's start (a meter added to the registry). */
  readonly sinceMs?: number;
}

/**
 * Offline detection for one rule. Pure: the caller passes receive times and the current time
 * (from its Clock). A meter is offline once nothing has been received for its timeout (k
 * nominal intervals); a meter never heard from counts from when the watch started, so a
 * restart does not flag every meter at once.
 */
export class OfflineTracker {
  private readonly meters = new Map<string, Watched>();

  /** `timeouts`: meter id -> silence in ms after which it is offline. */
  constructor(
    timeouts: ReadonlyMap<string, number>,
    private readonly startMs: number,
  ) {
    for (const [meter, timeoutMs] of timeouts) this.meters.set(meter, { timeoutMs, lastRxMs: undefined, offline: false });
  }

  /** A reading of `meter` arrived at `rxMs`; true when this brings an offline meter back. */
  seen(meter: string, rxMs: number): boolean {
    const watched = this.meters.get(meter);
    if (watched === undefined) return false;
    if (watched.lastRxMs === undefined || rxMs > watched.lastRxMs) watched.lastRxMs = rxMs;
    const back = watched.offline;
    watched.offline = false;
    return back;
  }

  /** The meters that went offline since the last evaluation (each reported once per outage). */
  evaluate(nowMs: number): OfflineMeter[] {
    const changed: OfflineMeter[] = [];
    for (const [meter, w] of this.meters) {
      if (w.offline) continue;
      const silentMs = nowMs - (w.lastRxMs ?? w.sinceMs ?? this.startMs);
      if (silentMs < w.timeoutMs) continue;
      w.offline = true;
      changed.push({ meter, lastRxMs: w.lastRxMs, silentMs, timeoutMs: w.timeoutMs });
    }
    return changed;
  }

  /**
   * Follow the registry: watch `meter` with `timeoutMs` (a meter added, counted from `sinceMs`
   * like one never heard from; or a known one whose interval changed, keeping its last
   * reading and state), or stop watching it (`timeoutMs` undefined: removed).
   */
  rewatch(meter: string, timeoutMs: number | undefined, sinceMs: number): void {
    const old = this.meters.get(meter);
    if (timeoutMs === undefined) this.meters.delete(meter);
    else this.meters.set(meter, old === undefined ? { timeoutMs, lastRxMs: undefined, offline: false, sinceMs } : { ...old, timeoutMs });
  }

  /** A restored open offline alert: not reported again, and the next reading clears it. */
  markOffline(meter: string): void {
    const watched = this.meters.get(meter);
    if (watched !== undefined) watched.offline = true;
  }

  /** True while `meter` is offline. */
  isOffline(meter: string): boolean {
    return this.meters.get(meter)?.offline ?? false;
  }
}

/** A meter gone silent, in words: `no reading for 95 s (limit 90 s)`. */
export function offlineText(o: OfflineMeter): AlertText {
  return alertText('offline.silent', { silentS: Math.round(o.silentMs / 1000), limitS: o.timeoutMs / 1000 });
}

/** A child meter held back behind a silent parent that is silent still after the parent came back. */
export function stillSilentText(parent: string): AlertText {
  return alertText('offline.still_silent', { parent });
}
