import { describe, expect, it } from 'vitest';
import { requiredCutKw } from './max-demand.js';
import { engineWith, expectCoded, feed } from './test-fixtures.js';

const MIN = 60_000;
const rule = {
  id: 'demand',
  kind: 'max_demand',
  severity: 'major',
  owner: 'park',
  subject: { meters: ['tx1'] },
  limit_kw: 1000,
  warn_ratio: 0.95,
  storage: { meter: 'ess', max_discharge_kw: 500 },
  flexible_loads: ['eaf', 'mill'],
};
// 1,000 kW for a minute is 1000/60 = 16.667 kWh.
const minuteAt = (kw: number) => ({ v: { power_kw: kw }, d: { energy_import_kwh: kw / 60 } });

describe('max demand', () => {
  it('computes the cut that brings the window average back: excess / remaining share', () => {
    // forecast 1,010, target 950, 10 of 15 min gone: 60 / (1/3) = 180 kW
    expect(requiredCutKw(1010, 950, 2 / 3)).toBeCloseTo(180, 9);
    expect(requiredCutKw(900, 950, 0.5)).toBe(0);
  });

  it('raises before the window closes, recommending storage first, then clears when the forecast falls', () => {
    // Window [0, 15 min). 1,000 kW each minute. At 3 min (the first judged minute): 50 kWh so far,
    // forecast (50 + 1000 x 12/60) x 4 = 1,000 kW >= 950 -> raised. Cut (1000 - 950) / (1 - 0.2) = 62.5 -> 63 kW,
    // from the storage (SoC 60 %, 500 kW spare).
    const e = engineWith(rule);
    feed(e, 'ess', 30_000, { soc_pct: 60, power_kw: 0 });
    expect(feed(e, 'tx1', 1 * MIN, minuteAt(1000).v, minuteAt(1000).d)).toEqual([]);
    expect(feed(e, 'tx1', 2 * MIN, minuteAt(1000).v, minuteAt(1000).d)).toEqual([]); // before min_elapsed: not judged
    const [raised] = feed(e, 'tx1', 3 * MIN, minuteAt(1000).v, minuteAt(1000).d);
    expect(raised).toMatchObject({ type: 'raised', kind: 'max_demand', meter: 'tx1', value: 1000, owner: { scope: 'park', id: 'p' } });
    expect(raised?.message).toContain('forecast 1,000 kW against limit 1,000 kW (warning at 950 kW), window closes in 720 s');
    expectCoded(raised, 'max_demand.forecast_over', 'max_demand.cut');
    expect(raised?.recommendation?.summaryParams).toMatchObject({ cutKw: 63, storage: 'ess', dischargeKw: 63, socPct: 60 });
    expect(raised?.recommendation).toMatchObject({
      summary: 'cut 63 kW for the rest of the window: discharge Storage (ess) by 63 kW (SoC 60%)',
      actions: [{ action: 'discharge_storage', target: 'ess', kw: 63 }],
    });
    // Still high a minute later: no second event in the same window.
    expect(feed(e, 'tx1', 4 * MIN, minuteAt(1000).v, minuteAt(1000).d)).toEqual([]);
    // 5 min at 700 kW: (66.667 + 11.667 + 700 x 10/60) x 4 = 780 kW < 950 -> cleared.
    const [cleared] = feed(e, 'tx1', 5 * MIN, minuteAt(700).v, minuteAt(700).d);
    expect(cleared).toMatchObject({ type: 'cleared', alertId: raised?.alertId, value: 780, clearedAfterAck: false });
  });

  it('turns to the largest flexible loads when the storage is empty, and says what is left uncovered', () => {
    // Storage at 8 % (below its 10 % floor). Need 63 kW: EAF 40 kW then Mill 23 of its 30 kW.
    const e = engineWith(rule);
    feed(e, 'ess', 10_000, { soc_pct: 8, power_kw: 0 });
    feed(e, 'mill', 20_000, { power_kw: 30 });
    feed(e, 'eaf', 20_000, { power_kw: 40 });
    for (const m of [1, 2]) feed(e, 'tx1', m * MIN, minuteAt(1000).v, minuteAt(1000).d);
    const [raised] = feed(e, 'tx1', 3 * MIN, minuteAt(1000).v, minuteAt(1000).d);
    expect(raised?.recommendation?.actions).toEqual([
      { action: 'reduce_load', target: 'eaf', kw: 40 },
      { action: 'reduce_load', target: 'mill', kw: 23 },
    ]);
    // Without the mill the cut is short by 23 kW.
    const short = engineWith({ ...rule, flexible_loads: ['eaf'] });
    feed(short, 'ess', 10_000, { soc_pct: 8 });
    feed(short, 'eaf', 20_000, { power_kw: 40 });
    for (const m of [1, 2]) feed(short, 'tx1', m * MIN, minuteAt(1000).v, minuteAt(1000).d);
    const [shortRaised] = feed(short, 'tx1', 3 * MIN, minuteAt(1000).v, minuteAt(1000).d);
    // No storage (SoC 8 % is below its floor), the EAF's 40 kW, 63 - 40 = 23 kW left.
    expect(shortRaised?.recommendation?.summary).toBe('cut 63 kW for the rest of the window: reduce EAF (eaf) 40 kW −40 kW; 23 kW still uncovered');
    expectCoded(shortRaised, 'max_demand.forecast_over', 'max_demand.cut');
  });

  it('counts only the part of an interval inside the window', () => {
    // Readings at 14:50 (min:s of the window clock) and every minute after 15:00 + 50 s, 600 kW, 10 kWh each.
    // At 18:50 (230 s into the window): 10 x 50/60 + 10 + 10 + 10 = 38.333 kWh, forecast
    // (38.333 + 600 x 670/3600) x 4 = 600 kW. Counting the first delta whole would give 606.7.
    const e = engineWith({ ...rule, limit_kw: 600, storage: undefined, flexible_loads: [] });
    const W = 15 * MIN;
    feed(e, 'tx1', W - 10_000, { power_kw: 600 }, { energy_import_kwh: 10 });
    for (const s of [50, 110, 170]) expect(feed(e, 'tx1', W + s * 1000, { power_kw: 600 }, { energy_import_kwh: 10 })).toEqual([]);
    expect(feed(e, 'tx1', W + 230_000, { power_kw: 600 }, { energy_import_kwh: 10 })[0]).toMatchObject({ type: 'raised', value: 600 });
  });
});
