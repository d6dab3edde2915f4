import { registrySchema } from '@lingtan/schema';
import type { Registry } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { EditRefused, addReplacement, createMeter, deleteEnterprise, deleteMeter, patchEnterprise, patchMeter } from './registry-edits.js';

const base: Registry = registrySchema.parse({
  park: { id: 'p1', name: 'Park' },
  enterprises: [
    { id: 'ent-a', name: 'A', industry: 'steel', budgets: { year_tce: 100 } },
    { id: 'ent-b', name: 'B' },
  ],
  meters: [
    { id: 'm1', name: 'Main', enterprise: 'ent-a', carrier: 'electricity' },
    { id: 'm2', enterprise: 'ent-a', carrier: 'electricity', role: 'sub', parent: 'm1' },
  ],
});
const refusal = (f: () => unknown): EditRefused => {
  try {
    f();
  } catch (error) {
    if (error instanceof EditRefused) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('registry edits', () => {
  it('a patch sets given fields, null removes an optional one (a null parent makes a top meter), absent ones stay', () => {
    const e = patchEnterprise('ent-a', { name: 'A2', industry: null })(base).enterprises[0];
    expect(e).toEqual({ id: 'ent-a', name: 'A2', budgets: { year_tce: 100 } });
    const m = patchMeter('m2', { parent: null, name: 'Furnace' })(base).meters[1];
    expect(m).toMatchObject({ id: 'm2', parent: null, name: 'Furnace', role: 'sub' });
    expect(patchMeter('m1', { name: null })(base).meters[0]?.name).toBeUndefined();
  });

  it('refuses unknown ids (404), duplicates, own parent, deleting a parent or an enterprise in use (409)', () => {
    expect(refusal(() => patchMeter('nope', { name: 'x' })(base)).status).toBe(404);
    expect(refusal(() => createMeter({ id: 'm1', enterprise: 'ent-b', carrier: 'gas' })(base))).toMatchObject({ status: 409, field: 'id' });
    expect(refusal(() => patchMeter('m1', { parent: 'm1' })(base))).toMatchObject({ status: 409, field: 'parent' });
    expect(refusal(() => deleteMeter('m1')(base)).message).toBe('meter "m1" is the parent of m2; move or delete them first');
    expect(refusal(() => deleteEnterprise('ent-a', () => [])(base)).message).toContain('still has 2 meter(s): m1, m2');
    expect(refusal(() => deleteEnterprise('ent-b', () => ['bob', 'key:b-erp'])(base)).message).toContain('2 user(s) or API key(s) in the users file: bob, key:b-erp');
    expect(deleteEnterprise('ent-b', () => [])(base).enterprises.map((e) => e.id)).toEqual(['ent-a']);
  });

  it('keeps replacements in time order and refuses two at the same instant (written with different offsets)', () => {
    const one = addReplacement('m1', { at: '2026-03-10T10:00:00+08:00', final: { energy_import_kwh: 5 } })(base);
    const two = addReplacement('m1', { at: '2026-03-01T00:00:00Z' })(one);
    expect(two.meters[0]?.replacements?.map((r) => r.at)).toEqual(['2026-03-01T00:00:00Z', '2026-03-10T10:00:00+08:00']);
    // 10:00+08:00 is 02:00Z: the same instant.
    expect(refusal(() => addReplacement('m1', { at: '2026-03-10T02:00:00Z' })(two))).toMatchObject({ status: 409, field: 'at' });
    expect(base.meters[0]?.replacements).toBeUndefined();
  });
});
