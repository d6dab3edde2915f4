import { describe, expect, it } from 'vitest';
import { engineWith, expectCoded, feed, seedOf, sums } from './test-fixtures.js';

const local = (d: number, h: number) => Date.UTC(2026, 5, d, h - 8); // June 2026, Shanghai
const rule = { id: 'green', kind: 'green_share', severity: 'warning', owner: 'park', subject: { meters: ['pv'] }, grid_meters: ['tx1', 'off1'], period: 'month', min_share: 0.3, min_kwh: 1000, hysteresis: 0.02 };
const pv = (e: ReturnType<typeof engineWith>, h: number, kwh: number) => feed(e, 'pv', local(1, h), { power_kw: 1 }, { energy_generated_kwh: kwh });
const grid = (e: ReturnType<typeof engineWith>, meter: string, h: number, kwh: number) => feed(e, meter, local(1, h), { power_kw: 1 }, { energy_import_kwh: kwh });

describe('green electricity share', () => {
  it('raises below 30 % once 1,000 kWh are used, names the largest grid draw, clears only at 32 %', () => {
    const e = engineWith(rule);
    grid(e, 'tx1', 1, 600);
    expect(e.tick(local(1, 2))).toEqual([]); // 600 kWh < min_kwh: not judged
    // PV 500; grid tx1 600 + 900, off1 500 -> 500 / 2,500 = 20 % -> raised; tx1 draws 1,500 / 2,500 = 60 %.
    pv(e, 10, 500);
    grid(e, 'tx1', 10, 900);
    grid(e, 'off1', 10, 500);
    const [raised] = e.tick(local(1, 11));
    expect(raised).toMatchObject({ type: 'raised', kind: 'green_share', meter: 'p', subjectScope: 'park', value: 0.2 });
    expect(raised?.message).toContain('green electricity 20% of 2,500 kWh this month (2026-06), below 30%');
    expectCoded(raised, 'green_share.low', 'green_share.shift_load');
    expect(raised?.recommendation?.actions).toEqual([{ action: 'review_consumption', target: 'tx1', share: 0.6 }]);
    // PV +400: 900 / 2,900 = 31.0 %, above 30 % but inside the band: still raised.
    pv(e, 12, 400);
    expect(e.tick(local(1, 13))).toEqual([]);
    // PV +100: 1,000 / 3,000 = 33.3 % >= 32 % -> cleared.
    pv(e, 14, 100);
    expect(e.tick(local(1, 15))).toMatchObject([{ type: 'cleared', value: 0.333 }]);
  });
});


describe('green electricity share after a restart (seeded from the store)', () => {
  it('counts the pv generation and the grid import of each meter from its own register', () => {
    const s = seedOf(engineWith(rule), 'green_share');
    expect(s.quantitiesOf('pv')).toEqual(['energy_generated_kwh']);
    expect(s.quantitiesOf('tx1')).toEqual(['energy_import_kwh']);
    expect(s.quantitiesOf('eaf')).toEqual([]);
    expect(s.from(local(15, 10))).toBe(local(1, 0)); // the month began 1 June 00:00 park time
  });

  it('seeded with the month so far then one more reading gives the share of having seen every reading', () => {
    // Every reading: PV 500 + 300, tx1 900 + 1,200, off1 500 + 100 -> 800 / 3,500 = 22.9 % -> raised at 0.229;
    // tx1 draws 2,100 / 3,500 = 60 %.
    const all = engineWith(rule);
    pv(all, 10, 500);
    grid(all, 'tx1', 10, 900);
    grid(all, 'off1', 10, 500);
    pv(all, 13, 300);
    grid(all, 'tx1', 13, 1200);
    grid(all, 'off1', 13, 100);
    const [whole] = all.tick(local(1, 14));
    expect(whole).toMatchObject({ type: 'raised', value: 0.229 });

    // Restarted at 12:00: the store holds the 10:00 readings (PV 500, tx1 900, off1 500: 500 / 1,900 = 26.3 %).
    const after = engineWith(rule);
    seedOf(after, 'green_share').apply(sums([['pv', 'energy_generated_kwh', 500], ['tx1', 'energy_import_kwh', 900], ['off1', 'energy_import_kwh', 500]]), local(1, 12));
    // A queued 10:00 reading redelivered after the start is already counted: ignored.
    pv(after, 10, 500);
    pv(after, 13, 300);
    grid(after, 'tx1', 13, 1200);
    grid(after, 'off1', 13, 100);
    const [seeded] = after.tick(local(1, 14));
    expect(seeded).toMatchObject({ type: 'raised', value: 0.229, message: whole?.message, recommendation: whole?.recommendation });
    // Without the seed only the 13:00 readings would count: 300 / 1,600 = 18.8 %, a share of the afternoon.
  });

  it('a month boundary between the seed and now starts the new month from zero (and clears the old alert)', () => {
    // Seeded on 30 June 23:00 with PV 100 / grid 1,900 = 5 % -> raised for June.
    const e = engineWith(rule);
    seedOf(e, 'green_share').apply(sums([['pv', 'energy_generated_kwh', 100], ['tx1', 'energy_import_kwh', 1900]]), local(30, 23));
    expect(e.tick(local(30, 23) + 60_000)).toMatchObject([{ type: 'raised', value: 0.05 }]);
    // 1 July 01:00: PV 700, tx1 500 -> July alone is 700 / 1,200 = 58.3 %: June's alert clears, July is fine.
    feed(e, 'pv', local(31, 1), { power_kw: 1 }, { energy_generated_kwh: 700 }); // "31 June" is 1 July
    feed(e, 'tx1', local(31, 1), { power_kw: 1 }, { energy_import_kwh: 500 });
    expect(e.tick(local(31, 2))).toMatchObject([{ type: 'cleared' }]);
    // 1 July 03:00: tx1 +2,000 -> 700 / 3,200 = 21.9 % of July only (June's 2,000 kWh are not in it).
    feed(e, 'tx1', local(31, 3), { power_kw: 1 }, { energy_import_kwh: 2000 });
    expect(e.tick(local(31, 4))).toMatchObject([{ type: 'raised', value: 0.219, message: expect.stringContaining('this month (2026-07)') as string }]);
  });
});
