import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { StoreError } from '../port.js';
import { CREATE_ALERT_EVENTS } from './duckdb-alert-events.js';
import { CREATE_STAGING, CREATE_TELEMETRY } from './duckdb-sql.js';

/** One store's share of an open database file. */
export interface DatabaseHandle {
  /** Run a task on the file's connection, after every task queued before it (by any store). */
  use<T>(task: (connection: DuckDBConnection) => Promise<T>): Promise<T>;
  /** Give up this share; the file is closed when the last share is released. Idempotent. */
  release(): Promise<void>;
}

interface Session {
  readonly instance: DuckDBInstance;
  readonly connection: DuckDBConnection;
}

interface Database {
  refs: number;
  session: Session | undefined;
  readonly serial: SerialQueue;
}

type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Open files by absolute path. Two DuckDB instances on one file in one process do not see
 * each other's writes and may corrupt it (the file lock only keeps other processes out), and
 * the merge in duckdb-write.ts keeps rows unique only if writes to a file never interleave.
 * So stores on the same file share one instance, one connection and one queue. Entries stay
 * after the last release so that reopening queues behind the pending close.
 */
const databases = new Map<string, Database>();

/** Take a share of the database at `path`; nothing is opened until the first task runs. */
export function acquireDatabase(path: string): DatabaseHandle {
  const db = isInMemory(path) ? newDatabase() : databaseAt(resolve(path));
  db.refs += 1;
  let released = false;
  return {
    use: (task) =>
      db.serial(async () => {
        if (released) throw new StoreError(`DuckDB store ${path} is closed`, 'store_unavailable', false);
        db.session ??= await openSession(path);
        return task(db.session.connection);
      }),
    release: () => {
      if (released) return Promise.resolve();
      released = true;
      db.refs -= 1;
      return db.serial(() => {
        const open = db.session;
        if (db.refs > 0 || open === undefined) return Promise.resolve();
        db.session = undefined;
        closeSession(open);
        return Promise.resolve();
      });
    },
  };
}

/** ':memory:' (or '') is a new private database each time, so it is never shared. */
function isInMemory(path: string): boolean {
  return path === ':memory:' || path === '';
}

function databaseAt(absolutePath: string): Database {
  const existing = databases.get(absolutePath);
  if (existing !== undefined) return existing;
  const db = newDatabase();
  databases.set(absolutePath, db);
  return db;
}

function newDatabase(): Database {
  return { refs: 0, session: undefined, serial: createSerialQueue() };
}

/** Open (or create) the file and the tables; on failure, release whatever was opened. */
async function openSession(path: string): Promise<Session> {
  if (!isInMemory(path)) await mkdir(dirname(path), { recursive: true });
  const instance = await DuckDBInstance.create(path);
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    await connection.run(CREATE_TELEMETRY);
    await connection.run(CREATE_STAGING);
    await connection.run(CREATE_ALERT_EVENTS);
    return { instance, connection };
  } catch (error) {
    closeSession({ instance, connection });
    throw error;
  }
}

/** Closing the instance checkpoints the write-ahead log into the file and releases its lock. */
function closeSession(s: { instance: DuckDBInstance; connection: DuckDBConnection | undefined }): void {
  s.connection?.closeSync();
  s.instance.closeSync();
}

/** Runs tasks one at a time in call order; a failed task does not stop the ones after it. */
function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}
