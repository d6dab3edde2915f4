import { describe, expect, it } from 'vitest';
import { greenShares } from './green-share.js';
import { tenantGreenShare } from './tenant-share.js';

const H = 3_600_000;
const settings = { gecCountsAsGreen: false };

describe('tenantGreenShare', () => {
  // Worked example: two hours of a park with shared PV and two tenants.
  //   hour 0: park load 1000 kWh (A 600, B 400), PV 500 kWh -> 500 green, fraction 0.5
  //   hour 1: park load 1000 kWh (A 200, B 800), PV 0       -> 0 green
  // A: 600 x 0.5 + 200 x 0 = 300 green of 800 kWh = 37.5 %
  // B: 400 x 0.5 + 800 x 0 = 200 green of 1200 kWh = 16.7 %
  // A + B = 500 kWh = the park's matched PV.
  const park = greenShares(
    [
      { startMs: 0, loadKwh: 1000, pvKwh: 500 },
      { startMs: H, loadKwh: 1000, pvKwh: 0 },
    ],
    settings,
  );

  it('gives each tenant the park hour green fraction of what it drew in that hour', () => {
    const a = tenantGreenShare(park, [
      { startMs: 0, loadKwh: 600 },
      { startMs: H, loadKwh: 200 },
    ]);
    const b = tenantGreenShare(park, [
      { startMs: 0, loadKwh: 400 },
      { startMs: H, loadKwh: 800 },
    ]);
    expect(a.greenKwh).toBeCloseTo(300, 9);
    expect(a.share).toBeCloseTo(0.375, 9);
    expect(b.greenKwh).toBeCloseTo(200, 9);
    expect(b.share).toBeCloseTo(200 / 1200, 9);
    expect(a.greenKwh + b.greenKwh).toBeCloseTo(park.hourly.greenKwh, 9);
  });

  it('counts hours the park has no figure for as not green, and a tenant with no load as unknown', () => {
    expect(tenantGreenShare(park, [{ startMs: 5 * H, loadKwh: 100 }])).toEqual({ loadKwh: 100, greenKwh: 0, share: 0 });
    expect(tenantGreenShare(park, [])).toEqual({ loadKwh: 0, greenKwh: 0, share: null });
    expect(() => tenantGreenShare(park, [{ startMs: 0, loadKwh: -1 }])).toThrow(RangeError);
  });
});
