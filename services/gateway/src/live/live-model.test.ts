import { fileURLToPath } from 'node:url';
import { fixedClock, indexRegistry } from '@lingtan/domain';
import { loadRegistryFile } from '@lingtan/runtime';
import { parkSummarySchema } from '@lingtan/schema';
import { createMemoryStore } from '@lingtan/store';
import { describe, expect, it } from 'vitest';
import { createLiveModel } from './live-model.js';
import { rollupCutMs } from './seed.js';
import { alertEvent, batch, reading, smallPark, workedBatches } from './testing.js';

// 2026-03-10 10:00 in Shanghai (UTC+8); the local day is [03-09T16:00Z, 03-10T16:00Z).
const NOW = Date.UTC(2026, 2, 10, 2, 0, 0);
const DAY_START = Date.UTC(2026, 2, 9, 16);

function worked(options: { accounting?: Record<string, unknown> } = {}) {
  const clock = fixedClock(NOW);
  const model = createLiveModel({ registry: smallPark(options.accounting), clock });
  for (const b of workedBatches(NOW)) model.onBatch(b);
  return { model, clock };
}

describe('live model: today from interval deltas (江苏 2023, 当量值, oilfield gas)', () => {
  const { model } = worked();
  const park = model.parkSummary();
  const a = park.enterprises.find((e) => e.enterprise === 'ent-a');
  const b = park.enterprises.find((e) => e.enterprise === 'ent-b');

  it('enterprise A: kWh of its main meter only, tce and tCO2 of electricity and gas', () => {
    // The sub-meter's 700 kWh is inside the main meter's 1000 kWh: not counted again.
    expect(a?.todayKwh).toBe(1000);
    // 1000 kWh x 0.1229 kgce/kWh + 1000 Nm3 x 1.33 kgce/m3 = 122.9 + 1330 = 1452.9 kgce
    expect(a?.todayTce).toBeCloseTo(1.4529, 9);
    // 1000 kWh x 0.5827 kg/kWh = 582.7 kg; gas 0.1 x 10^4 Nm3 x 389.31 GJ x 0.0153 tC/GJ x 0.99 x 44/12 = 2162.1888 kg
    expect(a?.todayTco2).toBeCloseTo(0.5827 + 2.1621888, 6);
    // 1.4529 tce / (50,000 CNY / 10,000) = 0.29058 tce per 万元
    expect(a?.intensityTcePer10kCny).toBeCloseTo(0.29058, 9);
    expect(a?.loadKw).toBe(400);
  });

  it('enterprise B: electricity and heat from the CHP', () => {
    expect(b?.todayKwh).toBe(500);
    // 500 x 0.1229 = 61.45 kgce; 2 GJ x 34.12 kgce/GJ = 68.24 kgce
    expect(b?.todayTce).toBeCloseTo(0.12969, 9);
    // 500 x 0.5827 = 291.35 kg; 2 GJ x 0.11 tCO2/GJ = 220 kg
    expect(b?.todayTco2).toBeCloseTo(0.51135, 9);
    expect(b?.intensityTcePer10kCny).toBeNull();
  });

  it('the park is the sum of its enterprises', () => {
    expect(park.energy.todayTce).toBeCloseTo(1.4529 + 0.12969, 9);
    expect(park.carbon.todayTco2).toBeCloseTo(2.7448888 + 0.51135, 6);
    expect(park.factorSet).toBe('lingtan-cn-factors@2026.1');
  });

  it('power now: load of the consumption meters, the incomer as grid import, PV, battery, CHP', () => {
    expect(park.power).toEqual({ loadKw: 600, pvKw: 150, storageKw: -50, storageSocPct: 60, gridImportKw: 650, gridExportKw: 0, chpHeatKw: 120 });
  });

  it('carbon rate: the present rates held for an hour', () => {
    // A: 400 kWh x 0.5827 = 233.08 kg + 100 Nm3 gas (0.01 x 389.31 x 0.0153 x 0.99 x 44/12 t) = 216.218881 kg;
    // B: 200 x 0.5827 = 116.54 kg + 100 kW heat = 0.36 GJ x 110 kg/GJ = 39.6 kg
    expect(park.carbon.rateTco2PerH).toBeCloseTo((233.08 + 216.218881 + 116.54 + 39.6) / 1000, 9);
  });

  it('green share: hourly-matched today, and now with the battery as today left it', () => {
    // Hour 09:00-10:00: load 1500 kWh, PV 300 kWh serves load first -> 300 / 1500 = 20 %.
    expect(park.greenShare.todayPct).toBeCloseTo(20, 9);
    // Now: PV 150 kW of a 600 kW load = 25 % (the battery charges, from the grid).
    expect(park.greenShare.nowPct).toBeCloseTo(25, 9);
    // The park's PV reaches the tenants through the park's grid: A drew all its energy in
    // 09:00-10:00, when 20 % of the park's load was green, so 20 % of A's is (tenantGreenShare).
    expect(a?.greenSharePct).toBeCloseTo(20, 9);
    expect(a?.greenCode.reasons.join('\n')).toContain('green share 20.0%');
  });

  it('without budgets every level is grey', () => {
    expect(a?.budget).toEqual({ level: 'grey', usedPct: null });
    expect(park.carbon).toMatchObject({ budgetTco2: null, level: 'grey' });
    expect(park.energy).toMatchObject({ budgetTce: null, level: 'grey' });
  });

  it('zero-carbon indicator: tCO2 per tce; no ceiling for a park under 200,000 tce a year', () => {
    // 3.2562388 t / 1.58259 tce = 2.0575; 1.58 tce in 10 h is ~1,386 tce a year: class under_200k_tce, no ceiling
    expect(park.zeroCarbon.tco2PerTce).toBeCloseTo(3.2562388 / 1.58259, 6);
    expect(park.zeroCarbon).toMatchObject({ thresholdTco2PerTce: null, status: 'unknown', provisional: true });
  });

  it('a configured size class gets its ceiling: 2.06 > 0.2 tCO2/tce is missed', () => {
    const zc = worked({ accounting: { size_class: '200k_to_1m_tce' } }).model.parkSummary().zeroCarbon;
    expect(zc).toMatchObject({ thresholdTco2PerTce: 0.2, status: 'missed' });
  });

  it('the energy-flow diagram in kW', () => {
    const value = (s: string, t: string) => park.flows.links.find((l) => l.source === s && l.target === t)?.valueKw;
    expect(value('source:grid', 'carrier:electricity')).toBe(650);
    expect(value('source:pv', 'carrier:electricity')).toBe(150);
    expect(value('source:storage', 'carrier:electricity')).toBeUndefined(); // charging
    expect(value('source:chp', 'carrier:heat')).toBe(120);
    // 100 Nm3/h x 389.31 GJ / 10^4 Nm3 x 10^6 kJ/GJ / 3600 s = 1081.4 kW
    expect(value('source:gas', 'carrier:gas')).toBeCloseTo(1081.4167, 3);
    expect(value('carrier:electricity', 'enterprise:ent-a')).toBe(400);
    expect(value('carrier:heat', 'enterprise:ent-b')).toBe(100);
    expect(park.flows.nodes.map((n) => n.id)).not.toContain('source:storage');
  });

  it('meters online: all but the water meter that never reported', () => {
    expect(park.quality).toEqual({ metersTotal: 11, metersOnline: 10, metersOffline: 1, deadLettersToday: 0 });
    expect(b).toMatchObject({ metersOnline: 2, metersTotal: 3, lastReadingMs: NOW });
    expect(model.meterStatus().find((s) => s.meter === 'b-water')).toEqual({ meter: 'b-water', enterprise: 'ent-b', carrier: 'water', lastReadingMs: null, online: false });
  });
});

describe('live model: the summaries keep the contract', () => {
  it('the small park and the demo park (20 enterprises, 61 meters) give summaries the schema accepts', async () => {
    expect(parkSummarySchema.safeParse(worked().model.parkSummary()).success).toBe(true);
    const demo = indexRegistry(await loadRegistryFile(fileURLToPath(new URL('../../../../config/registry.demo.yaml', import.meta.url))));
    const model = createLiveModel({ registry: demo, clock: fixedClock(NOW) });
    model.onBatch({ v: 1, park: 'yc-binhai', enterprise: 'ent-steel', readings: [reading('m-steel-main', 'electricity', NOW, { power_kw: 5000 }, { energy_import_kwh: 1250 })] });
    const summary = parkSummarySchema.parse(model.parkSummary());
    expect(summary.enterprises).toHaveLength(20);
    expect(summary.enterprises.find((e) => e.enterprise === 'ent-steel')?.todayKwh).toBe(1250);
    // The steel works hangs below transformer 1, the park's incomer: its 5000 kW is load, not grid exchange.
    expect(summary.power).toMatchObject({ loadKw: 5000, gridImportKw: 0 });
  });
});

describe('live model: stream edge cases', () => {
  it('a redelivered batch is not counted twice; a reading for another tenant is refused', () => {
    const { model } = worked();
    for (const b of workedBatches(NOW)) model.onBatch(b);
    model.onBatch(batch('ent-b', [reading('a-main', 'electricity', NOW + 15_000, { power_kw: 1 }, { energy_import_kwh: 99 })]));
    expect(model.enterpriseSummary('ent-a')?.todayKwh).toBe(1000);
    expect(model.skipped).toMatchObject({ unknownMeter: 1 });
    expect(model.skipped.replayed).toBeGreaterThan(0);
  });

  it('a delta stamped at local midnight belongs to the day before', () => {
    const model = createLiveModel({ registry: smallPark(), clock: fixedClock(NOW) });
    model.onBatch(batch('ent-a', [reading('a-main', 'electricity', DAY_START, { power_kw: 1 }, { energy_import_kwh: 5 })]));
    model.onBatch(batch('ent-a', [reading('a-main', 'electricity', DAY_START + 15_000, { power_kw: 1 }, { energy_import_kwh: 7 })]));
    expect(model.enterpriseSummary('ent-a')?.todayKwh).toBe(7);
  });

  it('meters go offline after 3 nominal intervals without a reading', () => {
    const { model, clock } = worked();
    clock.set(NOW + 45_000); // 3 x 15 s: still online
    expect(model.meterStatus().find((s) => s.meter === 'a-main')?.online).toBe(true);
    clock.set(NOW + 45_001);
    expect(model.meterStatus().find((s) => s.meter === 'a-main')?.online).toBe(false);
    // Offline meters leave the present power: A's 400 kW is gone, B's heat (60 s interval) is not.
    expect(model.parkSummary().power.loadKw).toBe(0);
    expect(model.enterpriseSummary('ent-a')?.metersOnline).toBe(2); // gas (60 s) and output (900 s) meters
  });

  it('rolls over at the park\'s local midnight', () => {
    const { model, clock } = worked();
    model.onDeadLetter({ v: 1, receivedAtMs: NOW, topic: 't', code: 'topic_invalid', detail: '', payloadBytes: 1, payloadExcerpt: '' });
    expect(model.deadLettersToday()).toEqual({ today: 1, byCode: { topic_invalid: 1 } });
    clock.set(DAY_START + 86_400_000 - 1);
    expect(model.parkSummary().energy.todayTce).toBeGreaterThan(1);
    clock.set(DAY_START + 86_400_000); // 2026-03-11 00:00 local
    expect(model.parkSummary().energy.todayTce).toBe(0);
    expect(model.deadLettersToday()).toEqual({ today: 0, byCode: {} });
  });

  it('meter updates carry the newest values; unknown or silent meters have none', () => {
    const { model } = worked();
    expect(model.meterUpdate('a-main')).toEqual({ meter: 'a-main', enterprise: 'ent-a', carrier: 'electricity', ts: NOW, values: { power_kw: 400, energy_import_kwh: 51_000 } });
    model.onBatch(batch('ent-a', [reading('a-main', 'electricity', NOW - 15_000, { power_kw: 1 })]));
    expect(model.meterUpdate('a-main')?.values['power_kw']).toBe(400); // older reading: values kept
    expect(model.meterUpdate('b-water')).toBeUndefined();
    expect(model.meterUpdate('nope')).toBeUndefined();
    expect(model.enterpriseSummary('nope')).toBeUndefined();
  });
});

describe('live model: alerts and budgets', () => {
  it('counts open alerts per severity and enterprise; a cleared alert leaves', () => {
    const { model } = worked();
    model.onAlert(alertEvent('al-1', 'ent-a', NOW));
    model.onAlert(alertEvent('al-2', 'ent-b', NOW, { severity: 'critical' }));
    expect(model.parkSummary().alerts).toEqual({ critical: 1, major: 1, minor: 0, warning: 0, info: 0 });
    expect(model.enterpriseSummary('ent-a')?.activeAlerts).toBe(1);
    model.onAlert(alertEvent('al-1', 'ent-a', NOW + 1000, { state: 'cleared', type: 'cleared' }));
    model.onAlert(alertEvent('al-1', 'ent-a', NOW + 500, { state: 'acknowledged', type: 'acknowledged' })); // older: ignored
    expect(model.enterpriseSummary('ent-a')?.activeAlerts).toBe(0);
    expect(model.parkSummary().alerts.major).toBe(0);
  });

  it('daily budgets judged by budgetStatus with the elapsed share of the day as the plan', () => {
    const model = createLiveModel({
      registry: smallPark(),
      clock: fixedClock(NOW),
      budgets: { settings: { bands: { yellow: 0.9, orange: 1, red: 1.1 }, minCompleteness: 0.5 }, enterprises: { 'ent-a': { tce: 5 }, 'ent-b': { tco2: 1 } }, park: { tce: 10 } },
    });
    for (const b of workedBatches(NOW)) model.onBatch(b);
    const park = model.parkSummary();
    const a = park.enterprises.find((e) => e.enterprise === 'ent-a');
    const b = park.enterprises.find((e) => e.enterprise === 'ent-b');
    // A: 1.4529 of 5 tce used = 29.058 %; 10 h of 24 due -> forecast 1.4529 / (10/24) = 3.487 tce = 69.7 %: green
    expect(a?.budget.level).toBe('green');
    expect(a?.budget.usedPct).toBeCloseTo(29.058, 6);
    // B: 0.51135 tCO2 -> forecast 1.227 t = 122.7 % of 1 t: red, and a red budget makes the code red
    expect(b?.budget.level).toBe('red');
    expect(b?.greenCode.reasons[0]).toContain('budget red');
    // Park: 1.58259 tce -> forecast 3.798 tce = 38 % of 10: green; no carbon budget: grey
    expect(park.energy).toMatchObject({ budgetTce: 10, level: 'green' });
    expect(park.carbon.level).toBe('grey');
  });
});

describe('live model: seed from the store', () => {
  it('today\'s totals, newest values and open alerts survive a restart, and the redelivered point is not counted twice', async () => {
    const store = createMemoryStore();
    const ts1 = NOW - 30 * 60_000;
    await store.write([
      { park: 'p1', enterprise: 'ent-a', meter: 'a-main', carrier: 'electricity', tsMs: DAY_START - 15_000, values: { power_kw: 1, energy_import_kwh_delta: 9999 } }, // yesterday
      { park: 'p1', enterprise: 'ent-a', meter: 'a-main', carrier: 'electricity', tsMs: ts1, values: { power_kw: 380, energy_import_kwh: 50_000, energy_import_kwh_delta: 600 } },
      { park: 'p1', enterprise: 'ent-a', meter: 'a-main', carrier: 'electricity', tsMs: NOW, values: { power_kw: 400, energy_import_kwh: 51_000, energy_import_kwh_delta: 1000 } },
    ]);
    await store.writeAlertEvents([alertEvent('al-1', 'ent-a', NOW - 3_600_000), alertEvent('al-2', 'ent-b', NOW - 7_200_000), alertEvent('al-2', 'ent-b', NOW - 3_600_000, { state: 'cleared', type: 'cleared' })]);
    const model = createLiveModel({ registry: smallPark(), clock: fixedClock(NOW), store });
    const seeding = model.seed();
    // Arrives while seeding: the point the store already holds, and a new one.
    model.onBatch(batch('ent-a', [reading('a-main', 'electricity', NOW, { power_kw: 400 }, { energy_import_kwh: 1000 })]));
    model.onBatch(batch('ent-a', [reading('a-main', 'electricity', NOW + 15_000, { power_kw: 410 }, { energy_import_kwh: 25 })]));
    await seeding;
    // 09:30 comes from the 15-minute rollups, 10:00 as a raw point: rollups stop at 09:45, the bucket open 2 minutes ago.
    expect(rollupCutMs(NOW, DAY_START)).toBe(NOW - 15 * 60_000);
    expect(rollupCutMs(DAY_START + 60_000, DAY_START)).toBe(DAY_START);
    const a = model.enterpriseSummary('ent-a');
    // 600 + 1000 from the store (yesterday's 9999 left out) + 25 new
    expect(a?.todayKwh).toBe(1625);
    expect(a?.activeAlerts).toBe(1);
    expect(model.meterUpdate('a-main')).toMatchObject({ ts: NOW + 15_000, values: { power_kw: 410 } });
    expect(model.parkSummary().alerts.major).toBe(1);
  });
});
