import type { DuckDBConnection } from '@duckdb/node-api';
import { carrierSchema } from '@lingtan/schema';
import type { LatestQuery, TelemetryPoint, TelemetryQuery } from '../port.js';
import { StoreError } from '../port.js';
import { selectLatest, selectPoints } from './duckdb-sql.js';
import type { SelectParams } from './duckdb-sql.js';

/** Points matching the query, ordered by time then meter (then enterprise, carrier: a total order). */
export async function queryPoints(connection: DuckDBConnection, q: TelemetryQuery): Promise<TelemetryPoint[]> {
  if (Number.isNaN(q.fromMs) || Number.isNaN(q.toMs)) throw rejected(`time range [${q.fromMs}, ${q.toMs}) is not a number`);
  if (q.limit !== undefined && !(Number.isSafeInteger(q.limit) && q.limit >= 0)) throw rejected(`limit ${q.limit} is not a non-negative integer`);
  return readPoints(connection, q.park, selectPoints(q, q.limit));
}

/** The newest point of each meter (all its quantities at that time), ordered by meter. */
export async function queryLatest(connection: DuckDBConnection, q: LatestQuery): Promise<TelemetryPoint[]> {
  if (q.sinceMs !== undefined && Number.isNaN(q.sinceMs)) throw rejected(`sinceMs ${q.sinceMs} is not a number`);
  return readPoints(connection, q.park, selectLatest(q));
}

/** Run a statement selecting (enterprise, meter, carrier, ts_ms, vals JSON) rows as points. */
async function readPoints(connection: DuckDBConnection, park: string, { sql, params }: { sql: string; params: SelectParams }): Promise<TelemetryPoint[]> {
  const result = await connection.run(sql, params);
  const points: TelemetryPoint[] = [];
  // Column by column per chunk: the cheapest way through the bindings (no per-row arrays).
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const [enterprises, meters, carriers, timestamps, values] = [0, 1, 2, 3, 4].map((i) => chunk.getColumnValues(i));
    for (let row = 0; row < chunk.rowCount; row++) {
      points.push(toPoint(park, enterprises?.[row], meters?.[row], carriers?.[row], timestamps?.[row], values?.[row]));
    }
  }
  return points;
}

/** One selected row as a point; the row shape is checked, not assumed. */
function toPoint(park: string, enterprise: unknown, meter: unknown, carrier: unknown, tsMs: unknown, json: unknown): TelemetryPoint {
  if (typeof enterprise !== 'string' || typeof meter !== 'string' || typeof tsMs !== 'bigint' || typeof json !== 'string') {
    throw rejected('unexpected row shape in the telemetry table');
  }
  const parsedCarrier = carrierSchema.safeParse(carrier);
  if (!parsedCarrier.success) throw rejected(`unknown carrier ${String(carrier)} stored for meter ${meter}`);
  return { park, enterprise, meter, carrier: parsedCarrier.data, tsMs: Number(tsMs), values: parseValues(json, meter) };
}

/** The `{quantity: value}` object built by json_group_object; every value must be a number. */
function parseValues(json: string, meter: string): Record<string, number> {
  const parsed: unknown = JSON.parse(json);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw rejected(`quantities of meter ${meter} are not an object`);
  const entries: [string, unknown][] = Object.entries(parsed);
  const values: [string, number][] = [];
  for (const [quantity, value] of entries) {
    if (typeof value !== 'number') throw rejected(`quantity ${quantity} of meter ${meter} is not a number`);
    values.push([quantity, value]);
  }
  return Object.fromEntries(values); // defines properties, so any key (even __proto__) survives
}

function rejected(detail: string): StoreError {
  return new StoreError(`DuckDB query rejected: ${detail}`, 'store_rejected', false);
}
