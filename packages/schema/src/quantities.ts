import type { Carrier } from './carriers.js';

/**
 * `instant`: a rate or state sampled at `ts` (power, temperature, state of charge).
 * `cumulative`: a register that only moves forward (energy, volume, mass, output);
 * the ingestor turns it into interval deltas.
 */
export type QuantityKind = 'instant' | 'cumulative';

/** One quantity on the wire: its unit is part of its name (`power_kw`, `heat_energy_gj`). */
export interface QuantityDef {
  readonly unit: string;
  readonly kind: QuantityKind;
  /** Plausible range; a value outside it is rejected as `value_out_of_range` (wrong unit, broken sensor). */
  readonly min: number;
  readonly max: number;
  readonly description: string;
}

const BIG = 1e15;

const q = (
  unit: string,
  kind: QuantityKind,
  min: number,
  max: number,
  description: string,
): QuantityDef => ({ unit, kind, min, max, description });

/**
 * The quantity catalogue. Ranges are wide on purpose: they catch unit mistakes (W sent as
 * kW, percent sent as a fraction times 1000) and sensor garbage, not unusual operation.
 */
export const QUANTITIES = {
  power_kw: q('kW', 'instant', -1e7, 1e7, 'active power; storage: positive discharging, negative charging'),
  energy_import_kwh: q('kWh', 'cumulative', 0, BIG, 'imported active energy register'),
  energy_export_kwh: q('kWh', 'cumulative', 0, BIG, 'exported active energy register'),
  reactive_power_kvar: q('kvar', 'instant', -1e7, 1e7, 'reactive power'),
  voltage_v: q('V', 'instant', 0, 1.2e6, 'voltage'),
  current_a: q('A', 'instant', -1e6, 1e6, 'current'),
  power_factor: q('1', 'instant', -1, 1, 'power factor'),
  heat_power_kw: q('kW', 'instant', -1e7, 1e7, 'thermal power (heat)'),
  heat_energy_gj: q('GJ', 'cumulative', 0, BIG, 'heat energy register'),
  cooling_power_kw: q('kW', 'instant', -1e7, 1e7, 'thermal power (cooling)'),
  cooling_energy_gj: q('GJ', 'cumulative', 0, BIG, 'cooling energy register'),
  supply_temp_c: q('°C', 'instant', -60, 400, 'supply temperature'),
  return_temp_c: q('°C', 'instant', -60, 400, 'return temperature'),
  flow_m3h: q('m³/h', 'instant', -1e6, 1e6, 'volume flow of the heat or cooling medium'),
  steam_flow_th: q('t/h', 'instant', 0, 1e5, 'steam mass flow'),
  steam_mass_t: q('t', 'cumulative', 0, BIG, 'steam mass register'),
  pressure_mpa: q('MPa', 'instant', -0.1, 100, 'gauge pressure'),
  temp_c: q('°C', 'instant', -60, 1000, 'medium temperature'),
  gas_flow_nm3h: q('Nm³/h', 'instant', 0, 1e7, 'natural gas flow at normal conditions'),
  gas_volume_nm3: q('Nm³', 'cumulative', 0, BIG, 'natural gas volume register'),
  oil_flow_kgh: q('kg/h', 'instant', 0, 1e7, 'oil mass flow (diesel, fuel oil)'),
  oil_mass_kg: q('kg', 'cumulative', 0, BIG, 'oil mass register'),
  water_flow_m3h: q('m³/h', 'instant', 0, 1e6, 'water flow'),
  water_volume_m3: q('m³', 'cumulative', 0, BIG, 'water volume register'),
  energy_generated_kwh: q('kWh', 'cumulative', 0, BIG, 'PV generation register'),
  irradiance_wm2: q('W/m²', 'instant', 0, 2000, 'plane-of-array irradiance'),
  soc_pct: q('%', 'instant', 0, 100, 'storage state of charge'),
  energy_charged_kwh: q('kWh', 'cumulative', 0, BIG, 'storage charged-energy register'),
  energy_discharged_kwh: q('kWh', 'cumulative', 0, BIG, 'storage discharged-energy register'),
  load_rate_pct: q('%', 'instant', 0, 300, 'transformer or feeder load rate'),
  oil_temp_c: q('°C', 'instant', -60, 200, 'transformer top-oil temperature'),
  output_units: q('unit', 'cumulative', 0, BIG, 'production output register (units made)'),
  output_value_cny: q('CNY', 'cumulative', 0, BIG, 'production output value register'),
} as const satisfies Record<string, QuantityDef>;

export type QuantityName = keyof typeof QUANTITIES;

const ELECTRICAL = [
  'power_kw',
  'energy_import_kwh',
  'energy_export_kwh',
  'reactive_power_kvar',
  'voltage_v',
  'current_a',
  'power_factor',
] as const satisfies readonly QuantityName[];

/** Which quantities each carrier's meters may report. */
export const CARRIER_QUANTITIES: Readonly<Record<Carrier, readonly QuantityName[]>> = {
  electricity: ELECTRICAL,
  heat: ['heat_power_kw', 'heat_energy_gj', 'supply_temp_c', 'return_temp_c', 'flow_m3h'],
  cooling: ['cooling_power_kw', 'cooling_energy_gj', 'supply_temp_c', 'return_temp_c', 'flow_m3h'],
  steam: ['steam_flow_th', 'steam_mass_t', 'pressure_mpa', 'temp_c'],
  gas: ['gas_flow_nm3h', 'gas_volume_nm3', 'pressure_mpa', 'temp_c'],
  oil: ['oil_flow_kgh', 'oil_mass_kg'],
  water: ['water_flow_m3h', 'water_volume_m3', 'pressure_mpa'],
  pv: ['power_kw', 'energy_generated_kwh', 'energy_export_kwh', 'irradiance_wm2', 'temp_c'],
  storage: ['power_kw', 'soc_pct', 'energy_charged_kwh', 'energy_discharged_kwh'],
  distribution: [...ELECTRICAL, 'load_rate_pct', 'oil_temp_c'],
  production: ['output_units', 'output_value_cny'],
};

/** True when `name` is in the catalogue. */
export function isQuantityName(name: string): name is QuantityName {
  return Object.hasOwn(QUANTITIES, name);
}

/** True when meters of `carrier` may report `name`. */
export function quantityBelongsTo(carrier: Carrier, name: QuantityName): boolean {
  return CARRIER_QUANTITIES[carrier].includes(name);
}
