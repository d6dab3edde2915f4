/** Series arithmetic for charts: the gateway returns one series per meter. */

/** A series' points `[epochMs, value]`. */
export type Points = readonly (readonly [number, number])[];

/**
 * The pointwise sum of series on the same buckets (an enterprise's load = its main meters'
 * loads). A bucket missing in one series is summed over the series that have it.
 */
export function sumSeries(series: readonly Points[]): [number, number][] {
  const sums = new Map<number, number>();
  for (const s of series) for (const [t, v] of s) sums.set(t, (sums.get(t) ?? 0) + v);
  return [...sums.entries()].sort((a, b) => a[0] - b[0]);
}

/** The series moved by `deltaMs` (yesterday's curve drawn over today's hours: +86,400,000). */
export function shiftSeries(points: Points, deltaMs: number): [number, number][] {
  return points.map(([t, v]) => [t + deltaMs, v]);
}

/** Meters whose sum is the enterprise's load: its main meters, else every electricity meter. */
export function loadMeters<M extends { readonly id: string; readonly role: string; readonly carrier: string }>(meters: readonly M[]): M[] {
  const main = meters.filter((m) => m.role === 'main' && (m.carrier === 'electricity' || m.carrier === 'distribution'));
  return main.length > 0 ? main : meters.filter((m) => m.carrier === 'electricity');
}
