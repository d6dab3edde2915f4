import type { PublishCounters } from '../publisher.js';

/**
 * Print a progress line every `everyMs` (rate over the last interval, acknowledged,
 * errors, in flight) until the returned function is called.
 */
export function startProgress(label: string, counters: PublishCounters, everyMs: number, write: (line: string) => void = (line) => console.error(line)): () => void {
  let lastAcked = counters.acked;
  let lastMs = Date.now();
  const timer = setInterval(() => {
    const nowMs = Date.now();
    const rate = Math.round(((counters.acked - lastAcked) * 1000) / Math.max(1, nowMs - lastMs));
    lastAcked = counters.acked;
    lastMs = nowMs;
    write(`${label}: ${counters.acked} messages published, ${rate}/s, ${counters.errors} errors, ${counters.published - counters.acked - counters.errors} in flight`);
  }, everyMs);
  return () => clearInterval(timer);
}

/** Messages per second, whole. */
export const ratePerS = (count: number, elapsedMs: number): number => (elapsedMs > 0 ? Math.round((count * 1000) / elapsedMs) : count);

/** An AbortSignal that fires on SIGINT or SIGTERM, so a long run ends with its summary. */
export function stopSignal(): AbortSignal {
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  process.once('SIGTERM', () => abort.abort());
  return abort.signal;
}
