import type { DuckDBConnection } from '@duckdb/node-api';
import { aggregatePoints } from '../aggregate.js';
import type { TelemetryPoint, TelemetryQuery, TimeSeriesStore } from '../port.js';
import { acquireDatabase } from './duckdb-database.js';
import { toStoreError } from './duckdb-errors.js';
import { queryAlertEvents, writeAlertEvents } from './duckdb-alert-events.js';
import { queryLatest, queryPoints } from './duckdb-read.js';
import { writePoints } from './duckdb-write.js';

/** Where the embedded database lives. */
export interface DuckDbStoreOptions {
  /** Path of the DuckDB file (parent directories are created), or ':memory:' for a throwaway store. */
  readonly path: string;
}

/**
 * The embedded adapter: a DuckDB file, so the platform runs on a fresh machine with no
 * InfluxDB. The file is opened on first use and held until close(). DuckDB lets one process
 * open a file: another process gets a retriable `store_unavailable`, while stores in this
 * process on the same file share one connection.
 */
export function createDuckDbStore(options: DuckDbStoreOptions): TimeSeriesStore & { readonly skippedAlertEvents: number } {
  const database = acquireDatabase(options.path);
  // Calls run one at a time: a write is several statements in one transaction on the shared
  // connection, and another call's statement must not land inside it.
  const run = async <T>(action: string, task: (connection: DuckDBConnection) => Promise<T>): Promise<T> => {
    try {
      return await database.use(task);
    } catch (error) {
      throw toStoreError(error, action);
    }
  };
  let skippedAlertEvents = 0;
  return {
    /** Stored alert events skipped on read because they no longer parse. */
    get skippedAlertEvents() {
      return skippedAlertEvents;
    },
    init: () => run('open', () => Promise.resolve()),
    write: (points: readonly TelemetryPoint[]) => run('write', (connection) => writePoints(connection, points)),
    query: (q: TelemetryQuery) => run('query', (connection) => queryPoints(connection, q)),
    // Computed on read: DuckDB scans a meter-month of 15-second readings in well under a second.
    queryAggregates: async (q) => aggregatePoints(await run('query', (connection) => queryPoints(connection, { ...q, limit: undefined })), q.resolution, q.timeZone),
    refreshRollups: () => Promise.resolve(),
    latest: (q) => run('query', (connection) => queryLatest(connection, q)),
    writeAlertEvents: (events) => run('write', (connection) => writeAlertEvents(connection, events)),
    queryAlertEvents: async (q) => {
      const { events, skipped } = await run('query', (connection) => queryAlertEvents(connection, q));
      skippedAlertEvents += skipped;
      return events;
    },
    ping: () =>
      run('ping', async (connection) => {
        await connection.run('SELECT 1');
      }),
    close: () =>
      database.release().catch((error: unknown) => {
        throw toStoreError(error, 'close');
      }),
  };
}
