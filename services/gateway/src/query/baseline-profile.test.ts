import { registrySchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { localDay, profileMeters } from './baseline-profile.js';

const registry = registrySchema.parse({
  park: { id: 'p', name: 'P', timezone: 'Asia/Shanghai' },
  enterprises: [{ id: 'e', name: 'E' }],
  meters: [
    { id: 'main', enterprise: 'e', carrier: 'electricity', role: 'main', interval_s: 900 },
    { id: 'sub', enterprise: 'e', carrier: 'electricity', role: 'sub', parent: 'main', interval_s: 900 },
    { id: 'pv', enterprise: 'e', carrier: 'pv', role: 'generation', interval_s: 900 },
    { id: 'gas', enterprise: 'e', carrier: 'gas', role: 'main', interval_s: 900 },
  ],
});

describe('profileMeters', () => {
  it("an enterprise's load is its main electricity meters: not the sub-meter inside it, not PV", () => {
    expect(profileMeters(registry.meters, 'power_kw').map((m) => m.id)).toEqual(['main']);
  });

  it('gas volume comes from the gas meter; without a main meter of the carrier, every able meter', () => {
    expect(profileMeters(registry.meters, 'gas_volume_nm3').map((m) => m.id)).toEqual(['gas']);
    expect(profileMeters(registry.meters.filter((m) => m.id !== 'main'), 'power_kw').map((m) => m.id)).toEqual(['sub']);
  });
});

describe('localDay', () => {
  it('2026-11-10 in Shanghai starts at 2026-11-09T16:00Z and lasts 24 h', () => {
    const d = localDay('2026-11-10', 'Asia/Shanghai');
    expect(d.startMs).toBe(Date.parse('2026-11-09T16:00:00Z'));
    expect(d.endMs - d.startMs).toBe(86_400_000);
    expect(d.label).toBe('2026-11-10');
  });

  it('a date that does not exist is a 400 naming the field', () => {
    expect(() => localDay('2026-02-30', 'Asia/Shanghai')).toThrow(expect.objectContaining({ status: 400, field: 'date' }));
  });
});
