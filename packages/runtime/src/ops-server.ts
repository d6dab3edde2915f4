import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

/** One readiness check: ok, or why not. */
export interface CheckResult {
  readonly ok: boolean;
  readonly detail?: Readonly<Record<string, unknown>>;
}

export type HealthChecks = Readonly<Record<string, () => Promise<CheckResult>>>;

/**
 * `GET /healthz`: 200 when every check passes, 503 otherwise, with each check's result;
 * `GET /metrics`: Prometheus text. Anything else is 404. Checks time out after 2 s.
 */
export function createOpsServer(checks: HealthChecks, metrics: Metrics): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(metrics.toPrometheus());
      return;
    }
    if (path === '/healthz') {
      void runHealthChecks(checks).then((results) => {
        const ok = Object.values(results).every((r) => r.ok);
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: ok ? 'ok' : 'unavailable', checks: results }));
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'not_found', paths: ['/healthz', '/metrics'] }));
  });
}

/** Run every check at once; one that throws or takes over 2 s counts as failed. */
export async function runHealthChecks(checks: HealthChecks): Promise<Record<string, CheckResult>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]): Promise<[string, CheckResult]> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<CheckResult>((resolve) => {
        timer = setTimeout(() => resolve({ ok: false, detail: { error: 'timed out after 2 s' } }), 2000).unref();
      });
      const result = await Promise.race([check().catch((error: unknown): CheckResult => ({ ok: false, detail: { error: String(error) } })), timeout]);
      clearTimeout(timer);
      return [name, result];
    }),
  );
  return Object.fromEntries(entries);
}

/** Listen on `host:port` (0: a free port); resolves with the server's base URL. */
export async function listenOps(server: Server, host: string, port: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return `http://${host}:${typeof address === 'object' && address !== null ? address.port : port}`;
}

/** A service's running ops endpoint. */
export interface Ops {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * What every service runs beside its work: `/healthz` and `/metrics` on `host:port`, and
 * a `stats` log line with the metrics every minute. `close` stops both.
 */
export async function serveOps(checks: HealthChecks, metrics: Metrics, logger: Logger, at: { readonly host: string; readonly port: number }): Promise<Ops> {
  const server = createOpsServer(checks, metrics);
  const url = await listenOps(server, at.host, at.port);
  const stats = setInterval(() => logger.info({ metrics: metrics.snapshot() }, 'stats'), 60_000);
  stats.unref();
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(stats);
        server.close(() => resolve());
      }),
  };
}
