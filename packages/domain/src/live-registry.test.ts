import { registrySchema } from '@lingtan/schema';
import type { Registry } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { RegistryChangeRefused, checkRegistryChange, createLiveRegistry, diffRegistries } from './live-registry.js';

const base: Registry = registrySchema.parse({
  park: { id: 'p1', name: 'Park', timezone: 'Asia/Shanghai' },
  enterprises: [
    { id: 'ent-a', name: 'A' },
    { id: 'ent-b', name: 'B' },
  ],
  meters: [
    { id: 'm-a1', enterprise: 'ent-a', carrier: 'electricity' },
    { id: 'm-a2', enterprise: 'ent-a', carrier: 'electricity', parent: 'm-a1' },
    { id: 'm-b1', enterprise: 'ent-b', carrier: 'gas' },
  ],
});
const edit = (f: (r: Registry) => Registry): Registry => registrySchema.parse(f(structuredClone(base)));

describe('createLiveRegistry', () => {
  it('answers lookups from the current registry after a change, and counts revisions', () => {
    const live = createLiveRegistry(base);
    const held = live; // what a service keeps: the same object, new answers
    expect(live.revision).toBe(1);
    const next = edit((r) => ({ ...r, meters: [...r.meters.filter((m) => m.id !== 'm-b1'), { ...r.meters[0]!, id: 'm-a3', parent: 'm-a2' }] }));
    const change = live.replace(next);
    expect(change?.revision).toBe(2);
    expect(held.revision).toBe(2);
    expect(held.meter('m-b1')).toBeUndefined();
    expect(held.metersOf('ent-a').map((m) => m.id)).toEqual(['m-a1', 'm-a2', 'm-a3']);
    expect(held.ancestors('m-a3').map((m) => m.id)).toEqual(['m-a2', 'm-a1']);
    expect(held.registry).toBe(next);
  });

  it('tells listeners what changed, in order, and not at all for an identical registry', () => {
    const live = createLiveRegistry(base);
    const seen: number[] = [];
    const stop = live.onChange((c) => seen.push(c.revision));
    expect(live.replace(structuredClone(base))).toBeUndefined();
    live.replace(edit((r) => ({ ...r, enterprises: r.enterprises.map((e) => (e.id === 'ent-b' ? { ...e, name: 'B2' } : e)) })));
    stop();
    live.replace(edit((r) => ({ ...r, park: { ...r.park, name: 'Renamed' } })));
    expect(seen).toEqual([2]);
    expect(live.revision).toBe(3);
  });

  it('refuses changes that would re-key or leak stored data, and keeps the old registry', () => {
    const live = createLiveRegistry(base);
    const moved = edit((r) => ({ ...r, meters: r.meters.map((m) => (m.id === 'm-b1' ? { ...m, enterprise: 'ent-a' } : m)) }));
    expect(() => live.replace(moved)).toThrow(RegistryChangeRefused);
    expect(live.meter('m-b1')?.enterprise).toBe('ent-b');
    expect(live.revision).toBe(1);
  });

  it('applies a change even when a listener throws, and reports the failure after the others ran', () => {
    const live = createLiveRegistry(base);
    let after = 0;
    live.onChange(() => {
      throw new Error('boom');
    });
    live.onChange(() => (after += 1));
    expect(() => live.replace(edit((r) => ({ ...r, park: { ...r.park, name: 'X' } })))).toThrow(AggregateError);
    expect(after).toBe(1);
    expect(live.registry.park.name).toBe('X');
  });
});

describe('checkRegistryChange', () => {
  it('names every reason: park id, time zone, a carrier, an enterprise move', () => {
    const next = edit((r) => ({
      park: { ...r.park, id: 'p2', timezone: 'Asia/Urumqi' },
      enterprises: r.enterprises,
      meters: r.meters.map((m) => (m.id === 'm-a1' ? { ...m, carrier: 'heat' as const } : m.id === 'm-b1' ? { ...m, enterprise: 'ent-a' } : m)),
    }));
    expect(checkRegistryChange(base, next)).toEqual([
      'the park id cannot change (p1 -> p2)',
      'the park time zone cannot change while rollups exist (Asia/Shanghai -> Asia/Urumqi)',
      'meter m-a1: the carrier cannot change (electricity -> heat); register a new meter id',
      'meter m-b1: cannot move to another enterprise (ent-b -> ent-a); retire it and register a new meter id',
    ]);
  });

  it('allows adding, removing, renaming and re-parenting meters, and budgets', () => {
    const next = edit((r) => ({
      ...r,
      park: { ...r.park, budgets: { year_tce: 1000 } },
      meters: [{ ...r.meters[1]!, parent: null, name: 'feeder 2' }, { id: 'm-b2', enterprise: 'ent-b', carrier: 'electricity' }] as Registry['meters'],
    }));
    expect(checkRegistryChange(base, next)).toEqual([]);
    const d = diffRegistries(base, next, 2);
    expect(d.parkChanged).toBe(true);
    expect(d.meters).toEqual({ added: ['m-b2'], removed: ['m-a1', 'm-b1'], changed: ['m-a2'] });
    expect(d.enterprises).toEqual({ added: [], removed: [], changed: [] });
  });
});
