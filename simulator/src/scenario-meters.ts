import type { Meter } from '@lingtan/schema';
import type { MeterModel, Registers } from './meter-model.js';
import { advance, electricalValues, round } from './meter-model.js';
import type { ParkMeter, ParkModel, SiteConditions } from './park-model.js';
import { pvCellTempC } from './park-model.js';
import type { Rng } from './prng.js';
import { createRng, seedFrom } from './prng.js';
import type { StorageSpec } from './storage-dispatch.js';
import { parseHourWindow, requestedPowerKw, stepStorage } from './storage-dispatch.js';

type Values = Record<string, number>;

/** Volumetric heat capacity of water, kWh/(m³·K): 4.186 kJ/(kg·K) x ~1000 kg/m³ / 3600. */
const WATER_KWH_PER_M3K = 1.163;
/** IEC 60076-7 steady-state top-oil rise: 55 K at rated load, load-to-no-load loss ratio 6, exponent 0.8 (ONAN). */
const TOP_OIL_RISE_RATED_K = 55;
const LOSS_RATIO = 6;
const OIL_EXPONENT = 0.8;
/** A transformer's rating is taken as 1.25 x its typical peak (the same as the first-slice model). */
const RATING_OVER_PEAK = 1.25;

/** What one carrier's meter reports, given its load now and the time since its last reading. */
interface ReadContext {
  readonly rng: Rng;
  readonly meter: ParkMeter;
  readonly c: SiteConditions;
  /** The load at this instant in the carrier's power unit, before measurement noise. */
  readonly level: number;
  readonly dtS: number;
  readonly regs: Registers;
}

/** Measurement noise of a class 0.5 meter: ±0.5 %. */
const measured = (rng: Rng, value: number) => value * rng.between(0.995, 1.005);

function electrical({ rng, meter, level, dtS, regs }: ReadContext): Values {
  const powerKw = measured(rng, level);
  // Supplies of a megawatt or more come in at 10 kV; smaller ones at 400 V.
  const nominalV = meter.peak >= 1000 ? 10_000 : 400;
  const pf = meter.spec.carrier === 'distribution' ? rng.between(0.95, 0.99) : rng.between(0.88, 0.97);
  const voltageV = nominalV * rng.between(0.99, 1.03);
  return electricalValues(powerKw, pf, voltageV, dtS, regs);
}

function distribution(ctx: ReadContext): Values {
  const values = electrical(ctx);
  const loadFactor = (values.power_kw ?? 0) / (ctx.meter.peak * RATING_OVER_PEAK);
  const riseK = TOP_OIL_RISE_RATED_K * ((1 + LOSS_RATIO * loadFactor ** 2) / (1 + LOSS_RATIO)) ** OIL_EXPONENT;
  return { ...values, load_rate_pct: round(loadFactor * 100, 1), oil_temp_c: round(ctx.c.tempC + riseK, 1) };
}

/** Heat or cooling by water: flow from power and the temperature difference, P = 1.163 x Q x ΔT. */
function hydronic(ctx: ReadContext, kind: 'heat' | 'cooling'): Values {
  const { rng, meter, level, dtS, regs, c } = ctx;
  const kw = measured(rng, level);
  const share = Math.min(1, kw / meter.peak);
  // Heat: weather-compensated supply, 75 °C in mild weather to 90 °C at the design low. Cooling: 7/12 °C chilled water.
  const supplyC = kind === 'heat' ? 75 + 15 * c.heating + rng.between(-0.5, 0.5) : 7 + rng.between(-0.2, 0.2);
  const deltaK = kind === 'heat' ? 15 + 10 * share : 3 + 2 * share;
  return {
    [`${kind}_power_kw`]: round(kw),
    [`${kind}_energy_gj`]: advance(regs, `${kind}_energy_gj`, (kw * dtS) / 1e6),
    supply_temp_c: round(supplyC, 1),
    return_temp_c: round(kind === 'heat' ? supplyC - deltaK : supplyC + deltaK, 1),
    flow_m3h: round(kw / (WATER_KWH_PER_M3K * deltaK), 2),
  };
}

const flowAndRegister = (flow: string, register: string) => ({ rng, level, dtS, regs }: ReadContext): Values => {
  const rate = measured(rng, level);
  return { [flow]: round(rate), [register]: advance(regs, register, (rate * dtS) / 3600) };
};

const READERS: Record<Exclude<Meter['carrier'], 'storage'>, (ctx: ReadContext) => Values> = {
  electricity: electrical,
  distribution,
  heat: (ctx) => hydronic(ctx, 'heat'),
  cooling: (ctx) => hydronic(ctx, 'cooling'),
  steam: (ctx) => {
    const th = measured(ctx.rng, ctx.level);
    // Saturated steam at 1.0 MPa gauge is 184 °C (IAPWS-IF97); the header sags a little under load.
    const pressureMpa = 1.05 - 0.08 * Math.min(1, th / ctx.meter.peak) + ctx.rng.between(-0.01, 0.01);
    return { steam_flow_th: round(th), steam_mass_t: advance(ctx.regs, 'steam_mass_t', (th * ctx.dtS) / 3600), pressure_mpa: round(pressureMpa), temp_c: round(184 + (pressureMpa - 1) * 40, 1) };
  },
  gas: flowAndRegister('gas_flow_nm3h', 'gas_volume_nm3'),
  oil: flowAndRegister('oil_flow_kgh', 'oil_mass_kg'),
  water: flowAndRegister('water_flow_m3h', 'water_volume_m3'),
  pv: ({ rng, c, level, dtS, regs }) => {
    const kw = level === 0 ? 0 : measured(rng, level);
    return { power_kw: round(kw), energy_generated_kwh: advance(regs, 'energy_generated_kwh', (kw * dtS) / 3600), irradiance_wm2: round(c.ghiWm2, 1), temp_c: round(pvCellTempC(c.tempC, c.ghiWm2), 1) };
  },
  production: ({ rng, meter, level, dtS, regs }) => {
    const unitsPerHour = measured(rng, level);
    return { output_units: advance(regs, 'output_units', (unitsPerHour * dtS) / 3600), output_value_cny: advance(regs, 'output_value_cny', (unitsPerHour * meter.spec.unit_value_cny * dtS) / 3600) };
  },
};

/** The dispatch settings of a scenario storage meter. */
export function storageSpecOf(meter: ParkMeter): StorageSpec {
  const { spec } = meter;
  return {
    capacityKwh: spec.capacity_kwh ?? meter.peak * 2,
    powerKw: spec.power_kw ?? meter.peak,
    socMinPct: spec.soc_min_pct,
    socMaxPct: spec.soc_max_pct,
    roundTripEfficiency: spec.round_trip_efficiency,
    strategy: spec.strategy ?? 'tou_arbitrage',
    valleyHours: spec.valley_hours.map(parseHourWindow),
    peakHours: spec.peak_hours.map(parseHourWindow),
    thresholdKw: spec.threshold_kw,
  };
}

function storageModel(park: ParkModel, meter: ParkMeter, rng: Rng, regs: Registers): (tsMs: number, dtS: number) => Values {
  const spec = storageSpecOf(meter);
  let socPct = (spec.socMinPct + spec.socMaxPct) / 2;
  // A station that has been cycling: it has given back its round-trip share of what it took in.
  regs.energy_charged_kwh = regs.start ?? 0;
  regs.energy_discharged_kwh = (regs.start ?? 0) * spec.roundTripEfficiency;
  return (tsMs, dtS) => {
    const { hour } = park.conditionsAt(tsMs);
    const step = stepStorage(spec, socPct, requestedPowerKw(spec, hour, park.siteLoadKw(meter.spec.id, tsMs)), dtS);
    socPct = step.socPct;
    const powerKw = step.powerKw === 0 ? 0 : step.powerKw * rng.between(0.998, 1.002);
    return {
      power_kw: round(powerKw),
      soc_pct: round(socPct, 2),
      energy_charged_kwh: advance(regs, 'energy_charged_kwh', (-powerKw * dtS) / 3600),
      energy_discharged_kwh: advance(regs, 'energy_discharged_kwh', (powerKw * dtS) / 3600),
    };
  };
}

/**
 * The model of one scenario meter: its load from the park model, its own measurement
 * noise and registers (seeded from the meter id and `seed`), and for storage its state
 * of charge.
 */
export function createScenarioMeterModel(park: ParkModel, meter: Meter, seed: number): MeterModel {
  const parkMeter = park.meters.get(meter.id);
  if (parkMeter === undefined) throw new Error(`meter "${meter.id}" is not in scenario park ${park.scenario.park.id}`);
  const rng = createRng(seedFrom(meter.id, seed));
  const regs: Registers = { start: Math.round(rng.between(1_000, 100_000)) };
  if (meter.carrier === 'production') regs.output_value_cny = (regs.start ?? 0) * parkMeter.spec.unit_value_cny;
  if (meter.carrier === 'storage') {
    const read = storageModel(park, parkMeter, rng, regs);
    return { meter, read: (tsMs, _hour, dtS) => read(tsMs, dtS) };
  }
  const reader = READERS[meter.carrier];
  return {
    meter,
    read: (tsMs, _hour, dtS) => reader({ rng, meter: parkMeter, c: park.conditionsAt(tsMs), level: park.loadAt(meter.id, tsMs), dtS, regs }),
  };
}
