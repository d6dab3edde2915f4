/**
 * Counters and gauges a service keeps about itself (messages, rejects by reason, batch
 * sizes, buffer depth). Rendered as Prometheus text for scraping and logged on shutdown.
 */
export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly gauges = new Map<string, () => number>();

  /** Add `by` to the counter `name` with `labels`. */
  inc(name: string, labels: Readonly<Record<string, string>> = {}, by = 1): void {
    const key = seriesKey(name, labels);
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  /** A gauge read when metrics are rendered. */
  gauge(name: string, read: () => number): void {
    this.gauges.set(name, read);
  }

  /** The current value of a counter (0 when never incremented). */
  count(name: string, labels: Readonly<Record<string, string>> = {}): number {
    return this.counters.get(seriesKey(name, labels)) ?? 0;
  }

  /** Every counter and gauge, by series key. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = Object.fromEntries(this.counters);
    for (const [name, read] of this.gauges) out[name] = read();
    return out;
  }

  /** Prometheus text exposition format. */
  toPrometheus(): string {
    return Object.entries(this.snapshot())
      .map(([key, value]) => `${key} ${value}`)
      .join('\n');
  }
}

function seriesKey(name: string, labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return name;
  return `${name}{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}`;
}
