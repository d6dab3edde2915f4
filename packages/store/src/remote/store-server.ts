import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { STORE_WIRE } from '@lingtan/schema';
import type { StoreWireRoute } from '@lingtan/schema';
import type { TimeSeriesStore } from '../port.js';
import { StoreError } from '../port.js';
import { statusOf, wireError } from './wire-errors.js';

/** What the server logs through; a pino logger fits. Silent by default. */
export interface StoreServerLogger {
  warn(fields: Record<string, unknown>, message: string): void;
  debug(fields: Record<string, unknown>, message: string): void;
}

export interface StoreServerOptions {
  /** Default 127.0.0.1: the store has no authentication, so it is for this machine only. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly logger?: StoreServerLogger;
  /** Larger request bodies are refused with 413 (a non-retriable `store_rejected`). Default 64 MiB. */
  readonly maxBodyBytes?: number;
}

/** A listening store server. */
export interface StoreServer {
  /** Base URL for `createRemoteStore`, e.g. `http://127.0.0.1:9100`. */
  readonly url: string;
  readonly port: number;
  /** Stop listening and let calls in flight finish; the store itself stays open (its owner closes it). */
  close(): Promise<void>;
}

const SILENT: StoreServerLogger = { warn: () => undefined, debug: () => undefined };
// About 13,000 readings of ten quantities a MiB: the ingestor's 5,000-reading batches fit many times over.
const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
const CLOSE_GRACE_MS = 5_000;

/** A refused oversized body: answered 413, non-retriable (a smaller batch may pass). */
class BodyTooLarge extends StoreError {
  constructor(limit: number) {
    super(`remote store: request body over ${limit} bytes`, 'store_rejected', false);
  }
}

type Handler = (store: TimeSeriesStore, body: unknown) => Promise<object>;

/** Parse a request body with its route's schema; a body that does not parse is a rejection. */
function parse<T>(schema: { safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } } }, body: unknown, route: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new StoreError(`remote store ${route}: request refused: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), 'store_rejected', false);
}

const ROUTES: Record<StoreWireRoute, Handler> = {
  '/v1/init': async (store, body) => {
    parse(STORE_WIRE['/v1/init'].request, body, 'init');
    await store.init();
    return {};
  },
  '/v1/write': async (store, body) => {
    await store.write(parse(STORE_WIRE['/v1/write'].request, body, 'write').points);
    return {};
  },
  '/v1/query': async (store, body) => ({ points: await store.query(parse(STORE_WIRE['/v1/query'].request, body, 'query')) }),
  '/v1/query-aggregates': async (store, body) => ({ aggregates: await store.queryAggregates(parse(STORE_WIRE['/v1/query-aggregates'].request, body, 'query-aggregates')) }),
  '/v1/refresh-rollups': async (store, body) => {
    const { fromMs, toMs } = parse(STORE_WIRE['/v1/refresh-rollups'].request, body, 'refresh-rollups');
    await store.refreshRollups(fromMs, toMs);
    return {};
  },
  '/v1/latest': async (store, body) => ({ points: await store.latest(parse(STORE_WIRE['/v1/latest'].request, body, 'latest')) }),
  '/v1/write-alert-events': async (store, body) => {
    await store.writeAlertEvents(parse(STORE_WIRE['/v1/write-alert-events'].request, body, 'write-alert-events').events);
    return {};
  },
  '/v1/query-alert-events': async (store, body) => ({ events: await store.queryAlertEvents(parse(STORE_WIRE['/v1/query-alert-events'].request, body, 'query-alert-events')) }),
};

const isRoute = (path: string): path is StoreWireRoute => Object.hasOwn(ROUTES, path);

/**
 * Serve `store` over HTTP+JSON for `createRemoteStore`: `POST /v1/{method}` with the method's
 * arguments as the body, `GET /ping`. A failed call answers with the StoreError (code,
 * message, `retriable`) and a status of its class (400, 503, 504).
 */
export async function startStoreServer(store: TimeSeriesStore, options: StoreServerOptions): Promise<StoreServer> {
  const logger = options.logger ?? SILENT;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const host = options.host ?? '127.0.0.1';
  const server = createServer((req, res) => {
    handle(store, req, res, maxBodyBytes).catch((error: unknown) => {
      const storeError = error instanceof StoreError ? error : new StoreError(`remote store: ${error instanceof Error ? error.message : String(error)}`, 'store_unavailable', true, { cause: error });
      if (storeError.code === 'store_rejected') logger.debug({ path: req.url, code: storeError.code, err: storeError.message }, 'store call refused');
      else logger.warn({ path: req.url, code: storeError.code, retriable: storeError.retriable, err: storeError.message }, 'store call failed');
      answer(res, error instanceof BodyTooLarge ? 413 : statusOf(storeError), wireError(storeError));
    });
  });
  server.keepAliveTimeout = 15_000; // above the client pool's 10 s, so the client always closes first
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`port ${options.port} is in use: another store server running? Set LINGTAN_STORE_PORT to another port`) : error),
    );
    server.listen(options.port, host, resolve);
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

async function handle(store: TimeSeriesStore, req: IncomingMessage, res: ServerResponse, maxBodyBytes: number): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path === '/ping') {
    req.resume();
    await store.ping();
    res.writeHead(204).end();
    return;
  }
  if (!isRoute(path)) {
    req.resume();
    return answer(res, 404, wireError(new StoreError(`remote store: no route ${req.method} ${path}`, 'store_rejected', false)));
  }
  if (req.method !== 'POST') {
    req.resume();
    return answer(res, 405, wireError(new StoreError(`remote store: ${path} takes POST`, 'store_rejected', false)));
  }
  const text = await readBody(req, maxBodyBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new StoreError(`remote store ${path}: request body is not JSON`, 'store_rejected', false);
  }
  answer(res, 200, await ROUTES[path](store, body));
}

/**
 * The body as text, at most `limit` bytes. An oversized body is read to its end and dropped
 * (answering mid-upload makes clients see a reset instead of the 413), up to four times the
 * limit; past that the connection is cut.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (size > 4 * limit) req.destroy();
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => (over ? reject(new BodyTooLarge(limit)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
    // A cut connection ends no body; settling twice is harmless.
    req.on('close', () => reject(new StoreError('remote store: request closed before its body ended', 'store_unavailable', true)));
  });
}

function answer(res: ServerResponse, status: number, body: object): void {
  if (res.headersSent) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json);
}
