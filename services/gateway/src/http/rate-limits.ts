import type { Request, Response } from 'express';
import type { RouteContext } from '../context.js';
import { ApiFailure } from './api-error.js';

/** The answer of every rate limiter: 429 `rate_limited` in the API's error shape, audited. */
export function rateLimited(ctx: RouteContext, action: string) {
  return (req: Request, res: Response): void => {
    const failure = new ApiFailure(429, 'rate_limited', 'too many requests; wait a minute and try again');
    const principal = (res.locals as { principal?: { userId: string } }).principal;
    ctx.audit.record({ outcome: 'refused', action, actor: principal?.userId ?? 'anonymous', resource: req.path, code: 'rate_limited', ip: req.ip });
    res.status(failure.status).json(failure.body());
  };
}
