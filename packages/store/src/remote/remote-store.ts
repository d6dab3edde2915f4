import { STORE_WIRE } from '@lingtan/schema';
import type { StoreWireRoute } from '@lingtan/schema';
import { Agent, errors as undiciErrors, request } from 'undici';
import type { TelemetryPoint, TimeSeriesStore } from '../port.js';
import { StoreError } from '../port.js';
import { errorOfAnswer } from './wire-errors.js';

/** Where the store host listens (`startStoreServer`), e.g. `http://127.0.0.1:9100`. */
export interface RemoteStoreOptions {
  readonly url: string;
  /** Per call, until the answer's headers and between body chunks. Default 30 s. */
  readonly timeoutMs?: number;
}

/** What the client needs of a wire schema: zod's `safeParse`, without importing zod here. */
interface WireSchema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/**
 * Bounds of a query sent as JSON numbers: JSON has no Infinity (it would arrive as null), and
 * an unbounded range is what ±Infinity means; every store reads a safe-integer bound as that.
 */
const wireMs = (ms: number) => (Number.isNaN(ms) ? ms : Math.min(Math.max(ms, Number.MIN_SAFE_INTEGER), Number.MAX_SAFE_INTEGER));

/**
 * The port over HTTP+JSON, served by `startStoreServer` in the process that owns the store
 * (`pnpm start`'s platform owns the DuckDB file, which one process only may open). A
 * keep-alive pool; the host's StoreErrors arrive with their code and `retriable`, and a host
 * that cannot be reached is a retriable `store_unavailable`, so retries work as on InfluxDB.
 * `close()` closes the connections only: the host's store stays open.
 */
export function createRemoteStore(options: RemoteStoreOptions): TimeSeriesStore {
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const agent = new Agent({ connections: 8, keepAliveTimeout: 10_000 });

  const send = async (method: 'GET' | 'POST', path: string, body: string | undefined): Promise<string> => {
    const url = new URL(path.slice(1), base);
    let response;
    try {
      response = await request(url, {
        method,
        body,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        dispatcher: agent,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
    } catch (error) {
      throw connectionError(error, `${method} ${url.href}`);
    }
    let text: string;
    try {
      text = await response.body.text();
    } catch (error) {
      throw connectionError(error, `${method} ${url.href}`);
    }
    if (response.statusCode >= 200 && response.statusCode < 300) return text;
    throw errorOfAnswer(response.statusCode, text, path);
  };

  const call = async <T>(route: StoreWireRoute, body: unknown, schema: WireSchema<T>): Promise<T> => {
    const text = await send('POST', route, JSON.stringify(body));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new StoreError(`remote store ${route} answered unexpectedly: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), 'store_rejected', false);
  };

  return {
    init: async () => {
      await call('/v1/init', {}, STORE_WIRE['/v1/init'].response);
    },
    write: async (points: readonly TelemetryPoint[]) => {
      if (points.length === 0) return;
      await call('/v1/write', { points }, STORE_WIRE['/v1/write'].response);
    },
    query: async (q) => (await call('/v1/query', { ...q, fromMs: wireMs(q.fromMs), toMs: wireMs(q.toMs) }, STORE_WIRE['/v1/query'].response)).points,
    queryAggregates: async (q) =>
      (await call('/v1/query-aggregates', { ...q, fromMs: wireMs(q.fromMs), toMs: wireMs(q.toMs) }, STORE_WIRE['/v1/query-aggregates'].response)).aggregates,
    refreshRollups: async (fromMs, toMs) => {
      await call('/v1/refresh-rollups', { fromMs: wireMs(fromMs), toMs: wireMs(toMs) }, STORE_WIRE['/v1/refresh-rollups'].response);
    },
    latest: async (q) =>
      (await call('/v1/latest', { ...q, sinceMs: q.sinceMs === undefined ? undefined : wireMs(q.sinceMs) }, STORE_WIRE['/v1/latest'].response)).points,
    writeAlertEvents: async (events) => {
      if (events.length === 0) return;
      await call('/v1/write-alert-events', { events }, STORE_WIRE['/v1/write-alert-events'].response);
    },
    queryAlertEvents: async (q) =>
      (await call('/v1/query-alert-events', { ...q, fromMs: wireMs(q.fromMs), toMs: wireMs(q.toMs) }, STORE_WIRE['/v1/query-alert-events'].response)).events,
    ping: async () => {
      await send('GET', '/ping', undefined);
    },
    close: () => agent.close(),
  };
}

/** The host could not be reached or stopped answering: retriable, as for InfluxDB. */
function connectionError(error: unknown, what: string): StoreError {
  const timeout =
    error instanceof undiciErrors.HeadersTimeoutError || error instanceof undiciErrors.BodyTimeoutError || error instanceof undiciErrors.ConnectTimeoutError;
  const message = error instanceof Error ? error.message || (error as NodeJS.ErrnoException).code || error.name : String(error);
  return new StoreError(`remote store ${what} failed: ${message}`, timeout ? 'store_timeout' : 'store_unavailable', true, { cause: error });
}
