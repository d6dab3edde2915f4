import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@lingtan/runtime';
import { StoreError } from '@lingtan/store';
import type { AuditLog } from '../audit.js';
import { ApiFailure } from './api-error.js';
import { requestIdOf } from './context.js';

/** Express's body-parser errors carry a `type` and a status. */
interface BodyParserError {
  readonly type?: string;
  readonly status?: number;
}

function asFailure(error: unknown): ApiFailure | undefined {
  if (error instanceof ApiFailure) return error;
  const type = (error as BodyParserError | null)?.type;
  if (type === 'entity.too.large') return new ApiFailure(413, 'payload_too_large', 'the request body is larger than 64 KiB');
  if (type === 'entity.parse.failed') return new ApiFailure(400, 'invalid_json', 'the request body is not valid JSON');
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') return new ApiFailure(415, 'unsupported_media_type', 'send the body as UTF-8 JSON');
  if (error instanceof StoreError) return new ApiFailure(503, 'store_unavailable', 'the time-series store did not answer; try again shortly');
  if (error instanceof URIError) return new ApiFailure(400, 'invalid_request', 'the path is not valid percent-encoding');
  const status = (error as BodyParserError | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return new ApiFailure(status, 'invalid_request', 'the request could not be read');
  return undefined;
}

/**
 * The last middleware: every error becomes `{error:{code,message,field?}}` with its status;
 * refusals (4xx) are audited; anything unexpected is logged with its stack and answered 500
 * `internal` without it.
 */
export function errorHandler(audit: AuditLog, logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    let failure = asFailure(error);
    if (failure === undefined) {
      logger.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error), path: req.path, requestId: requestIdOf(req) }, 'request failed');
      failure = new ApiFailure(500, 'internal', 'something went wrong on the server; the error is logged');
    } else if (failure.status < 500) {
      const principal = (res.locals as { principal?: { userId: string; role: string; enterprise?: string } }).principal;
      audit.record({
        outcome: 'refused',
        action: failure.audit?.action ?? `${req.method} ${req.path}`,
        actor: principal?.userId ?? 'anonymous',
        ...(principal === undefined ? {} : { role: principal.role, ...(principal.enterprise === undefined ? {} : { enterprise: principal.enterprise }) }),
        resource: failure.audit?.resource ?? req.originalUrl.slice(0, 300),
        code: failure.code,
        detail: failure.audit?.detail ?? failure.message.slice(0, 300),
        ...(req.ip === undefined ? {} : { ip: req.ip }),
        ...(requestIdOf(req) === undefined ? {} : { requestId: requestIdOf(req) }),
      });
    }
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(failure.status).json(failure.body());
  };
}
