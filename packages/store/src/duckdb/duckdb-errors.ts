import { StoreError } from '../port.js';

// DuckDB prefixes every error message with its exception type ("IO Error: ...", "Binder
// Error: ..."); the Node bindings pass the message through and add no code.
/** The store cannot be reached right now (file locked by another process, disk, memory). */
const UNAVAILABLE_RETRIABLE = /^(IO|Out of Memory|Interrupt|Connection|TransactionContext) Error\b/i;
/** The database was invalidated; only reopening it helps. */
const UNAVAILABLE_FATAL = /^(FATAL|INTERNAL) Error\b/i;

/**
 * Map a failure inside the DuckDB adapter to a StoreError. Anything that is not clearly the
 * store being unavailable (syntax, constraint, conversion, a bad argument) is a rejection:
 * sending the same call again will fail the same way.
 */
export function toStoreError(error: unknown, action: string): StoreError {
  if (error instanceof StoreError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const detail = `DuckDB ${action} failed: ${message}`;
  if (UNAVAILABLE_RETRIABLE.test(message)) return new StoreError(detail, 'store_unavailable', true, { cause: error });
  if (UNAVAILABLE_FATAL.test(message)) return new StoreError(detail, 'store_unavailable', false, { cause: error });
  if (isNodeSystemError(error)) return new StoreError(detail, 'store_unavailable', false, { cause: error });
  return new StoreError(detail, 'store_rejected', false, { cause: error });
}

/** Errors from node:fs (creating the file's directory) carry a string `code` such as EACCES. */
function isNodeSystemError(error: unknown): boolean {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('E');
}
