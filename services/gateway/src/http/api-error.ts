import type { ApiError } from '@lingtan/schema';

/** Stable error codes of the REST API (the `code` of every error body). */
export type ApiErrorCode =
  | 'invalid_request'
  | 'invalid_json'
  | 'range_too_large'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'conflict'
  | 'precondition_failed'
  | 'precondition_required'
  | 'registry_read_only'
  | 'store_unavailable'
  | 'broker_unavailable'
  /** No simulator status has reached the gateway (the simulator is not running with --control). */
  | 'sim_unavailable'
  | 'internal';

/** A refusal with its HTTP status, thrown by handlers and rendered by the error middleware. */
export class ApiFailure extends Error {
  override readonly name = 'ApiFailure';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    /** What was refused, for the audit entry (set by the authorization guard). */
    readonly audit?: { readonly action: string; readonly resource: string; readonly detail?: string },
  ) {
    super(message);
  }

  body(): ApiError {
    return { error: { code: this.code, message: this.message, ...(this.field === undefined ? {} : { field: this.field }) } };
  }
}

/** The parts of a zod issue we read (structural, so no zod import here). */
interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code?: string;
  readonly params?: Readonly<Record<string, unknown>>;
  readonly keys?: readonly string[];
}

/** A failed parse as a 400: the first issue's message and dotted path (`field`), with a prefix for where it was. */
export function fromIssues(issues: readonly Issue[], where: 'query' | 'body' | 'path'): ApiFailure {
  const issue = issues[0];
  if (issue === undefined) return new ApiFailure(400, 'invalid_request', `invalid ${where}`);
  const field = issue.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined ? issue.keys[0] : issue.path.map(String).join('.');
  const apiCode = issue.params?.apiCode === 'range_too_large' ? 'range_too_large' : 'invalid_request';
  const message = issue.code === 'unrecognized_keys' ? `unknown ${where} parameter${(issue.keys?.length ?? 0) > 1 ? 's' : ''} ${issue.keys?.join(', ') ?? ''}` : issue.message;
  return new ApiFailure(400, apiCode, `${field === '' ? where : field}: ${message}`, field === '' ? undefined : field);
}
