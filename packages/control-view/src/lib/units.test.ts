import { describe, expect, it } from 'vitest';
import { unitOf } from './units.js';

describe('units from quantity names', () => {
  it('reads the suffix, longest match first (_kwh before _kw, _nm3h before _nm3)', () => {
    expect(unitOf('power_kw')).toBe('kW');
    expect(unitOf('energy_import_kwh')).toBe('kWh');
    expect(unitOf('gas_flow_nm3h')).toBe('Nm³/h');
    expect(unitOf('gas_volume_nm3')).toBe('Nm³');
    expect(unitOf('steam_mass_t')).toBe('t');
    expect(unitOf('supply_temp_c')).toBe('°C');
    expect(unitOf('soc_pct')).toBe('%');
    expect(unitOf('power_factor')).toBe('');
  });
});
