import { describe, expect, it } from 'vitest';
import { CARRIERS } from './carriers.js';
import { CARRIER_QUANTITIES, QUANTITIES, isQuantityName, quantityBelongsTo } from './quantities.js';

describe('quantity catalogue', () => {
  it('names every quantity in snake_case ending with its unit', () => {
    const suffix: Record<string, string> = { kW: '_kw', kWh: '_kwh', kvar: '_kvar', V: '_v', A: '_a', GJ: '_gj', '°C': '_c', 'm³/h': '_m3h', 't/h': '_th', t: '_t', MPa: '_mpa', 'Nm³/h': '_nm3h', 'Nm³': '_nm3', 'kg/h': '_kgh', kg: '_kg', 'm³': '_m3', 'W/m²': '_wm2', '%': '_pct', unit: '_units', CNY: '_cny' };
    for (const [name, def] of Object.entries(QUANTITIES)) {
      expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
      if (def.unit === '1') continue; // power_factor is dimensionless
      expect(name.endsWith(suffix[def.unit] ?? '?'), `${name} [${def.unit}]`).toBe(true);
    }
  });

  it('gives every carrier its quantities, all from the catalogue', () => {
    for (const carrier of CARRIERS) {
      expect(CARRIER_QUANTITIES[carrier].length).toBeGreaterThan(0);
      for (const name of CARRIER_QUANTITIES[carrier]) expect(isQuantityName(name)).toBe(true);
    }
  });

  it('keeps quantities to their carriers', () => {
    expect(quantityBelongsTo('electricity', 'energy_import_kwh')).toBe(true);
    expect(quantityBelongsTo('gas', 'energy_import_kwh')).toBe(false);
    expect(quantityBelongsTo('storage', 'soc_pct')).toBe(true);
    expect(isQuantityName('toString')).toBe(false);
  });
});
