import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualGreenShare, combineGreenShares, greenShares } from './green-share.js';
import type { GreenHour } from './green-share.js';
import { chargePool, dischargePool, poolGreenFraction, storagePool } from './storage-pool.js';

const H = 3_600_000;
const at = (i: number): number => Date.UTC(2024, 5, 1, i);

describe('storage pool', () => {
  it('charged 100 kWh PV + 100 kWh grid (brown) at 90 %: 180 kWh, half green; 60 kWh out carries 30 green', () => {
    const pool = chargePool(chargePool(storagePool(), 100, 100, { roundTripEfficiency: 0.9 }), 100, 0, { roundTripEfficiency: 0.9 });
    expect(pool.energyKwh).toBeCloseTo(180, 12);
    expect(poolGreenFraction(pool)).toBeCloseTo(0.5, 12);
    const out = dischargePool(pool, 60);
    expect(out.greenKwh).toBeCloseTo(30, 12);
    expect(out.pool.energyKwh).toBeCloseTo(120, 12);
  });

  it('energy beyond what the pool holds is of unknown origin: not green unless configured', () => {
    expect(dischargePool(storagePool(10, 1), 30).greenKwh).toBe(10);
    expect(dischargePool(storagePool(10, 1), 30, { unknownGreenFraction: 0.5 }).greenKwh).toBe(20);
    expect(() => chargePool(storagePool(), 10, 11)).toThrow(/exceeds/);
  });
});

describe('annualGreenShare', () => {
  it('1,000,000 kWh load; PV 200,000 + trade 300,000 + 200 GECs x 1,000 = 700,000 kWh -> 70 %', () => {
    const s = annualGreenShare({ loadKwh: 1_000_000, pvSelfConsumedKwh: 200_000, greenTradeKwh: 300_000, retiredGecCount: 200 }, { gecCountsAsGreen: true });
    expect(s.share).toBeCloseTo(0.7, 12);
    expect(s.bySource).toEqual({ pv: 200_000, storage: 0, trade: 300_000, gec: 200_000 });
  });

  it('600 GECs: only 500,000 kWh of them are needed; 100,000 kWh unmatched, share capped at 100 %', () => {
    const s = annualGreenShare({ loadKwh: 1_000_000, pvSelfConsumedKwh: 200_000, greenTradeKwh: 300_000, retiredGecCount: 600 }, { gecCountsAsGreen: true });
    expect(s).toMatchObject({ share: 1, unmatchedInstrumentKwh: 100_000 });
  });

  it('GECs do not count where the park does not allow them; no load gives no share', () => {
    const s = annualGreenShare({ loadKwh: 1_000_000, pvSelfConsumedKwh: 200_000, greenTradeKwh: 300_000, retiredGecCount: 200 }, { gecCountsAsGreen: false });
    expect(s.share).toBeCloseTo(0.5, 12);
    expect(annualGreenShare({ loadKwh: 0, pvSelfConsumedKwh: 0, greenTradeKwh: 0, retiredGecCount: 0 }, { gecCountsAsGreen: true }).share).toBeNull();
  });
});

describe('greenShares, hourly matching', () => {
  it('a trade settled at noon cannot cover the night: hourly 50 %, annual 80 %', () => {
    // 12:00 load 100, PV 150 (50 exported), trade 60 -> grid import 0, trade unmatched
    // 00:00 load 100 from the grid, no instrument -> hourly 100 / 200; annual (100 + 60) / 200
    const hours: GreenHour[] = [
      { startMs: at(0), loadKwh: 100 },
      { startMs: at(12), loadKwh: 100, pvKwh: 150, greenTradeKwh: 60 },
    ];
    const s = greenShares(hours, { gecCountsAsGreen: true });
    expect(s.hourly).toMatchObject({ loadKwh: 200, greenKwh: 100, share: 0.5, unmatchedInstrumentKwh: 60 });
    expect(s.annual).toMatchObject({ greenKwh: 160, share: 0.8 });
    expect(s.hours.map((h) => h.share)).toEqual([0, 1]);
  });

  it('storage carries the green fraction of what charged it (round trip 90 %)', () => {
    // h1: load 100 from PV; PV surplus 100 charges the battery -> pool 90 kWh, all green
    // h2: discharge 45 (green 45), grid 55 -> green 45
    // h3: load 50 + charge 50 from the grid, trade 50 -> half of the import green:
    //     load green 25; charge green 25 -> pool 45 + 45 = 90 kWh, green 45 + 22.5 = 67.5 (75 %)
    // h4: discharge 60 x 0.75 = 45 green, grid 40 -> green 45; pool left 30 kWh, 22.5 green
    // hourly (100 + 45 + 25 + 45) / 350 = 61.43 %; annual (PV 200 + trade 50) / 350 = 71.43 %
    const hours: GreenHour[] = [
      { startMs: at(11), loadKwh: 100, pvKwh: 200, chargeKwh: 100 },
      { startMs: at(19), loadKwh: 100, dischargeKwh: 45 },
      { startMs: at(22), loadKwh: 50, chargeKwh: 50, greenTradeKwh: 50 },
      { startMs: at(23), loadKwh: 100, dischargeKwh: 60 },
    ];
    const s = greenShares(hours, { gecCountsAsGreen: true, roundTripEfficiency: 0.9 });
    expect(s.hours.map((h) => h.greenKwh)).toEqual([100, 45, 25, 45]);
    expect(s.hourly.bySource).toEqual({ pv: 100, storage: 90, trade: 25, gec: 0 });
    expect(s.hourly.share).toBeCloseTo(215 / 350, 12);
    expect(s.annual.share).toBeCloseTo(250 / 350, 12);
    expect(s.pool.energyKwh).toBeCloseTo(30, 9);
    expect(s.pool.greenKwh).toBeCloseTo(22.5, 9);
  });

  it('GECs count in their generation hour, after trades', () => {
    const s = greenShares([{ startMs: at(0), loadKwh: 1000, greenTradeKwh: 400, gecKwh: 1000 }], { gecCountsAsGreen: true });
    expect(s.hourly).toMatchObject({ share: 1, bySource: { pv: 0, storage: 0, trade: 400, gec: 600 }, unmatchedInstrumentKwh: 400 });
  });

  it('refuses unsorted hours and negative energy', () => {
    expect(() => greenShares([{ startMs: at(1), loadKwh: 1 }, { startMs: at(0), loadKwh: 1 }], { gecCountsAsGreen: true })).toThrow(/sorted/);
    expect(() => greenShares([{ startMs: at(1), loadKwh: -1 }], { gecCountsAsGreen: true })).toThrow(/loadKwh/);
  });

  it('park from enterprises: (160 + 50) / (200 + 300) = 42 %', () => {
    const a = annualGreenShare({ loadKwh: 200, pvSelfConsumedKwh: 160, greenTradeKwh: 0, retiredGecCount: 0 }, { gecCountsAsGreen: true });
    const b = annualGreenShare({ loadKwh: 300, pvSelfConsumedKwh: 0, greenTradeKwh: 50, retiredGecCount: 0 }, { gecCountsAsGreen: true });
    expect(combineGreenShares([a, b])).toMatchObject({ loadKwh: 500, greenKwh: 210, share: 0.42 });
  });
});

const kwh = fc.double({ min: 0, max: 1000, noNaN: true });
const arbHours = fc
  .array(fc.record({ loadKwh: kwh, pvKwh: kwh, chargeKwh: fc.oneof(fc.constant(0), kwh), dischargeKwh: fc.oneof(fc.constant(0), kwh), greenTradeKwh: fc.oneof(fc.constant(0), kwh), gecKwh: fc.oneof(fc.constant(0), kwh) }), { maxLength: 48 })
  .map((hs) => hs.map((h, i) => ({ ...h, startMs: i * H })));

describe('greenShares, properties', () => {
  it('green never exceeds load in any hour, and hourly matching never beats the annual sum', () => {
    fc.assert(
      fc.property(arbHours, fc.double({ min: 0.5, max: 1, noNaN: true }), fc.boolean(), (hours, efficiency, gec) => {
        const s = greenShares(hours, { gecCountsAsGreen: gec, roundTripEfficiency: efficiency });
        for (const h of s.hours) expect(h.greenKwh).toBeLessThanOrEqual(h.loadKwh * (1 + 1e-12) + 1e-9);
        expect(s.hourly.greenKwh).toBeLessThanOrEqual(s.annual.greenKwh + 1e-6);
        expect(s.pool.greenKwh).toBeLessThanOrEqual(s.pool.energyKwh * (1 + 1e-12) + 1e-9);
      }),
    );
  });

  it('a battery charged only from PV delivers only green energy', () => {
    fc.assert(
      fc.property(arbHours, (hours) => {
        const pvOnly = hours.map((h) => ({ ...h, chargeKwh: Math.min(h.chargeKwh, Math.max(0, h.pvKwh - h.loadKwh)), greenTradeKwh: 0, gecKwh: 0 }));
        const s = greenShares(pvOnly, { gecCountsAsGreen: true });
        const fromPoolKwh = s.hours.reduce((sum, h) => sum + h.bySource.storage, 0);
        expect(s.pool.greenKwh).toBeCloseTo(s.pool.energyKwh, 6);
        expect(fromPoolKwh).toBeLessThanOrEqual(pvOnly.reduce((sum, h) => sum + h.chargeKwh, 0) + 1e-6);
      }),
    );
  });
});
