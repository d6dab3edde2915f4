import type { TelemetryQuery } from '../port.js';
import { TELEMETRY_MEASUREMENT } from './line-protocol.js';

/** An InfluxQL string literal: single quotes, with `\` and `'` escaped. */
export function stringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** An InfluxQL identifier in double quotes. */
export function identifier(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The SELECT for a telemetry query; times are epoch ms, the range half-open. */
export function selectTelemetry(q: TelemetryQuery): string {
  const where = [`"park" = ${stringLiteral(q.park)}`];
  if (q.enterprise !== undefined) where.push(`"enterprise" = ${stringLiteral(q.enterprise)}`);
  if (q.meter !== undefined) where.push(`"meter" = ${stringLiteral(q.meter)}`);
  where.push(`time >= ${Math.trunc(q.fromMs)}ms`, `time < ${Math.trunc(q.toMs)}ms`);
  const limit = q.limit === undefined ? '' : ` LIMIT ${Math.trunc(q.limit)}`;
  return `SELECT * FROM ${identifier(TELEMETRY_MEASUREMENT)} WHERE ${where.join(' AND ')} ORDER BY time ASC${limit}`;
}
