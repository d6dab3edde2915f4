import type { Request } from 'express';
import { fromIssues } from './api-error.js';

/** A zod schema as the handlers use it (structural, so services need not import zod). */
export interface Parser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
}

/** Parse `req.query` or throw a 400 naming the field. */
export function parseQuery<T>(schema: Parser<T>, req: Request): T {
  const result = schema.safeParse(req.query);
  if (!result.success) throw fromIssues(result.error.issues, 'query');
  return result.data;
}

/** Parse the JSON body (an absent body reads as `{}`) or throw a 400 naming the field. */
export function parseBody<T>(schema: Parser<T>, req: Request): T {
  const result = schema.safeParse((req.body as unknown) ?? {});
  if (!result.success) throw fromIssues(result.error.issues, 'body');
  return result.data;
}

/** Parse one path parameter or throw a 400. */
export function parsePath<T>(schema: Parser<T>, value: unknown, name: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw fromIssues(result.error.issues.map((i) => ({ ...i, path: [name, ...i.path] })), 'path');
  return result.data;
}
