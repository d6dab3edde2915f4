import { describe, expect, it } from 'vitest';
import { registrySchema } from './registry.js';

const base = {
  park: { id: 'yc-binhai', name: '滨海港零碳产业园', timezone: 'Asia/Shanghai', province: '江苏', grid_region: '华东' },
  enterprises: [{ id: 'ent-steel', name: '联鑫钢铁' }],
  meters: [{ id: 'm-steel-main', enterprise: 'ent-steel', carrier: 'electricity' }],
};

const withAccounting = (accounting: unknown) => registrySchema.safeParse({ ...base, park: { ...base.park, accounting } });

describe('park.accounting', () => {
  it('is optional: a registry without it loads unchanged, with no accounting key added', () => {
    const parsed = registrySchema.parse(base);
    expect(parsed.park).toEqual(base.park);
    expect('accounting' in parsed.park).toBe(false);
  });

  it('loads the documented example', () => {
    const accounting = {
      province: '江苏',
      grid_factor_year: 2022,
      coal_basis: '等价值',
      natural_gas_factor: 'ce_ng_oilfield',
      residual: 'grid_excl_market_nonfossil_2022',
      size_class: '200k_to_1m_tce',
      equivalent_factors: { electricity: { value: 0.3, source: '2022年火电供电标准煤耗 300 gce/kWh (中电联)', year: 2022 } },
      oil_fuel: 'diesel',
      oil_fuel_by_meter: { 'm-chem-oil': 'fuel_oil' },
      steam_gj_per_t: 2.8,
      gec_counts_as_green: false,
    };
    const parsed = withAccounting(accounting);
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    expect(parsed.data?.park.accounting).toEqual(accounting);
  });

  it.each([
    ['park.accounting.coal_basis', { coal_basis: 'equivalent' }, 'expected one of 当量值, 等价值'],
    ['park.accounting.natural_gas_factor', { natural_gas_factor: 'ce_heat' }, 'ce_ng_oilfield'],
    ['park.accounting.size_class', { size_class: 'big' }, 'under_200k_tce'],
    ['park.accounting.grid_factor_year', { grid_factor_year: 22 }, ''],
    ['park.accounting.equivalent_factors.electricity', { coal_basis: '等价值' }, 'needs equivalent_factors.electricity'],
    ['park.accounting', { grid_year: 2022 }, 'grid_year'],
  ])('refuses a bad %s', (path, accounting, message) => {
    const result = withAccounting(accounting);
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join('.') === path);
    expect(issue, JSON.stringify(result.error?.issues)).toBeDefined();
    expect(`${issue?.message} ${JSON.stringify(issue)}`).toContain(message);
  });
});
