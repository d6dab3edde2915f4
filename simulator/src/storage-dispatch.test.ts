import { describe, expect, it } from 'vitest';
import { parseHourWindow, requestedPowerKw, stepStorage } from './storage-dispatch.js';
import type { StorageSpec } from './storage-dispatch.js';

// The demo's shared station: 20 MWh, 5 MW, 10-95 % state of charge.
const station: StorageSpec = {
  capacityKwh: 20_000,
  powerKw: 5_000,
  socMinPct: 10,
  socMaxPct: 95,
  roundTripEfficiency: 0.81,
  strategy: 'tou_arbitrage',
  valleyHours: [[0, 8]],
  peakHours: [[8, 11], [17, 22]],
};

/** A day in 15 s steps; load(hour) is the site import before the station. */
function runDay(spec: StorageSpec, socPct: number, load: (hour: number) => number) {
  const steps: { hour: number; powerKw: number; socPct: number }[] = [];
  for (let i = 0; i < 5760; i++) {
    const hour = (i * 15) / 3600;
    const step = stepStorage(spec, socPct, requestedPowerKw(spec, hour, load(hour)), 15);
    socPct = step.socPct;
    steps.push({ hour, ...step });
  }
  return steps;
}

describe('time-of-use arbitrage', () => {
  const day = runDay(station, 10, () => 0);

  it('charges at full power in the valley until full, then holds; discharges at the peak until empty', () => {
    expect(day.find((s) => s.hour === 1)?.powerKw).toBe(-5000);
    // 85 % of 20 MWh at 5 MW x 0.9 into the cells: full after 17,000 / 4,500 = 3.78 h.
    expect(day.find((s) => s.hour === 3.75)?.powerKw).toBe(-5000);
    expect(day.find((s) => s.hour === 4)).toMatchObject({ powerKw: 0, socPct: 95 });
    expect(day.find((s) => s.hour === 9)?.powerKw).toBe(5000);
    expect(day.find((s) => s.hour === 12)?.powerKw).toBe(0); // flat period
    // 17,000 kWh x 0.9 out = 15,300 kWh: 3 h of the morning peak and 0.06 h of the evening.
    expect(day.find((s) => s.hour === 17.5)).toMatchObject({ powerKw: 0, socPct: 10 });
  });

  it('never leaves the state-of-charge limits or the power rating', () => {
    for (const s of day) {
      expect(s.socPct).toBeGreaterThanOrEqual(10);
      expect(s.socPct).toBeLessThanOrEqual(95);
      expect(Math.abs(s.powerKw)).toBeLessThanOrEqual(5000);
    }
  });

  it('loses the round-trip efficiency: energy out is 81 % of energy in', () => {
    const inKwh = day.filter((s) => s.powerKw < 0).reduce((sum, s) => sum - (s.powerKw * 15) / 3600, 0);
    const outKwh = day.filter((s) => s.powerKw > 0).reduce((sum, s) => sum + (s.powerKw * 15) / 3600, 0);
    expect(inKwh).toBeCloseTo(17_000 / 0.9, 0);
    expect(outKwh / inKwh).toBeCloseTo(0.81, 6);
  });
});

describe('peak shaving', () => {
  const spec: StorageSpec = { ...station, strategy: 'peak_shaving', thresholdKw: 10_000 };
  const load = (hour: number) => (hour >= 9 && hour < 11 ? 13_000 : 6_000);

  it('discharges the excess over the threshold and recharges in the room below it', () => {
    const day = runDay(spec, 50, load);
    expect(day.find((s) => s.hour === 10)?.powerKw).toBe(3000);
    const night = day.find((s) => s.hour === 12)!;
    expect(night.powerKw).toBe(-3000); // 9,000 kW margin line - 6,000 kW load
    for (const s of day) expect(load(s.hour) - s.powerKw).toBeLessThanOrEqual(10_000);
  });

  it('does nothing when the load sits between the margin line and the threshold', () => {
    expect(requestedPowerKw(spec, 10, 9_500)).toBe(0);
  });
});

describe('parseHourWindow', () => {
  it('reads HH:MM-HH:MM and refuses windows that do not fit a day', () => {
    expect(parseHourWindow('08:30-11:00')).toEqual([8.5, 11]);
    expect(parseHourWindow('22:00-24:00')).toEqual([22, 24]);
    expect(() => parseHourWindow('22:00-06:00')).toThrow(/within one day/);
    expect(() => parseHourWindow('8-11')).toThrow(/HH:MM-HH:MM/);
  });
});
