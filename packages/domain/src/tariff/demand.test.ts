import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeEnergy, demandWindowStartMs, forecastWindowDemand, maxDemand, rollingDemand } from './demand.js';

const MIN = 60_000;
const T0 = Date.UTC(2024, 5, 3, 0, 0); // 08:00 CST

/** Per-minute counter deltas at a constant power: kWh per minute = kW / 60. */
const minutes = (fromMin: number, count: number, kw: number) =>
  Array.from({ length: count }, (_, i) => ({ startMs: T0 + (fromMin + i) * MIN, endMs: T0 + (fromMin + i + 1) * MIN, energyKwh: kw / 60 }));

describe('rolling 15-minute demand', () => {
  it('30 min at 600 kW then 10 min at 1,500 kW: max window = 5 min x 600 + 10 min x 1,500 -> (50 + 250) kWh / 0.25 h = 1,200 kW', () => {
    const data = [...minutes(0, 30, 600), ...minutes(30, 10, 1500)];
    const max = maxDemand(data, { fromMs: T0, toMs: T0 + 40 * MIN });
    expect(max?.demandKw).toBeCloseTo(1200, 9);
    expect(max?.windowEndMs).toBe(T0 + 40 * MIN);
    const first = rollingDemand(data, { fromMs: T0, toMs: T0 + 40 * MIN })[0];
    expect(first).toMatchObject({ windowStartMs: T0, windowEndMs: T0 + 15 * MIN });
    expect(first?.demandKw).toBeCloseTo(600, 9);
  });

  it('prorates coarse intervals: one 30-min interval of 300 kWh gives 600 kW in any 15-min window inside it', () => {
    const energyAt = cumulativeEnergy([{ startMs: T0, endMs: T0 + 30 * MIN, energyKwh: 300 }]);
    expect(energyAt(T0 + 15 * MIN) - energyAt(T0)).toBeCloseTo(150, 9);
    expect(energyAt(T0 - 1)).toBe(0);
    expect(energyAt(T0 + 99 * MIN)).toBe(300);
  });

  it('refuses overlapping intervals (a double-counted delta)', () => {
    expect(() => cumulativeEnergy([...minutes(0, 2, 60), ...minutes(1, 1, 60)])).toThrow(/overlap/);
  });
});

describe('forecastWindowDemand', () => {
  it('10 of 15 min gone, 200 kWh so far, now 1,500 kW: (200 + 1,500 x 5/60) / 0.25 h = 1,300 kW', () => {
    const f = forecastWindowDemand({ windowStartMs: T0, nowMs: T0 + 10 * MIN, energySoFarKwh: 200, recentPowerKw: 1500 });
    expect(f.forecastKw).toBeCloseTo(1300, 9);
    expect(f.elapsedFraction).toBeCloseTo(2 / 3, 12);
    expect(f.windowEndMs).toBe(T0 + 15 * MIN);
  });

  it('without a power reading, the average so far continues: 200 kWh in 10 min -> 1,200 kW', () => {
    expect(forecastWindowDemand({ windowStartMs: T0, nowMs: T0 + 10 * MIN, energySoFarKwh: 200 }).forecastKw).toBeCloseTo(1200, 9);
  });

  it('at the window end the forecast is the measured demand, and now outside the window is refused', () => {
    expect(forecastWindowDemand({ windowStartMs: T0, nowMs: T0 + 15 * MIN, energySoFarKwh: 250, recentPowerKw: 9999 }).forecastKw).toBeCloseTo(1000, 9);
    expect(() => forecastWindowDemand({ windowStartMs: T0, nowMs: T0 + 16 * MIN, energySoFarKwh: 1 })).toThrow(RangeError);
  });

  it('fixed windows align to the quarter hour', () => {
    expect(demandWindowStartMs(T0 + 22 * MIN + 5000)).toBe(T0 + 15 * MIN);
  });
});

describe('properties', () => {
  it('with power held steady, the forecast at any point equals the demand measured at the close', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e5, noNaN: true }), fc.integer({ min: 1, max: 15 * MIN }), (kw, elapsed) => {
        const f = forecastWindowDemand({ windowStartMs: T0, nowMs: T0 + elapsed, energySoFarKwh: (kw * elapsed) / 3_600_000, recentPowerKw: kw });
        expect(f.forecastKw).toBeCloseTo(kw, 6);
      }),
    );
  });
});
