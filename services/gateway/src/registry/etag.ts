import { createHash } from 'node:crypto';

/**
 * The registry's entity tag: the quoted SHA-256 of the file's text (RFC 9110 section 8.8.3),
 * so an edit by any writer (this gateway, another instance, an admin's text editor) changes it.
 */
export const etagOf = (text: string): string => `"${createHash('sha256').update(text, 'utf8').digest('hex')}"`;

/**
 * Whether an `If-Match` header value names `etag` (RFC 9110 section 13.1.1: a list of tags;
 * the weak prefix `W/` never matches, as If-Match uses the strong comparison). `*` is refused
 * on purpose: it would match any registry, so an edit could overwrite one never read.
 */
export function ifMatchAccepts(header: string, etag: string): boolean {
  return header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === etag);
}
