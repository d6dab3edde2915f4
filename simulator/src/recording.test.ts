import { describe, expect, it } from 'vitest';
import { decodeRecordedLine, encodeRecordedLine, shiftPayloadTimestamps } from './recording.js';

const T = 1_763_776_800_000;

describe('recorded lines', () => {
  it('keep UTF-8 payloads as text and round-trip them', () => {
    const message = { receivedMs: T, topic: 'ems/v1/p/e/m/telemetry', payload: Buffer.from('{"ts":1,"values":{"power_kw":2}} 电') };
    const line = encodeRecordedLine(message);
    expect(JSON.parse(line)).toEqual({ receivedMs: T, topic: message.topic, payload: '{"ts":1,"values":{"power_kw":2}} 电' });
    expect(decodeRecordedLine(line, 'f', 1)).toEqual(message);
  });

  it('keep other bytes as base64 and round-trip them', () => {
    const message = { receivedMs: T, topic: 't', payload: Buffer.from([0xff, 0xfe, 0x00, 0x41]) };
    const line = encodeRecordedLine(message);
    expect(JSON.parse(line)).toEqual({ receivedMs: T, topic: 't', payloadBase64: '//4AQQ==' });
    expect(decodeRecordedLine(line, 'f', 1)).toEqual(message);
  });

  it('name the file, line and problem of a bad line', () => {
    expect(() => decodeRecordedLine('{"receivedMs": 1', 'rec.ndjson.gz', 7)).toThrow(/^rec\.ndjson\.gz:7: not JSON/);
    expect(() => decodeRecordedLine('{"receivedMs": 1, "topic": "t"}', 'rec', 3)).toThrow(/rec:3: .*exactly one of payload and payloadBase64/);
    expect(() => decodeRecordedLine('{"receivedMs": "x", "topic": "t", "payload": ""}', 'rec', 4)).toThrow(/rec:4: .*receivedMs/);
  });
});

describe('shiftPayloadTimestamps', () => {
  const shift = (payload: string, offsetMs: number) => shiftPayloadTimestamps(Buffer.from(payload), offsetMs).toString();

  it('moves epoch-ms and RFC 3339 timestamps, single and batched', () => {
    expect(JSON.parse(shift(`{"ts":${T},"seq":3,"values":{"power_kw":1}}`, 1000))).toEqual({ ts: T + 1000, seq: 3, values: { power_kw: 1 } });
    expect(JSON.parse(shift('{"readings":[{"ts":"2026-11-22T09:00:00+08:00","values":{"a":1}},{"ts":5,"values":{"a":2}}]}', 60_000))).toEqual({
      readings: [
        { ts: '2026-11-22T01:01:00.000Z', values: { a: 1 } },
        { ts: 60_005, values: { a: 2 } },
      ],
    });
  });

  it('leaves what is not a JSON object alone', () => {
    expect(shift('power_kw=12', 1000)).toBe('power_kw=12');
    expect(shift('[1,2]', 1000)).toBe('[1,2]');
    expect(shift('{"ts": 1', 1000)).toBe('{"ts": 1');
  });
});
