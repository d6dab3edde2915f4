import { describe, expect, it } from 'vitest';
import { Metrics } from './metrics.js';

describe('Metrics', () => {
  it('renders counters with labels, gauges and histograms in the Prometheus text format', () => {
    const m = new Metrics();
    m.inc('rejects_total', { code: 'unknown_meter' });
    m.inc('rejects_total', { code: 'unknown_meter' }, 2);
    m.inc('rejects_total', { code: 'payload_not_json' });
    m.gauge('spool_bytes', () => 42);
    m.observe('write_seconds', 0.004);
    m.observe('write_seconds', 0.2);
    const text = m.toPrometheus();
    expect(text).toContain('# TYPE rejects_total counter\nrejects_total{code="unknown_meter"} 3\nrejects_total{code="payload_not_json"} 1\n');
    expect(text).toContain('# TYPE spool_bytes gauge\nspool_bytes 42\n');
    expect(text).toContain('write_seconds_bucket{le="0.005"} 1\n');
    expect(text).toContain('write_seconds_bucket{le="0.25"} 2\n');
    expect(text).toContain('write_seconds_bucket{le="+Inf"} 2\nwrite_seconds_sum 0.20400000000000001\nwrite_seconds_count 2\n');
    expect(m.count('rejects_total', { code: 'unknown_meter' })).toBe(3);
  });
});
