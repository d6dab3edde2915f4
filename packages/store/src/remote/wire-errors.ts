import { storeWireErrorSchema } from '@lingtan/schema';
import type { StoreWireError } from '@lingtan/schema';
import { StoreError } from '../port.js';

/** HTTP status for a StoreError: the status says the class, the body carries code and `retriable`. */
export function statusOf(error: StoreError): number {
  switch (error.code) {
    case 'store_rejected':
      return 400;
    case 'store_unavailable':
      return 503;
    case 'store_timeout':
      return 504;
  }
}

/** The wire body of a failed call. */
export function wireError(error: StoreError): StoreWireError {
  return { error: { code: error.code, message: error.message, retriable: error.retriable } };
}

/**
 * The StoreError a failed answer carries, so a caller's retry logic sees what the host's store
 * raised. An answer without one (a proxy, a crash mid-answer) is classed by status as the
 * InfluxDB adapter does: 5xx and 429 may pass, other 4xx will not.
 */
export function errorOfAnswer(status: number, body: string, what: string): StoreError {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const carried = storeWireErrorSchema.safeParse(parsed);
  if (carried.success) return new StoreError(carried.data.error.message, carried.data.error.code, carried.data.error.retriable);
  const retriable = status >= 500 || status === 429;
  return new StoreError(`remote store ${what} answered ${status}: ${body.slice(0, 300).trim()}`, retriable ? 'store_unavailable' : 'store_rejected', retriable);
}
