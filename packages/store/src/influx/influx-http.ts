import { Agent, errors as undiciErrors, request } from 'undici';
import { StoreError } from '../port.js';

/** How to reach an InfluxDB over its v1-compatible HTTP API (1.x, 2.x and 3.x serve it). */
export interface InfluxConnection {
  readonly url: string;
  readonly database: string;
  /** InfluxDB 2.x/3.x token: `Authorization: Token ...`. */
  readonly token?: string | undefined;
  /** InfluxDB 1.x user: HTTP Basic. */
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  readonly timeoutMs: number;
}

/** One InfluxQL statement's result, as `/query` returns it. */
export interface InfluxSeries {
  readonly name: string;
  /** Present when the statement grouped by tags. */
  readonly tags?: Readonly<Record<string, string>>;
  readonly columns: readonly string[];
  readonly values?: readonly (readonly unknown[])[];
}

interface QueryResponse {
  readonly results?: readonly { readonly series?: readonly InfluxSeries[]; readonly error?: string }[];
  readonly error?: string;
}

/** A thin client over `/ping`, `/write` and `/query`, mapping failures to StoreError. */
export class InfluxHttp {
  private readonly agent: Agent;
  private readonly base: URL;
  private readonly headers: Record<string, string>;

  constructor(private readonly conn: InfluxConnection) {
    this.base = new URL(conn.url.endsWith('/') ? conn.url : `${conn.url}/`);
    this.agent = new Agent({ connections: 8, keepAliveTimeout: 10_000 });
    this.headers = {};
    if (conn.token !== undefined) this.headers.authorization = `Token ${conn.token}`;
    else if (conn.username !== undefined) {
      this.headers.authorization = `Basic ${Buffer.from(`${conn.username}:${conn.password ?? ''}`).toString('base64')}`;
    }
  }

  async ping(): Promise<void> {
    await this.call('GET', 'ping', {}, undefined);
  }

  /** POST line protocol with millisecond precision, into retention policy `rp` (default: the database's default). */
  async write(lines: string, rp?: string): Promise<void> {
    const params: Record<string, string> = { db: this.conn.database, precision: 'ms' };
    if (rp !== undefined) params.rp = rp;
    await this.call('POST', 'write', params, lines, 'text/plain; charset=utf-8');
  }

  /** Run InfluxQL; `db` is omitted for server-level statements such as CREATE DATABASE. */
  async query(q: string, options: { db?: boolean } = {}): Promise<InfluxSeries[]> {
    const params: Record<string, string> = { epoch: 'ms' };
    if (options.db !== false) params.db = this.conn.database;
    const body = new URLSearchParams({ q }).toString();
    const text = await this.call('POST', 'query', params, body, 'application/x-www-form-urlencoded');
    const parsed = JSON.parse(text) as QueryResponse;
    const failure = parsed.error ?? parsed.results?.find((r) => r.error !== undefined)?.error;
    if (failure !== undefined) throw new StoreError(`InfluxDB query failed: ${failure}`, 'store_rejected', false);
    return parsed.results?.flatMap((r) => r.series ?? []) ?? [];
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async call(method: 'GET' | 'POST', path: string, params: Record<string, string>, body: string | undefined, contentType?: string): Promise<string> {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    const headers = contentType === undefined ? this.headers : { ...this.headers, 'content-type': contentType };
    let response;
    try {
      response = await request(url, {
        method,
        headers,
        body,
        dispatcher: this.agent,
        headersTimeout: this.conn.timeoutMs,
        bodyTimeout: this.conn.timeoutMs,
      });
    } catch (error) {
      throw toStoreError(error, `${method} ${url.pathname}`);
    }
    const text = await response.body.text();
    if (response.statusCode >= 200 && response.statusCode < 300) return text;
    const detail = text.slice(0, 500).trim();
    const retriable = response.statusCode >= 500 || response.statusCode === 429 || /database not found/.test(detail);
    throw new StoreError(
      `InfluxDB ${method} /${path} answered ${response.statusCode}: ${detail}`,
      retriable ? 'store_unavailable' : 'store_rejected',
      retriable,
    );
  }
}

function toStoreError(error: unknown, what: string): StoreError {
  const timeout =
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    error instanceof undiciErrors.ConnectTimeoutError;
  const message = error instanceof Error ? error.message : String(error);
  return new StoreError(`InfluxDB ${what} failed: ${message}`, timeout ? 'store_timeout' : 'store_unavailable', true, { cause: error });
}
