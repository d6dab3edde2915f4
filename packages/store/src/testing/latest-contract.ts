import { expect, it } from 'vitest';
import type { TelemetryPoint, TimeSeriesStore } from '../port.js';

const reading = (enterprise: string, meter: string, tsMs: number, values: Record<string, number>): TelemetryPoint => ({
  park: 'park-1',
  enterprise,
  meter,
  carrier: 'electricity',
  tsMs,
  values,
});

/** `latest`: the newest point of each meter, whole, with enterprise, meter and since filters. */
export function describeLatestContract(store: () => TimeSeriesStore, t0: number): void {
  it('returns the newest point of each meter with only that point’s fields, ordered by meter', async () => {
    // m-l1 reported voltage only at t0: its newest point (t0 + 2000) has power alone, and
    // `latest` must not mix the older voltage in (a per-field LAST() would).
    await store().write([
      reading('ent-l', 'm-l2', t0 + 500, { power_kw: 5 }),
      reading('ent-l', 'm-l1', t0, { power_kw: 1, voltage_v: 400 }),
      reading('ent-l', 'm-l1', t0 + 2000, { power_kw: 3 }),
      reading('ent-l', 'm-l1', t0 + 1000, { power_kw: 2, voltage_v: 401 }),
      reading('ent-lx', 'm-l3', t0 + 9000, { power_kw: 9 }),
    ]);
    expect(await store().latest({ park: 'park-1', enterprise: 'ent-l' })).toEqual([
      reading('ent-l', 'm-l1', t0 + 2000, { power_kw: 3 }),
      reading('ent-l', 'm-l2', t0 + 500, { power_kw: 5 }),
    ]);
    expect(await store().latest({ park: 'park-1', meter: 'm-l3' })).toEqual([reading('ent-lx', 'm-l3', t0 + 9000, { power_kw: 9 })]);
    expect(await store().latest({ park: 'park-2', enterprise: 'ent-l' })).toEqual([]);
  });

  it('leaves out meters whose newest point is older than sinceMs (inclusive bound)', async () => {
    await store().write([reading('ent-ls', 'm-ls1', t0 + 100, { power_kw: 1 }), reading('ent-ls', 'm-ls2', t0 + 300, { power_kw: 2 })]);
    const since = await store().latest({ park: 'park-1', enterprise: 'ent-ls', sinceMs: t0 + 300 });
    expect(since).toEqual([reading('ent-ls', 'm-ls2', t0 + 300, { power_kw: 2 })]);
    expect(await store().latest({ park: 'park-1', enterprise: 'ent-ls', sinceMs: t0 + 301 })).toEqual([]);
  });

  it('sees a merge into the newest point', async () => {
    await store().write([reading('ent-lm', 'm-lm', t0, { power_kw: 1 })]);
    await store().write([reading('ent-lm', 'm-lm', t0, { voltage_v: 230 })]);
    expect(await store().latest({ park: 'park-1', meter: 'm-lm' })).toEqual([reading('ent-lm', 'm-lm', t0, { power_kw: 1, voltage_v: 230 })]);
  });
}
