import type { Carrier, Meter } from '@lingtan/schema';
import type { Rng } from './prng.js';
import { createRng, seedFrom } from './prng.js';

/** One simulated meter: its registers only move forward. */
export interface MeterModel {
  readonly meter: Meter;
  /** The values at `tsMs`, `dtS` seconds after the previous reading. */
  read(tsMs: number, localHour: number, dtS: number): Record<string, number>;
}

/** Round to `digits` decimals, as meters report. */
export const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Daily shape in [0.3, 1]: low at night, high in working hours. */
const dayShape = (hour: number) => 0.65 - 0.35 * Math.cos(((hour - 3) / 24) * 2 * Math.PI);
/** Sun in [0, 1] between 06:00 and 18:00 local time. */
const sunShape = (hour: number) => Math.max(0, Math.sin(((hour - 6) / 12) * Math.PI));

/** A meter's registers by quantity name, and `start`: where they begin. */
export type Registers = Record<string, number>;
type Generator = (rng: Rng, size: number, hour: number, dtS: number, regs: Registers) => Record<string, number>;

/** Move a register forward; registers start at `regs.start`: a meter has been running a while. */
export const advance = (regs: Registers, name: string, by: number) => {
  regs[name] = (regs[name] ?? regs.start ?? 0) + Math.max(0, by);
  return round(regs[name], 4);
};

function electrical(rng: Rng, size: number, hour: number, dtS: number, regs: Registers): Record<string, number> {
  const powerKw = size * dayShape(hour) * rng.between(0.95, 1.05);
  const pf = rng.between(0.9, 0.98);
  const voltageV = rng.between(395, 405);
  return electricalValues(powerKw, pf, voltageV, dtS, regs);
}

/** A three-phase meter's readings from its active power, power factor and line voltage. */
export function electricalValues(powerKw: number, pf: number, voltageV: number, dtS: number, regs: Registers): Record<string, number> {
  return {
    power_kw: round(powerKw),
    energy_import_kwh: advance(regs, 'energy_import_kwh', (powerKw * dtS) / 3600),
    reactive_power_kvar: round(powerKw * Math.tan(Math.acos(pf))),
    voltage_v: round(voltageV, 1),
    current_a: round((powerKw * 1000) / (Math.sqrt(3) * voltageV * pf), 1),
    power_factor: round(pf),
  };
}

const GENERATORS: Record<Carrier, Generator> = {
  electricity: electrical,
  distribution: (rng, size, hour, dtS, regs) => {
    const values = electrical(rng, size, hour, dtS, regs);
    return { ...values, load_rate_pct: round(((values.power_kw ?? 0) / (size * 1.25)) * 100, 1), oil_temp_c: round(35 + 25 * dayShape(hour), 1) };
  },
  heat: (rng, size, hour, dtS, regs) => {
    const kw = size * dayShape(hour) * rng.between(0.9, 1.1);
    return { heat_power_kw: round(kw), heat_energy_gj: advance(regs, 'heat_energy_gj', (kw * dtS) / 1e6), supply_temp_c: round(rng.between(88, 92), 1), return_temp_c: round(rng.between(58, 62), 1), flow_m3h: round(kw / 35, 2) };
  },
  cooling: (rng, size, hour, dtS, regs) => {
    const kw = size * dayShape(hour) * rng.between(0.9, 1.1);
    return { cooling_power_kw: round(kw), cooling_energy_gj: advance(regs, 'cooling_energy_gj', (kw * dtS) / 1e6), supply_temp_c: round(rng.between(6.5, 7.5), 1), return_temp_c: round(rng.between(11.5, 12.5), 1), flow_m3h: round(kw / 5.8, 2) };
  },
  steam: (rng, size, hour, dtS, regs) => {
    const th = (size / 700) * dayShape(hour) * rng.between(0.9, 1.1);
    return { steam_flow_th: round(th), steam_mass_t: advance(regs, 'steam_mass_t', (th * dtS) / 3600), pressure_mpa: round(rng.between(0.95, 1.05)), temp_c: round(rng.between(182, 188), 1) };
  },
  gas: (rng, size, hour, dtS, regs) => {
    const nm3h = (size / 10) * dayShape(hour) * rng.between(0.9, 1.1);
    return { gas_flow_nm3h: round(nm3h), gas_volume_nm3: advance(regs, 'gas_volume_nm3', (nm3h * dtS) / 3600) };
  },
  oil: (rng, size, hour, dtS, regs) => {
    const kgh = (size / 12) * dayShape(hour) * rng.between(0.9, 1.1);
    return { oil_flow_kgh: round(kgh), oil_mass_kg: advance(regs, 'oil_mass_kg', (kgh * dtS) / 3600) };
  },
  water: (rng, size, hour, dtS, regs) => {
    const m3h = (size / 50) * dayShape(hour) * rng.between(0.8, 1.2);
    return { water_flow_m3h: round(m3h), water_volume_m3: advance(regs, 'water_volume_m3', (m3h * dtS) / 3600) };
  },
  pv: (rng, size, hour, dtS, regs) => {
    const irradiance = 1000 * sunShape(hour) * rng.between(0.7, 1);
    const kw = (size * irradiance) / 1000;
    return { power_kw: round(kw), energy_generated_kwh: advance(regs, 'energy_generated_kwh', (kw * dtS) / 3600), irradiance_wm2: round(irradiance, 1) };
  },
  storage: (rng, size, hour, dtS, regs) => {
    // Charge at night, discharge at the day peak: positive is discharging.
    const kw = hour < 7 ? -size * 0.5 : hour >= 9 && hour < 12 ? size * 0.5 : 0;
    const soc = Math.min(95, Math.max(5, (regs.soc ?? 50) - (kw * dtS) / 3600 / (size * 4) * 100));
    regs.soc = soc;
    return {
      power_kw: round(kw * rng.between(0.98, 1)),
      soc_pct: round(soc, 2),
      energy_charged_kwh: advance(regs, 'energy_charged_kwh', (-kw * dtS) / 3600),
      energy_discharged_kwh: advance(regs, 'energy_discharged_kwh', (kw * dtS) / 3600),
    };
  },
  production: (rng, size, hour, dtS, regs) => {
    const unitsPerHour = (size / 5) * dayShape(hour) * rng.between(0.9, 1.1);
    return { output_units: advance(regs, 'output_units', (unitsPerHour * dtS) / 3600), output_value_cny: advance(regs, 'output_value_cny', (unitsPerHour * 120 * dtS) / 3600) };
  },
};

/** Build the model of one meter; `seed` makes the whole fleet reproducible. */
export function createMeterModel(meter: Meter, seed: number): MeterModel {
  const rng = createRng(seedFrom(meter.id, seed));
  const size = meter.role === 'main' ? rng.between(200, 2000) : rng.between(20, 400);
  const registers: Registers = { start: Math.round(rng.between(1_000, 100_000)) };
  const generate = GENERATORS[meter.carrier];
  return { meter, read: (_tsMs, localHour, dtS) => generate(rng, size, localHour, dtS, registers) };
}
