import { describe, expect, it } from 'vitest';
import { engineWith, expectCoded, feed } from './test-fixtures.js';

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
