// The normalizer follows registry changes between two batches: a replacement event or a new
// rollover maximum takes effect for the next reading, a removed meter's state is dropped.
import { createLiveRegistry } from '@lingtan/domain';
import { registrySchema } from '@lingtan/schema';
import type { Meter, Registry } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import type { SpoolRecord } from './drainer.js';
import { Normalizer } from './normalizer.js';

const T0 = Date.parse('2026-03-01T00:00:00Z');
const base: Registry = registrySchema.parse({
  park: { id: 'p', name: 'P' },
  enterprises: [{ id: 'e', name: 'E' }],
  meters: [
    { id: 'm', enterprise: 'e', carrier: 'electricity', interval_s: 60 },
    { id: 'n', enterprise: 'e', carrier: 'electricity', interval_s: 60 },
  ],
});
const withMeter = (id: string, patch: Partial<Meter>): Registry => ({ ...base, meters: base.meters.map((m) => (m.id === id ? { ...m, ...patch } : m)) });
const record = (meter: string, minute: number, kwh: number): SpoolRecord => ({ r: T0 + minute * 60_000, k: 'p', e: 'e', m: meter, c: 'electricity', p: [[T0 + minute * 60_000, { energy_import_kwh: kwh }]] });
const step = (n: Normalizer, meter: string, minute: number, kwh: number) => {
  const reading = n.process([record(meter, minute, kwh)]).batches[0]!.readings[0]!;
  return [reading.d?.energy_import_kwh, reading.k?.energy_import_kwh];
};

describe('Normalizer and registry changes', () => {
  it('a replacement added to the registry makes the next drop a replacement, not a suspect', () => {
    const live = createLiveRegistry(base);
    const n = new Normalizer(live);
    expect(step(n, 'm', 0, 5000)).toEqual([undefined, 'first']);
    expect(step(n, 'm', 1, 5002)).toEqual([2, undefined]);
    // Swapped at minute 1.5: the old meter read 5003 at removal, the new one starts at 100.
    // Next reading 104 at minute 2: delta = (5003 - 5002) + (104 - 100) = 5 kWh.
    const change = live.replace(withMeter('m', { replacements: [{ at: new Date(T0 + 90_000).toISOString(), final: { energy_import_kwh: 5003 }, initial: { energy_import_kwh: 100 } }] }));
    n.registryChanged(change!.meters);
    expect(step(n, 'm', 2, 104)).toEqual([5, 'replaced']);
    expect(step(n, 'm', 3, 105)).toEqual([1, undefined]);
  });

  it('without the change the same drop is a suspect negative step (the cached settings would be stale)', () => {
    const live = createLiveRegistry(base);
    const n = new Normalizer(live);
    step(n, 'm', 0, 5000);
    step(n, 'm', 1, 5002);
    live.replace(withMeter('m', { replacements: [{ at: new Date(T0 + 90_000).toISOString() }] }));
    // 104 is above 1 % of 5002 (not a reset to zero) and no wrap is configured.
    expect(step(n, 'm', 2, 104)).toEqual([undefined, 'suspect_negative']);
  });

  it('a new rollover maximum takes effect for the next reading', () => {
    const live = createLiveRegistry(base);
    const n = new Normalizer(live);
    step(n, 'm', 0, 99_990);
    // Wraps at 100000: delta = 100000 - 99990 + 4 = 14 kWh.
    n.registryChanged(live.replace(withMeter('m', { rollover_max: { energy_import_kwh: 100_000 } }))!.meters);
    expect(step(n, 'm', 1, 4)).toEqual([14, 'rollover']);
  });

  it('drops the state of a removed meter and keeps the others', () => {
    const live = createLiveRegistry(base);
    const n = new Normalizer(live);
    step(n, 'm', 0, 100);
    step(n, 'n', 0, 200);
    const change = live.replace({ ...base, meters: base.meters.filter((m) => m.id !== 'm') });
    n.registryChanged(change!.meters);
    expect(Object.keys(n.snapshot())).toEqual(['n']);
    expect(step(n, 'n', 1, 201)).toEqual([1, undefined]);
    // Registered again later: it starts afresh.
    n.registryChanged(live.replace(base)!.meters);
    expect(step(n, 'm', 2, 300)).toEqual([undefined, 'first']);
  });
});
