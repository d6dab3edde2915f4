import type { LatestQuery, TelemetryQuery } from '../port.js';

/** The stored table: one row per (point, quantity), so new quantity names need no schema change. */
export const TELEMETRY_TABLE = 'telemetry';
/** Per-connection staging table the appender fills; DuckDB keeps TEMP tables in catalog `temp`. */
export const STAGING_TABLE = 'telemetry_staging';
export const STAGING_SCHEMA = 'main';
export const STAGING_CATALOG = 'temp';

const POINT_KEY = 'park, enterprise, meter, carrier, ts_ms';

// No PRIMARY KEY: measured here, its ART index made the file ~12x larger and writes ~25%
// slower. Uniqueness of (point key, quantity) is kept by MERGE_STAGED instead. That is safe
// because merges into a file never interleave: DuckDB locks other processes out of the file,
// and in this process every store on it shares one queue (duckdb-database.ts).
export const CREATE_TELEMETRY = `CREATE TABLE IF NOT EXISTS ${TELEMETRY_TABLE} (
  park VARCHAR NOT NULL,
  enterprise VARCHAR NOT NULL,
  meter VARCHAR NOT NULL,
  carrier VARCHAR NOT NULL,
  ts_ms BIGINT NOT NULL,
  quantity VARCHAR NOT NULL,
  value DOUBLE NOT NULL
)`;

/** Column order matches the appender calls in duckdb-write.ts. `seq` orders rows within a batch. */
export const CREATE_STAGING = `CREATE TEMP TABLE IF NOT EXISTS ${STAGING_TABLE} (
  seq INTEGER NOT NULL,
  park VARCHAR NOT NULL,
  enterprise VARCHAR NOT NULL,
  meter VARCHAR NOT NULL,
  carrier VARCHAR NOT NULL,
  ts_ms BIGINT NOT NULL,
  quantity VARCHAR NOT NULL,
  value DOUBLE NOT NULL
)`;

/**
 * Upsert the staged rows: the last staged value of each (point, quantity) wins (arg_max over
 * `seq`), and quantities not in the batch keep their stored values, so fields merge as the
 * port requires. DuckDB prunes the target scan by the batch's ts_ms range (join filter
 * pushdown), so a batch of recent readings does not scan the whole table.
 */
export const MERGE_STAGED = `MERGE INTO ${TELEMETRY_TABLE} AS t
USING (
  SELECT ${POINT_KEY}, quantity, arg_max(value, seq) AS value
  FROM ${STAGING_CATALOG}.${STAGING_TABLE}
  GROUP BY ${POINT_KEY}, quantity
) AS s
ON t.ts_ms = s.ts_ms AND t.meter = s.meter AND t.enterprise = s.enterprise
  AND t.park = s.park AND t.carrier = s.carrier AND t.quantity = s.quantity
WHEN MATCHED THEN UPDATE SET value = s.value
WHEN NOT MATCHED THEN INSERT BY NAME`;

export const CLEAR_STAGING = `DELETE FROM ${STAGING_CATALOG}.${STAGING_TABLE}`;

/** Named parameters of {@link selectPoints}; ts bounds are BIGINT so the ts_ms zone maps apply. */
export type SelectParams = Record<string, string | bigint>;

/**
 * One row per point, ordered by time then meter; LIMIT applies after grouping, so it counts
 * points, not quantity rows. Quantities come back as one JSON object per point: measured
 * here, reading it and JSON.parse cost about a third of converting two DuckDB lists through
 * the bindings, and DuckDB prints doubles in round-trip form. `park` is not selected: it is
 * the filter value.
 */
export function selectPoints(q: TelemetryQuery, limit: number | undefined): { sql: string; params: SelectParams } {
  const { where, params } = meterFilter(q);
  params.fromMs = msBound(q.fromMs);
  params.toMs = msBound(q.toMs);
  where.push('ts_ms >= $fromMs', 'ts_ms < $toMs');
  const sql = `SELECT enterprise, meter, carrier, ts_ms, json_group_object(quantity, value)::VARCHAR AS vals
FROM ${TELEMETRY_TABLE}
WHERE ${where.join(' AND ')}
GROUP BY ${POINT_KEY}
ORDER BY ts_ms, meter, enterprise, carrier${limit === undefined ? '' : `\nLIMIT ${limit}`}`;
  return { sql, params };
}

/**
 * The newest point of each meter, in the row shape of {@link selectPoints}, ordered by meter.
 * `max(ts_ms)` per meter is a hash aggregate over one column; the join back then reads only
 * the rows at those times (DuckDB pushes the joined ts_ms range down as a filter). A window
 * (`QUALIFY ts_ms = max(ts_ms) OVER (PARTITION BY meter)`) would sort every row of the park
 * by meter instead.
 */
export function selectLatest(q: LatestQuery): { sql: string; params: SelectParams } {
  const { where, params } = meterFilter(q);
  if (q.sinceMs !== undefined) {
    params.sinceMs = msBound(q.sinceMs);
    where.push('ts_ms >= $sinceMs');
  }
  const filter = where.join(' AND ');
  const sql = `WITH newest AS (
  SELECT meter, max(ts_ms) AS ts_ms FROM ${TELEMETRY_TABLE} WHERE ${filter} GROUP BY meter
)
SELECT t.enterprise, t.meter, t.carrier, t.ts_ms, json_group_object(t.quantity, t.value)::VARCHAR AS vals
FROM ${TELEMETRY_TABLE} AS t JOIN newest AS n ON t.meter = n.meter AND t.ts_ms = n.ts_ms
WHERE ${where.map((w) => `t.${w}`).join(' AND ')}
GROUP BY t.park, t.enterprise, t.meter, t.carrier, t.ts_ms
ORDER BY t.meter, t.enterprise, t.carrier`;
  return { sql, params };
}

/** `park = $park` and the optional enterprise and meter conditions (column names unqualified). */
function meterFilter(q: { readonly park: string; readonly enterprise?: string | undefined; readonly meter?: string | undefined }): { where: string[]; params: SelectParams } {
  const params: SelectParams = { park: q.park };
  const where = ['park = $park'];
  if (q.enterprise !== undefined) {
    params.enterprise = q.enterprise;
    where.push('enterprise = $enterprise');
  }
  if (q.meter !== undefined) {
    params.meter = q.meter;
    where.push('meter = $meter');
  }
  return { where, params };
}

/**
 * A query bound as a BIGINT. Stored timestamps are safe integers, so rounding up keeps the
 * half-open range exact (ts >= from <=> ts >= ceil(from); same for ts < to) and clamping to
 * the safe range keeps +-Infinity meaning "unbounded".
 */
export function msBound(ms: number): bigint {
  return BigInt(Math.ceil(Math.min(Math.max(ms, Number.MIN_SAFE_INTEGER), Number.MAX_SAFE_INTEGER)));
}
