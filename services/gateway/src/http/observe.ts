import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { runHealthChecks } from '@lingtan/runtime';
import type { HealthChecks, Metrics } from '@lingtan/runtime';

/** A request id (echoed as `x-request-id`), a count by method and status, a latency histogram. */
export function observeRequests(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const id = randomUUID();
    (req as Request & { id?: string }).id = id;
    res.setHeader('x-request-id', id);
    const startNs = process.hrtime.bigint();
    res.on('finish', () => {
      metrics.inc('gateway_http_requests_total', { method: req.method, status: String(res.statusCode) });
      metrics.observe('gateway_http_request_seconds', Number(process.hrtime.bigint() - startNs) / 1e9);
    });
    next();
  };
}

/**
 * The public port's `GET /healthz`, for load balancers: 200 `{ok:true}` when every check passes,
 * else 503 `{ok:false}`. No names or details (revisions, errors): those are on the ops listener.
 */
export function healthHandler(checks: HealthChecks) {
  return async (_req: Request, res: Response): Promise<void> => {
    const ok = Object.values(await runHealthChecks(checks)).every((r) => r.ok);
    res.status(ok ? 200 : 503).json({ ok });
  };
}
