import { registrySchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { editsRegistry } from './access.js';
import { parseRoute } from './routes.js';
import { enterpriseCreateBody, enterpriseFormOf, enterprisePatchBody, inputOfField, isoInZone, meterCreateBody, meterFormOf, meterPatchBody, parentChoices, parseRegisters, replacementBody } from './registry-form.js';

const registry = registrySchema.parse({
  park: { id: 'p1', name: 'Park' },
  enterprises: [{ id: 'ent-a', name: 'A', industry: 'steel', budgets: { year_tce: 100 } }],
  meters: [
    { id: 'tx', enterprise: 'ent-a', carrier: 'distribution' },
    { id: 'main', enterprise: 'ent-a', carrier: 'electricity', parent: 'tx' },
    { id: 'sub', enterprise: 'ent-a', carrier: 'electricity', role: 'sub', parent: 'main' },
  ],
});

describe('registry forms', () => {
  it('enterprise: create leaves empty inputs out, patch clears them with null, a bad budget names its field', () => {
    const f = { ...enterpriseFormOf(), id: ' ent-b ', name: 'B', yearTco2: '5000' };
    expect(enterpriseCreateBody(f)).toEqual({ ok: true, body: { id: 'ent-b', name: 'B', budgets: { year_tco2: 5000 } } });
    const edit = { ...enterpriseFormOf(registry.enterprises[0]), industry: '', yearTce: '' };
    expect(enterprisePatchBody(edit)).toEqual({ ok: true, body: { name: 'A', industry: null, budgets: null } });
    expect(enterpriseCreateBody({ ...f, yearTce: '-1' })).toEqual({ ok: false, field: 'budgets.year_tce' });
  });

  it('meter: create with a top parent, patch with only what changed, a bad interval names its field', () => {
    const f = { ...meterFormOf(undefined, 'ent-a'), id: 'pump', intervalS: '900' };
    expect(meterCreateBody(f)).toEqual({ ok: true, body: { id: 'pump', enterprise: 'ent-a', carrier: 'electricity', role: 'main', parent: null, interval_s: 900 } });
    const sub = registry.meters[2]!;
    expect(meterPatchBody(sub, { ...meterFormOf(sub, 'ent-a'), name: 'Furnace', parent: '' })).toEqual({ ok: true, body: { name: 'Furnace', parent: null } });
    expect(meterPatchBody(sub, meterFormOf(sub, 'ent-a'))).toEqual({ ok: true, body: {} });
    expect(meterCreateBody({ ...f, intervalS: 'soon' })).toEqual({ ok: false, field: 'interval_s' });
  });

  it('parent choices leave out the meter and everything under it', () => {
    expect(parentChoices(registry, 'main').map((m) => m.id)).toEqual(['tx']);
    expect(parentChoices(registry, 'sub').map((m) => m.id)).toEqual(['tx', 'main']);
    expect(parentChoices(registry).map((m) => m.id)).toEqual(['tx', 'main', 'sub']);
  });

  it('replacement: registers as quantity=value lists, a time needs its offset', () => {
    expect(parseRegisters('energy_import_kwh=1150, energy_export_kwh = 2')).toEqual({ energy_import_kwh: 1150, energy_export_kwh: 2 });
    expect(parseRegisters('')).toBeUndefined();
    expect(parseRegisters('energy=-1')).toBeNull();
    expect(replacementBody({ at: '2026-11-10T09:00:00+08:00', final: 'energy_import_kwh=1150', initial: 'energy_import_kwh=0' })).toEqual({
      ok: true,
      body: { at: '2026-11-10T09:00:00+08:00', final: { energy_import_kwh: 1150 }, initial: { energy_import_kwh: 0 } },
    });
    expect(replacementBody({ at: '2026-11-10 09:00', final: '', initial: '' })).toEqual({ ok: false, field: 'at' });
    expect(replacementBody({ at: '2026-11-10T09:00Z', final: 'x', initial: '' })).toEqual({ ok: false, field: 'final' });
  });

  it('isoInZone: park time with the park offset', () => {
    // 2026-11-10T01:00Z is 09:00 in Shanghai (UTC+8, no DST) and 2026-11-09T20:00 in New York (EST, UTC-5).
    const ms = Date.parse('2026-11-10T01:00:00Z');
    expect(isoInZone(ms, 'Asia/Shanghai')).toBe('2026-11-10T09:00:00+08:00');
    expect(isoInZone(ms, 'America/New_York')).toBe('2026-11-09T20:00:00-05:00');
    expect(Date.parse(isoInZone(ms + 250, 'Asia/Kolkata'))).toBe(ms);
  });

  it('an error field marks its input', () => {
    expect(inputOfField('final.energy_import_kwh')).toBe('final');
    expect(inputOfField('budgets.year_tce')).toBe('budgets.year_tce');
    expect(inputOfField(undefined)).toBeUndefined();
  });
});

describe('the registry page', () => {
  it('is at /registry, for admins only', () => {
    expect(parseRoute('/registry')).toEqual({ page: 'registry' });
    expect(parseRoute('/registry/x')).toEqual({ page: 'not-found', path: '/registry/x' });
    const who = (role: 'admin' | 'park_operator' | 'engineer' | 'enterprise_user') => ({ userId: role, displayName: role, role, park: 'p1', via: 'session' as const });
    expect(['admin', 'park_operator', 'engineer', 'enterprise_user'].map((r) => editsRegistry(who(r as 'admin')))).toEqual([true, false, false, false]);
  });
});
