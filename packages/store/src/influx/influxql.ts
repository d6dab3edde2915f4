import type { LatestQuery, TelemetryQuery } from '../port.js';
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

/**
 * The newest point of each meter: `SELECT * ... GROUP BY "meter" ORDER BY time DESC LIMIT 1`
 * returns, per meter, the fields of its one newest point (fields that point lacks come back
 * null and are dropped). `SELECT LAST(*)` would be wrong here: it takes each field's last
 * value on its own, so a quantity reported an hour ago would be mixed into the newest reading,
 * and its time column is not the point's time.
 */
export function selectLatest(q: LatestQuery): string {
  const where = [`"park" = ${stringLiteral(q.park)}`];
  if (q.enterprise !== undefined) where.push(`"enterprise" = ${stringLiteral(q.enterprise)}`);
  if (q.meter !== undefined) where.push(`"meter" = ${stringLiteral(q.meter)}`);
  if (q.sinceMs !== undefined) where.push(`time >= ${Math.ceil(q.sinceMs)}ms`);
  return `SELECT * FROM ${identifier(TELEMETRY_MEASUREMENT)} WHERE ${where.join(' AND ')} GROUP BY "meter" ORDER BY time DESC LIMIT 1`;
}
