type Labels = Readonly<Record<string, string>>;

/** Upper bounds (seconds) of latency histograms: 1 ms to 10 s. */
const BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * Counters, gauges and latency histograms a service keeps about itself (messages, rejects
 * by reason, spool depth, write latency), rendered in the Prometheus text format.
 */
export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly gauges = new Map<string, () => number>();
  private readonly histograms = new Map<string, Histogram>();

  /** Add `by` to the counter `name` with `labels`. */
  inc(name: string, labels?: Labels, by = 1): void {
    const key = labels === undefined ? name : seriesKey(name, labels);
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  /** A gauge read when metrics are rendered. */
  gauge(name: string, read: () => number): void {
    this.gauges.set(name, read);
  }

  /** Record one observation (seconds) in the histogram `name`. */
  observe(name: string, valueS: number): void {
    let h = this.histograms.get(name);
    if (h === undefined) {
      h = { counts: BUCKETS_S.map(() => 0), sum: 0, count: 0 };
      this.histograms.set(name, h);
    }
    for (let i = BUCKETS_S.length - 1; i >= 0 && valueS <= BUCKETS_S[i]!; i--) h.counts[i]!++;
    h.sum += valueS;
    h.count++;
  }

  /** The current value of a counter (0 when never incremented). */
  count(name: string, labels: Labels = {}): number {
    return this.counters.get(seriesKey(name, labels)) ?? 0;
  }

  /** Counters and gauges by series key, and each histogram's count and sum: for log lines. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = Object.fromEntries(this.counters);
    for (const [name, read] of this.gauges) out[name] = read();
    for (const [name, h] of this.histograms) {
      out[`${name}_count`] = h.count;
      out[`${name}_sum`] = Math.round(h.sum * 1e6) / 1e6;
    }
    return out;
  }

  /** Prometheus text exposition format (version 0.0.4). */
  toPrometheus(): string {
    const lines: string[] = [];
    const typed = new Set<string>();
    const type = (name: string, kind: string) => {
      if (!typed.has(name)) lines.push(`# TYPE ${name} ${kind}`);
      typed.add(name);
    };
    for (const [key, value] of this.counters) {
      type(key.split('{')[0]!, 'counter');
      lines.push(`${key} ${value}`);
    }
    for (const [name, read] of this.gauges) {
      type(name, 'gauge');
      lines.push(`${name} ${read()}`);
    }
    for (const [name, h] of this.histograms) {
      type(name, 'histogram');
      BUCKETS_S.forEach((bound, i) => lines.push(`${name}_bucket{le="${bound}"} ${h.counts[i]}`));
      lines.push(`${name}_bucket{le="+Inf"} ${h.count}`, `${name}_sum ${h.sum}`, `${name}_count ${h.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function seriesKey(name: string, labels: Labels): string {
  const entries = Object.entries(labels).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return name;
  return `${name}{${entries.map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`).join(',')}}`;
}
