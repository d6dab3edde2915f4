/** What a load run asks for. */
export interface LoadRequest {
  /** Meters in the fleet. */
  readonly meters: number;
  /** Target readings per second across the fleet. */
  readonly ratePerS: number;
  /** Total readings to publish. */
  readonly count: number;
}

/** How the fleet stream is shaped so that device time keeps up with the wall clock. */
export interface LoadShape {
  /** Device time between two readings of one meter. */
  readonly intervalMs: number;
  /** Readings per meter (the last round may be cut short by `count`). */
  readonly ticks: number;
}

/**
 * Each meter reports every `meters / rate` seconds, so that at the target rate device time
 * runs at wall-clock speed and the ingestor's time window (a few minutes ahead at most)
 * accepts every reading. Below 1 ms the interval is clamped, and device time runs ahead.
 */
export function loadShape(request: LoadRequest): LoadShape {
  const intervalMs = Math.max(1, Math.round((request.meters * 1000) / request.ratePerS));
  return { intervalMs, ticks: Math.ceil(request.count / request.meters) };
}
