import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { AlertEvent } from '@lingtan/schema';
import { assertLimit, parseStoredAlertEvent, writableAlertEvents } from '../alert-events.js';
import type { AlertEventQuery } from '../port.js';
import { StoreError } from '../port.js';
import { msBound } from './duckdb-sql.js';

export const ALERT_EVENTS_TABLE = 'alert_events';

/**
 * One row per event, keyed by its id, so writing an event again replaces it. Unlike the
 * telemetry table this one has a primary key: a park raises alerts by the thousand, not
 * readings by the million, so the index costs nothing that matters. The event is kept whole as
 * JSON (read back through the schema); the other columns are what queries filter on.
 */
export const CREATE_ALERT_EVENTS = `CREATE TABLE IF NOT EXISTS ${ALERT_EVENTS_TABLE} (
  event_id VARCHAR PRIMARY KEY,
  park VARCHAR NOT NULL,
  owner_scope VARCHAR NOT NULL,
  owner_id VARCHAR NOT NULL,
  alert_id VARCHAR NOT NULL,
  at_ms BIGINT NOT NULL,
  event VARCHAR NOT NULL
)`;

const COLUMNS = 7;
/** Rows per INSERT: DuckDB binds at most a few thousand parameters comfortably. */
const ROWS_PER_INSERT = 200;

/**
 * Upsert the events in one transaction. The batch is deduplicated first: DuckDB refuses an
 * INSERT OR REPLACE that names one key twice.
 */
export async function writeAlertEvents(connection: DuckDBConnection, events: readonly AlertEvent[]): Promise<void> {
  const rows = writableAlertEvents(events, 'DuckDB');
  if (rows.length === 0) return;
  await connection.run('BEGIN TRANSACTION');
  try {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const chunk = rows.slice(i, i + ROWS_PER_INSERT);
      const values: DuckDBValue[] = chunk.flatMap((e) => [e.eventId, e.park, e.owner.scope, e.owner.id, e.alertId, BigInt(e.atMs), JSON.stringify(e)]);
      const tuples = chunk.map((_, r) => `(${Array.from({ length: COLUMNS }, (_, c) => `$${r * COLUMNS + c + 1}`).join(', ')})`);
      await connection.run(`INSERT OR REPLACE INTO ${ALERT_EVENTS_TABLE} VALUES ${tuples.join(', ')}`, values);
    }
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Events matching the query, by time then id; rows whose JSON no longer parses are skipped and counted. */
export async function queryAlertEvents(connection: DuckDBConnection, q: AlertEventQuery): Promise<{ events: AlertEvent[]; skipped: number }> {
  if (Number.isNaN(q.fromMs) || Number.isNaN(q.toMs)) throw rejected(`time range [${q.fromMs}, ${q.toMs}) is not a number`);
  assertLimit(q.limit, 'DuckDB');
  const params: Record<string, string | bigint> = { park: q.park, fromMs: msBound(q.fromMs), toMs: msBound(q.toMs) };
  const where = ['park = $park', 'at_ms >= $fromMs', 'at_ms < $toMs'];
  if (q.owner !== undefined) {
    params.ownerScope = q.owner.scope;
    params.ownerId = q.owner.id;
    where.push('owner_scope = $ownerScope', 'owner_id = $ownerId');
  }
  if (q.alertId !== undefined) {
    params.alertId = q.alertId;
    where.push('alert_id = $alertId');
  }
  // A skipped row still counts against LIMIT; such rows only appear after a schema change.
  const sql = `SELECT event FROM ${ALERT_EVENTS_TABLE} WHERE ${where.join(' AND ')} ORDER BY at_ms, event_id${q.limit === undefined ? '' : ` LIMIT ${q.limit}`}`;
  const result = await connection.run(sql, params);
  const events: AlertEvent[] = [];
  let skipped = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    for (const json of result.getChunk(c).getColumnValues(0)) {
      const event = parseStoredAlertEvent(json);
      if (event === undefined) skipped++;
      else events.push(event);
    }
  }
  return { events, skipped };
}

function rejected(detail: string): StoreError {
  return new StoreError(`DuckDB query rejected: ${detail}`, 'store_rejected', false);
}
