import { describe, expect, it } from 'vitest';
import type { TelemetryPoint } from '../port.js';
import { clientLibraryLines } from '../testing/point-lines.js';
import { toLineProtocol } from './line-protocol.js';

describe('toLineProtocol', () => {
  it('writes tags, float fields and a millisecond timestamp', () => {
    const line = toLineProtocol([
      { park: 'yc-binhai', enterprise: 'ent-steel', meter: 'm-1', carrier: 'electricity', tsMs: 1763776800000, values: { power_kw: 120, energy_import_kwh: 123456.78 } },
    ]);
    // Tags and fields sorted by key; 120 stays a float (no `i` suffix), so later 120.5 does not conflict.
    expect(line).toBe(
      'telemetry,carrier=electricity,enterprise=ent-steel,meter=m-1,park=yc-binhai energy_import_kwh=123456.78,power_kw=120 1763776800000',
    );
  });
});

describe('toLineProtocol against the client library', () => {
  it('writes what Point writes, byte for byte, for random tags, fields and values', () => {
    // A fixed-seed generator (mulberry32), so a failure reproduces.
    let seed = 20261202;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const words = ['m-1', 'ent steel', 'a,b', 'x=y', 'tab\there', 'line\nbreak', 'cr\r', '园区', '', 'back\\slash', 'q"uote', 'power_kw'];
    const numbers = [0, -0, 1, -1, 120, 123456.78, 1e-7, 1e21, -3.5e-300, Number.MAX_VALUE, 0.1 + 0.2];
    const carriers = ['electricity', 'heat', 'gas'] as const;
    for (let round = 0; round < 500; round++) {
      const points: TelemetryPoint[] = Array.from({ length: 1 + Math.floor(random() * 5) }, () => {
        const values: Record<string, number> = {};
        for (let f = Math.floor(random() * 6); f > 0; f--) values[pick([...words, 'energy_import_kwh', 'voltage_v', 'z', 'a'])] = pick(numbers) * (random() < 0.5 ? 1 : random());
        return { park: pick(words), enterprise: pick(words), meter: pick(['m-1', 'm-2', 'm 3']), carrier: pick(carriers), tsMs: 1763776800000 + Math.floor(random() * 1e9) + pick([0, 0.5]), values };
      });
      expect(toLineProtocol(points)).toBe(clientLibraryLines(points));
    }
  });

  it('refuses a non-finite value as the client library does', () => {
    const point: TelemetryPoint = { park: 'p', enterprise: 'e', meter: 'm', carrier: 'electricity', tsMs: 1, values: { power_kw: Number.NaN } };
    expect(() => clientLibraryLines([point])).toThrow(/invalid float value for field 'power_kw'/);
    expect(() => toLineProtocol([point])).toThrow(/invalid float value for field 'power_kw'/);
  });
});
