import { z } from 'zod';
import type { RejectCode } from './reject-codes.js';

/** Largest accepted telemetry payload, in bytes. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Most readings in one `{"readings": [...]}` payload. */
export const MAX_READINGS_PER_MESSAGE = 1000;

/** Epoch ms bounds that catch seconds sent as milliseconds and other garbage: 2000-01-01 .. 2100-01-01 UTC. */
const MIN_TS_MS = Date.UTC(2000, 0, 1);
const MAX_TS_MS = Date.UTC(2100, 0, 1);

// RFC 3339 requires an offset ("Z" or "+08:00"); a local time without one is ambiguous.
const rfc3339Schema = z.iso.datetime({ offset: true, local: false });

/** A device timestamp: epoch milliseconds or an RFC 3339 string with an offset, as epoch ms. */
export const deviceTsSchema = z.unknown().transform((ts, ctx): number => {
  const fail = (message: string): never => {
    ctx.addIssue({ code: 'custom', message, input: ts });
    return z.NEVER;
  };
  let ms: number;
  if (typeof ts === 'number') {
    if (!Number.isInteger(ts)) return fail('ts in epoch milliseconds must be an integer');
    ms = ts;
  } else if (typeof ts === 'string') {
    if (!rfc3339Schema.safeParse(ts).success) {
      return fail('ts string must be RFC 3339 with an offset, e.g. 2026-11-22T09:00:00+08:00');
    }
    ms = Date.parse(ts);
  } else {
    return fail('ts must be epoch milliseconds or an RFC 3339 string with an offset');
  }
  if (ms < MIN_TS_MS) return fail('ts is before 2000-01-01 (epoch seconds sent instead of milliseconds?)');
  if (ms > MAX_TS_MS) return fail('ts is after 2100-01-01');
  return ms;
});

const valuesSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, 'quantity names are snake_case'), z.number())
  .refine((values) => Object.keys(values).length > 0, 'values must hold at least one quantity');

const readingSchema = z.object({
  ts: deviceTsSchema,
  seq: z.number().int().nonnegative().optional(),
  values: valuesSchema,
});

const batchSchema = z.object({ readings: z.array(readingSchema).min(1).max(MAX_READINGS_PER_MESSAGE) });

const batchParser = batchSchema.transform((b) => b.readings);
const singleParser = readingSchema.transform((r) => [r]);

/** The telemetry payload: one reading, or `{"readings": [...]}` of one meter, as a list of readings. */
export const telemetryPayloadSchema = z.union([batchParser, singleParser]);

/** One reading as sent by a device, with its timestamp resolved to epoch ms. */
export interface DeviceReading {
  readonly tsMs: number;
  readonly seq?: number;
  readonly values: Readonly<Record<string, number>>;
}

/** A payload-level rejection: the whole message is refused. */
export interface PayloadRejection {
  readonly ok: false;
  readonly code: RejectCode;
  readonly detail: string;
  readonly path?: string;
}

export type PayloadParse = { readonly ok: true; readonly readings: DeviceReading[] } | PayloadRejection;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parse a raw telemetry payload: size, UTF-8, JSON, then the schema. Never throws.
 * Numbers too large for a double (`1e400`) parse as Infinity and are refused as `non_finite_value`.
 */
export function parseTelemetryPayload(payload: Uint8Array): PayloadParse {
  if (payload.byteLength > MAX_PAYLOAD_BYTES) {
    return reject('payload_too_large', `${payload.byteLength} bytes, at most ${MAX_PAYLOAD_BYTES}`);
  }
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return reject('payload_not_utf8', 'the bytes are not valid UTF-8');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return reject('payload_not_json', error instanceof Error ? error.message : 'unparseable');
  }
  // Most payloads are plainly valid: checked by hand without building copies. Anything the
  // fast path is not sure of goes to the schema, which decides and explains.
  const fast = fastReadings(json);
  if (fast !== undefined) return { ok: true, readings: fast };
  // Dispatch on the shape rather than trying both union branches, so errors name the right path.
  const isBatch = typeof json === 'object' && json !== null && !Array.isArray(json) && 'readings' in json;
  const parsed = (isBatch ? batchParser : singleParser).safeParse(json);
  if (!parsed.success) return fromZodError(parsed.error, json);
  return {
    ok: true,
    readings: parsed.data.map((r) =>
      r.seq === undefined ? { tsMs: r.ts, values: r.values } : { tsMs: r.ts, seq: r.seq, values: r.values },
    ),
  };
}

function reject(code: RejectCode, detail: string, path?: string): PayloadRejection {
  return path === undefined ? { ok: false, code, detail } : { ok: false, code, detail, path };
}

function fromZodError(error: z.ZodError, input: unknown): PayloadRejection {
  // The most specific issue is the deepest one.
  const issue = [...error.issues].sort((a, b) => b.path.length - a.path.length)[0];
  if (issue === undefined) return reject('schema_violation', 'invalid payload');
  const path = issue.path.map(String).join('.');
  const value = valueAt(input, issue.path);
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return reject('non_finite_value', `${path} is ${value}`, path);
  }
  if (issue.path.at(-1) === 'ts' && value !== undefined) return reject('timestamp_invalid', issue.message, path);
  return reject('schema_violation', issue.message, path);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

const QUANTITY_NAME = /^[a-z][a-z0-9_]{0,63}$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The schema's rules for the common case (epoch-ms timestamps), without zod: accepts only
 * what the schema accepts (the fuzz test holds both to one oracle), and returns undefined
 * for anything else, including every RFC 3339 timestamp.
 */
function fastReadings(json: unknown): DeviceReading[] | undefined {
  if (!isPlainObject(json)) return undefined;
  if (!('readings' in json)) {
    const one = fastReading(json);
    return one === undefined ? undefined : [one];
  }
  const list = json.readings;
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_READINGS_PER_MESSAGE) return undefined;
  const readings: DeviceReading[] = [];
  for (const item of list) {
    const one = fastReading(item);
    if (one === undefined) return undefined;
    readings.push(one);
  }
  return readings;
}

function fastReading(r: unknown): DeviceReading | undefined {
  if (!isPlainObject(r)) return undefined;
  const { ts, seq, values } = r;
  if (typeof ts !== 'number' || !Number.isInteger(ts) || ts < MIN_TS_MS || ts > MAX_TS_MS) return undefined;
  if (seq !== undefined && !(typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0)) return undefined;
  if (!isPlainObject(values)) return undefined;
  let count = 0;
  for (const name of Object.keys(values)) {
    const value = values[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || !QUANTITY_NAME.test(name)) return undefined;
    count++;
  }
  if (count === 0) return undefined;
  const checked = values as Record<string, number>;
  return seq === undefined ? { tsMs: ts, values: checked } : { tsMs: ts, seq, values: checked };
}
