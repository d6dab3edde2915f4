import { z } from 'zod';

/**
 * One line of a recording (gzip NDJSON): what arrived, on which topic, when. A payload
 * that is valid UTF-8 is kept as text so a person can read the file with `zcat`; anything
 * else (a device's garbage is worth replaying too) is kept as base64.
 */
export const recordedLineSchema = z
  .object({
    receivedMs: z.number().int().nonnegative(),
    topic: z.string().min(1),
    payload: z.string().optional(),
    payloadBase64: z.base64().optional(),
  })
  .strict()
  .refine((line) => (line.payload === undefined) !== (line.payloadBase64 === undefined), 'exactly one of payload and payloadBase64 is required');

/** A recorded message with its payload as bytes. */
export interface RecordedMessage {
  readonly receivedMs: number;
  readonly topic: string;
  readonly payload: Buffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The NDJSON line (without the newline) of a received message. */
export function encodeRecordedLine(message: RecordedMessage): string {
  let text: string | undefined;
  try {
    text = utf8.decode(message.payload);
  } catch {
    text = undefined;
  }
  const payload = text === undefined ? { payloadBase64: message.payload.toString('base64') } : { payload: text };
  return JSON.stringify({ receivedMs: message.receivedMs, topic: message.topic, ...payload });
}

/** Parse one line of a recording; errors name the source and line number. */
export function decodeRecordedLine(line: string, source: string, lineNumber: number): RecordedMessage {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    throw new Error(`${source}:${lineNumber}: not JSON (${(error as Error).message})`);
  }
  const parsed = recordedLineSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(line)'}: ${i.message}`).join('; ');
    throw new Error(`${source}:${lineNumber}: not a recorded message: ${issues}`);
  }
  const { receivedMs, topic, payload, payloadBase64 } = parsed.data;
  return { receivedMs, topic, payload: payload === undefined ? Buffer.from(payloadBase64 ?? '', 'base64') : Buffer.from(payload, 'utf8') };
}

function shiftTs(ts: unknown, offsetMs: number): unknown {
  if (typeof ts === 'number') return ts + offsetMs;
  if (typeof ts === 'string') {
    const ms = Date.parse(ts);
    return Number.isFinite(ms) ? new Date(ms + offsetMs).toISOString() : ts;
  }
  return ts;
}

/**
 * Move the device timestamps of a telemetry payload (`ts`, or each `readings[].ts`) by
 * `offsetMs`. A payload that is not a JSON object is returned as it is: a malformed message
 * is replayed as the same malformed message. RFC 3339 strings come back in UTC (`Z`).
 */
export function shiftPayloadTimestamps(payload: Buffer, offsetMs: number): Buffer {
  if (offsetMs === 0) return payload;
  let json: unknown;
  try {
    json = JSON.parse(utf8.decode(payload));
  } catch {
    return payload;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return payload;
  const record = json as Record<string, unknown>;
  if ('ts' in record) record.ts = shiftTs(record.ts, offsetMs);
  if (Array.isArray(record.readings)) {
    for (const reading of record.readings as unknown[]) {
      if (typeof reading === 'object' && reading !== null && 'ts' in reading) {
        const r = reading as Record<string, unknown>;
        r.ts = shiftTs(r.ts, offsetMs);
      }
    }
  }
  return Buffer.from(JSON.stringify(record), 'utf8');
}
