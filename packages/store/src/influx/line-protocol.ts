import { Point } from '@influxdata/influxdb-client';
import type { TelemetryPoint } from '../port.js';

/** The measurement every reading lands in. */
export const TELEMETRY_MEASUREMENT = 'telemetry';

/**
 * Encode points as InfluxDB line protocol with millisecond timestamps (write with
 * `precision=ms`). Every quantity is a float field, so a register that happens to be a
 * whole number never becomes an integer field and conflicts with the next reading.
 */
export function toLineProtocol(points: readonly TelemetryPoint[]): string {
  const lines: string[] = [];
  for (const p of points) {
    const point = new Point(TELEMETRY_MEASUREMENT)
      .tag('park', p.park)
      .tag('enterprise', p.enterprise)
      .tag('meter', p.meter)
      .tag('carrier', p.carrier)
      .timestamp(p.tsMs);
    for (const [name, value] of Object.entries(p.values)) point.floatField(name, value);
    const line = point.toLineProtocol();
    if (line !== undefined) lines.push(line);
  }
  return lines.join('\n');
}
