import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, parseTelemetryPayload } from './telemetry.js';

const bytes = (value: unknown): Uint8Array => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseTelemetryPayload', () => {
  it('accepts one reading with epoch milliseconds and a sequence number', () => {
    const parsed = parseTelemetryPayload(bytes({ ts: 1763776800000, seq: 42, values: { power_kw: 120.5, energy_import_kwh: 123456.78 } }));
    expect(parsed).toEqual({
      ok: true,
      readings: [{ tsMs: 1763776800000, seq: 42, values: { power_kw: 120.5, energy_import_kwh: 123456.78 } }],
    });
  });

  it('accepts a batch with RFC 3339 timestamps and resolves the offset', () => {
    // 2026-11-22T09:00:00+08:00 is 2026-11-22T01:00:00Z.
    const parsed = parseTelemetryPayload(
      bytes({ readings: [{ ts: '2026-11-22T09:00:00+08:00', values: { power_kw: 1 } }, { ts: '2026-11-22T01:00:15.250Z', values: { power_kw: 2 } }] }),
    );
    expect(parsed).toEqual({
      ok: true,
      readings: [
        { tsMs: Date.UTC(2026, 10, 22, 1, 0, 0), values: { power_kw: 1 } },
        { tsMs: Date.UTC(2026, 10, 22, 1, 0, 15, 250), values: { power_kw: 2 } },
      ],
    });
  });

  it.each([
    ['payload_not_json', '{"ts": 1763776800000,', undefined],
    ['schema_violation', { ts: 1763776800000 }, 'values'],
    ['schema_violation', { ts: 1763776800000, values: {} }, 'values'],
    ['schema_violation', { ts: 1763776800000, values: { power_kw: '12' } }, 'values.power_kw'],
    ['schema_violation', { ts: 1763776800000, values: { PowerKW: 1 } }, 'values.PowerKW'],
    ['schema_violation', { values: { power_kw: 1 } }, 'ts'],
    ['schema_violation', { readings: [] }, 'readings'],
    ['schema_violation', { readings: [{ ts: 1763776800000, values: { power_kw: 1 } }, { ts: 1763776800000, values: { power_kw: null } }] }, 'readings.1.values.power_kw'],
    ['schema_violation', [1, 2, 3], undefined],
    ['timestamp_invalid', { ts: 1763776800, values: { power_kw: 1 } }, 'ts'],
    ['timestamp_invalid', { ts: 1763776800000.5, values: { power_kw: 1 } }, 'ts'],
    ['timestamp_invalid', { ts: '2026-11-22 09:00:00', values: { power_kw: 1 } }, 'ts'],
    ['timestamp_invalid', { ts: '2026-11-22T09:00:00', values: { power_kw: 1 } }, 'ts'],
    ['timestamp_invalid', { ts: true, values: { power_kw: 1 } }, 'ts'],
    // No 31 November: Date.parse would quietly roll it over to 1 December (found by fuzzing).
    ['timestamp_invalid', { ts: '2026-11-31T09:00:00+08:00', values: { power_kw: 1 } }, 'ts'],
    // A sequence number past 2^53 cannot be exact (found by fuzzing).
    ['schema_violation', '{"ts": 1763776800000, "seq": 1000099E10, "values": {"power_kw": 1}}', 'seq'],
    ['non_finite_value', '{"ts": 1763776800000, "values": {"power_kw": 1e400}}', 'values.power_kw'],
  ] as const)('refuses as %s: %j', (code, payload, path) => {
    const parsed = parseTelemetryPayload(bytes(payload));
    expect(parsed).toMatchObject({ ok: false, code });
    if (path !== undefined) expect(parsed).toMatchObject({ path });
    if (!parsed.ok) expect(parsed.detail.length).toBeGreaterThan(0);
  });

  it('says which limit an epoch-seconds timestamp breaks', () => {
    const parsed = parseTelemetryPayload(bytes({ ts: 1763776800, values: { power_kw: 1 } }));
    expect(parsed).toMatchObject({ ok: false, detail: expect.stringContaining('epoch seconds') as unknown });
  });

  it('refuses payloads over 64 KiB before parsing them', () => {
    const big = new Uint8Array(MAX_PAYLOAD_BYTES + 1).fill(0x20);
    expect(parseTelemetryPayload(big)).toMatchObject({ ok: false, code: 'payload_too_large' });
  });

  it('refuses bytes that are not UTF-8', () => {
    expect(parseTelemetryPayload(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toMatchObject({ ok: false, code: 'payload_not_utf8' });
  });

  it('refuses a batch of more than 1000 readings', () => {
    const readings = Array.from({ length: 1001 }, (_, i) => ({ ts: 1763776800000 + i, values: { power_kw: i } }));
    expect(parseTelemetryPayload(bytes({ readings }))).toMatchObject({ ok: false, code: 'schema_violation', path: 'readings' });
  });
});
