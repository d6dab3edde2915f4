// Property-based fuzzing of the telemetry parser: random bytes, random JSON, and valid
// payloads with one mutation. The parser must never throw, and whatever it accepts must
// pass an independent oracle written from the wire contract, not from the zod schema.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, MAX_READINGS_PER_MESSAGE, parseTelemetryPayload } from './telemetry.js';

// A fixed seed keeps CI repeatable; LINGTAN_FUZZ_SEED=<n> explores other inputs locally.
fc.configureGlobal({ seed: Number(process.env.LINGTAN_FUZZ_SEED ?? 20261122) });

const MIN_TS = Date.UTC(2000, 0, 1);
const MAX_TS = Date.UTC(2100, 0, 1);
const RFC3339_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** A real calendar day and clock time: RFC 3339 has no 31 November (Date.parse would roll it over). */
function realDateTime(text: string): boolean {
  const [y, mo, d, h, mi, se] = text.slice(0, 19).split(/[-T:]/).map(Number) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d));
  const offset = /([+-])(\d\d):(\d\d)$/.exec(text);
  const offsetOk = offset === null || (Number(offset[2]) <= 23 && Number(offset[3]) <= 59);
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h <= 23 && mi <= 59 && se <= 59 && offsetOk;
}

/** The contract in plain code: is this one valid reading? */
function oracleReading(r: unknown): boolean {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
  const { ts, seq, values } = r as Record<string, unknown>;
  const tsOk =
    (typeof ts === 'number' && Number.isInteger(ts) && ts >= MIN_TS && ts <= MAX_TS) ||
    (typeof ts === 'string' && RFC3339_WITH_OFFSET.test(ts) && realDateTime(ts) && Date.parse(ts) >= MIN_TS && Date.parse(ts) <= MAX_TS);
  // Sequence numbers must be exact: zod's int() and this oracle both refuse integers past 2^53.
  const seqOk = seq === undefined || (typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0);
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return false;
  const entries = Object.entries(values);
  const valuesOk = entries.length > 0 && entries.every(([k, v]) => /^[a-z][a-z0-9_]{0,63}$/.test(k) && typeof v === 'number' && Number.isFinite(v));
  return tsOk && seqOk && valuesOk;
}

/** The contract in plain code: is this payload valid? */
function oracle(bytes: Uint8Array): boolean {
  if (bytes.byteLength > MAX_PAYLOAD_BYTES) return false;
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return false;
  }
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && 'readings' in json) {
    const { readings } = json;
    return Array.isArray(readings) && readings.length >= 1 && readings.length <= MAX_READINGS_PER_MESSAGE && readings.every(oracleReading);
  }
  return oracleReading(json);
}

function check(bytes: Uint8Array): void {
  const parsed = parseTelemetryPayload(bytes); // must not throw
  expect(parsed.ok).toBe(oracle(bytes));
  if (parsed.ok) {
    for (const r of parsed.readings) {
      expect(Number.isInteger(r.tsMs)).toBe(true);
      for (const v of Object.values(r.values)) expect(Number.isFinite(v)).toBe(true);
    }
  } else {
    expect(parsed.detail.length).toBeGreaterThan(0);
  }
}

const encode = (text: string) => new TextEncoder().encode(text);

const validReading = fc.record(
  {
    ts: fc.oneof(fc.integer({ min: MIN_TS, max: MAX_TS }), fc.date({ min: new Date(MIN_TS), max: new Date(MAX_TS - 86_400_000), noInvalidDate: true }).map((d) => d.toISOString())),
    seq: fc.nat(),
    values: fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), fc.double({ noNaN: true, noDefaultInfinity: true }), { minKeys: 1, maxKeys: 5 }),
  },
  { requiredKeys: ['ts', 'values'] },
);

const validPayload = fc.oneof(validReading, fc.record({ readings: fc.array(validReading, { minLength: 1, maxLength: 5 }) }));

/** One mutation of a JSON text: drop, duplicate, flip or insert a character. */
const mutated = fc.tuple(validPayload.map((p) => JSON.stringify(p)), fc.nat(), fc.constantFrom('drop', 'dup', 'flip', 'insert'), fc.string({ minLength: 1, maxLength: 1 })).map(([text, at, how, ch]) => {
  const i = at % Math.max(1, text.length);
  if (how === 'drop') return text.slice(0, i) + text.slice(i + 1);
  if (how === 'dup') return text.slice(0, i) + text.charAt(i) + text.slice(i);
  if (how === 'flip') return text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 1) + text.slice(i + 1);
  return text.slice(0, i) + ch + text.slice(i);
});

describe('telemetry parser under fuzzing', () => {
  it('never throws on random bytes and accepts only what the contract allows', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
      check(bytes);
    }), { numRuns: 2000 });
  });

  it('agrees with the oracle on random JSON values', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      check(encode(JSON.stringify(value) ?? 'null'));
    }), { numRuns: 2000 });
  });

  it('accepts every valid payload', () => {
    fc.assert(
      fc.property(validPayload, (payload) => {
        expect(parseTelemetryPayload(encode(JSON.stringify(payload)))).toMatchObject({ ok: true });
      }),
      { numRuns: 1000 },
    );
  });

  it('agrees with the oracle on valid payloads with one mutation', () => {
    fc.assert(fc.property(mutated, (text) => {
      check(encode(text));
    }), { numRuns: 3000 });
  });
});
