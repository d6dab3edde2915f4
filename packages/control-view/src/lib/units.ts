/**
 * The unit of a wire quantity, read from its name's suffix (the catalogue's rule: the unit is
 * part of the name, `power_kw`, `heat_energy_gj`). Kept here rather than imported from
 * @lingtan/schema so the browser bundle carries no zod.
 */
const SUFFIX_UNITS: readonly (readonly [string, string])[] = [
  ['_nm3h', 'Nm³/h'],
  ['_nm3', 'Nm³'],
  ['_m3h', 'm³/h'],
  ['_m3', 'm³'],
  ['_kvar', 'kvar'],
  ['_kwh', 'kWh'],
  ['_kw', 'kW'],
  ['_kgh', 'kg/h'],
  ['_kg', 'kg'],
  ['_wm2', 'W/m²'],
  ['_mpa', 'MPa'],
  ['_gj', 'GJ'],
  ['_th', 't/h'],
  ['_pct', '%'],
  ['_cny', 'CNY'],
  ['_units', ''],
  ['_c', '°C'],
  ['_v', 'V'],
  ['_a', 'A'],
  ['_t', 't'],
];

/** `power_kw` -> `kW`, `steam_mass_t` -> `t`; a name without a known suffix has no unit (power_factor). */
export function unitOf(quantity: string): string {
  for (const [suffix, unit] of SUFFIX_UNITS) if (quantity.endsWith(suffix)) return unit;
  return '';
}

/**
 * Quantities a chart may ask the history API for, in the order the picker lists them
 * (power first: it is what operators look at).
 */
export const HISTORY_QUANTITIES = ['power_kw', 'energy_import_kwh', 'energy_export_kwh', 'energy_generated_kwh', 'soc_pct', 'heat_power_kw', 'steam_flow_th', 'gas_flow_nm3h', 'water_flow_m3h', 'load_rate_pct'] as const;
