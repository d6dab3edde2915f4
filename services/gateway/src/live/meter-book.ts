import type { Carrier, Meter } from '@lingtan/schema';

/** A meter's newest state: values at its newest device time, and when it last reported. */
export interface MeterState {
  readonly meter: Meter;
  /** Values of the newest reading by device time (canonical wire units). */
  values: Record<string, number>;
  /** Device time of those values; null before the first reading. */
  tsMs: number | null;
  /** When the meter was last heard from (receive time, or device time for seeded values). */
  seenMs: number | null;
  /** Device time of the newest reading whose deltas were counted: a replay or redelivery is not counted twice. */
  countedTsMs: number;
}

/** A meter's reporting status, as `meterStatus()` lists it. */
export interface MeterStatusRow {
  readonly meter: string;
  readonly enterprise: string;
  readonly carrier: Carrier;
  readonly lastReadingMs: number | null;
  readonly online: boolean;
}

/** Readings missed before a meter counts as offline. */
export const OFFLINE_AFTER_INTERVALS = 3;

/**
 * Newest values and online status of every registry meter. A meter is online while it was
 * heard from within 3 of its nominal intervals (`interval_s`); one never heard from is offline.
 */
export class MeterBook {
  private readonly states = new Map<string, MeterState>();

  constructor(meters: readonly Meter[]) {
    for (const meter of meters) this.states.set(meter.id, { meter, values: {}, tsMs: null, seenMs: null, countedTsMs: -Infinity });
  }

  /**
   * Follow a registry change: new meters start empty, removed ones are dropped, and a changed
   * meter (its name, parent, interval...) keeps its newest values and counted time, so a
   * registry edit neither blanks the live figures nor counts a delta twice.
   */
  sync(meters: readonly Meter[]): void {
    const keep = new Set(meters.map((m) => m.id));
    for (const id of [...this.states.keys()]) if (!keep.has(id)) this.states.delete(id);
    for (const meter of meters) {
      const old = this.states.get(meter.id);
      this.states.set(meter.id, old === undefined ? { meter, values: {}, tsMs: null, seenMs: null, countedTsMs: -Infinity } : { ...old, meter });
    }
  }

  get(id: string): MeterState | undefined {
    return this.states.get(id);
  }

  all(): IterableIterator<MeterState> {
    return this.states.values();
  }

  /** Take a reading's values when it is the newest by device time; `seenMs` always moves on. */
  observe(state: MeterState, tsMs: number, seenMs: number, values: Readonly<Record<string, number>>): void {
    if (state.tsMs === null || tsMs > state.tsMs) {
      state.values = { ...values };
      state.tsMs = tsMs;
    } else if (tsMs === state.tsMs) Object.assign(state.values, values);
    if (state.seenMs === null || seenMs > state.seenMs) state.seenMs = seenMs;
  }

  online(state: MeterState, nowMs: number): boolean {
    return state.seenMs !== null && nowMs - state.seenMs <= OFFLINE_AFTER_INTERVALS * state.meter.interval_s * 1000;
  }

  status(nowMs: number): MeterStatusRow[] {
    return [...this.states.values()].map((s) => ({ meter: s.meter.id, enterprise: s.meter.enterprise, carrier: s.meter.carrier, lastReadingMs: s.tsMs, online: this.online(s, nowMs) }));
  }
}
