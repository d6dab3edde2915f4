import { describe, expect, it } from 'vitest';
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
