import { Point } from '@influxdata/influxdb-client';
import { TELEMETRY_MEASUREMENT } from '../influx/line-protocol.js';
import type { TelemetryPoint } from '../port.js';

/**
 * What `@influxdata/influxdb-client` writes for the points: the oracle of the hand-written
 * `toLineProtocol` (line-protocol.test.ts) and what it is measured against
 * (bench/line-protocol.ts).
 */
export function clientLibraryLines(points: readonly TelemetryPoint[]): string {
  const lines: string[] = [];
  for (const p of points) {
    const point = new Point(TELEMETRY_MEASUREMENT).tag('park', p.park).tag('enterprise', p.enterprise).tag('meter', p.meter).tag('carrier', p.carrier).timestamp(p.tsMs);
    for (const [name, value] of Object.entries(p.values)) point.floatField(name, value);
    const line = point.toLineProtocol();
    if (line !== undefined) lines.push(line);
  }
  return lines.join('\n');
}
