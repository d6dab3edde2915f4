import { createLiveRegistry, fixedClock } from '@lingtan/domain';
import { registrySchema } from '@lingtan/schema';
import type { Registry } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { budgetsFromRegistry } from './budget-levels.js';
import { createLiveModel } from './live-model.js';
import { batch, reading, smallPark, workedBatches } from './testing.js';

// 2026-03-10 10:00 in Shanghai, as in live-model.test.ts (the same worked example).
const NOW = Date.UTC(2026, 2, 10, 2, 0, 0);
const edit = (r: Registry, f: (r: Registry) => Registry): Registry => registrySchema.parse(f(structuredClone(r)));

function worked() {
  const live = createLiveRegistry(smallPark().registry);
  const model = createLiveModel({ registry: live, clock: fixedClock(NOW), budgets: (r) => budgetsFromRegistry(r, NOW) });
  for (const b of workedBatches(NOW)) model.onBatch(b);
  return { live, model };
}

describe('live model over a live registry', () => {
  it('a new meter is served at once, and counts from its first reading; unchanged meters keep their values', () => {
    const { live, model } = worked();
    expect(model.enterpriseSummary('ent-a')?.metersTotal).toBe(4);
    live.replace(edit(live.registry, (r) => ({ ...r, meters: [...r.meters, { id: 'a-comp', enterprise: 'ent-a', carrier: 'electricity', role: 'main', parent: null, interval_s: 15 }] })));
    expect(model.enterpriseSummary('ent-a')?.metersTotal).toBe(5);
    expect(model.meterUpdate('a-main')?.values.power_kw).toBe(400);
    // a-comp is a main meter with no parent: an accounting meter. 200 kWh more for A: 1000 + 200.
    model.onBatch(batch('ent-a', [reading('a-comp', 'electricity', NOW, { power_kw: 100 }, { energy_import_kwh: 200 })]));
    expect(model.meterUpdate('a-comp')?.values.power_kw).toBe(100);
    expect(model.parkSummary().enterprises.find((e) => e.enterprise === 'ent-a')?.todayKwh).toBe(1200);
  });

  it('a removed meter leaves the live figures and its readings are skipped', () => {
    const { live, model } = worked();
    live.replace(edit(live.registry, (r) => ({ ...r, meters: r.meters.filter((m) => m.id !== 'a-gas') })));
    expect(model.meterUpdate('a-gas')).toBeUndefined();
    // A was 1.4529 tce (122.9 kgce electricity + 1330 kgce gas); without the gas meter 0.1229 tce.
    expect(model.parkSummary().enterprises.find((e) => e.enterprise === 'ent-a')?.todayTce).toBeCloseTo(0.1229, 9);
    const skipped = model.skipped.unknownMeter;
    model.onBatch(batch('ent-a', [reading('a-gas', 'gas', NOW + 1000, { gas_flow_nm3h: 1 }, { gas_volume_nm3: 1 })]));
    expect(model.skipped.unknownMeter).toBe(skipped + 1);
  });

  it('a removed enterprise has no summary; a new budget is judged at once', () => {
    const { live, model } = worked();
    const grey = model.parkSummary().enterprises.find((e) => e.enterprise === 'ent-a');
    expect(grey?.budget.level).toBe('grey');
    // 365 tce a year in 2026 is 1 tce a day; A has used 1.4529 tce by 10:00.
    live.replace(edit(live.registry, (r) => ({ ...r, enterprises: r.enterprises.map((e) => (e.id === 'ent-a' ? { ...e, budgets: { year_tce: 365 } } : e)) })));
    expect(model.parkSummary().enterprises.find((e) => e.enterprise === 'ent-a')?.budget.level).not.toBe('grey');
    live.replace(edit(live.registry, (r) => ({ ...r, enterprises: [...r.enterprises, { id: 'ent-x', name: 'X' }] })));
    expect(model.enterpriseSummary('ent-x')?.metersTotal).toBe(0);
    live.replace(edit(live.registry, (r) => ({ ...r, enterprises: r.enterprises.filter((e) => e.id !== 'ent-x') })));
    expect(model.enterpriseSummary('ent-x')).toBeUndefined();
  });
});
