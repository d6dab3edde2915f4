import type { Carrier } from '@lingtan/schema';
import type { Conditions, IndustryProfile } from './load-profiles.js';
import { loadShare } from './load-profiles.js';
import { valueNoise } from './noise.js';
import { dayKindOf, localTimeAt } from './park-calendar.js';
import type { LocalTime } from './park-calendar.js';
import { seedFrom } from './prng.js';
import type { Scenario, ScenarioMeter } from './scenario.js';
import { clearSkyGhiWm2, solarPosition } from './solar.js';
import type { Climate, Sky } from './weather.js';
import { clearSkyIndex, coolingDemand, heatingDemand, outdoorTempC, skyOf } from './weather.js';

/** Weather, calendar and sun at the site at one instant. */
export interface SiteConditions extends Conditions {
  readonly local: LocalTime;
  readonly sky: Sky;
  /** Global horizontal irradiance through the clouds, W/m². */
  readonly ghiWm2: number;
}

/** One meter of the scenario in the park's load tree. */
export interface ParkMeter {
  readonly spec: ScenarioMeter;
  readonly enterprise: string;
  readonly profile: IndustryProfile;
  /** Typical peak in the carrier's power unit (kW, t/h, Nm³/h, m³/h, kg/h, units/h). */
  readonly peak: number;
  /** Meters below it that carry the same flow: their loads are part of its load. */
  readonly children: readonly ParkMeter[];
  readonly noiseSeed: number;
}

/**
 * The park's loads as functions of time: every meter's load at any instant, without
 * stepping through the instants before it, so a transformer can sum its enterprises at
 * whatever time it reads. Stateful parts (storage, registers) live in the meter models.
 */
export interface ParkModel {
  readonly scenario: Scenario;
  readonly meters: ReadonlyMap<string, ParkMeter>;
  conditionsAt(tsMs: number): SiteConditions;
  /** A meter's load at `tsMs` in its carrier's power unit; PV's output; 0 for storage. */
  loadAt(meterId: string, tsMs: number): number;
  /** What a storage meter's site imports before the station at `tsMs`, kW: its parent's load, else the park's top-level electrical meters. */
  siteLoadKw(storageMeterId: string, tsMs: number): number;
}

/** Meters that carry the same flow sum up the tree: a transformer's children are electrical, a heat network's are heat. */
const FLOW: Record<Carrier, string | undefined> = {
  electricity: 'power',
  distribution: 'power',
  heat: 'heat',
  cooling: 'cooling',
  steam: 'steam',
  gas: 'gas',
  oil: 'oil',
  water: 'water',
  pv: undefined,
  storage: undefined,
  production: undefined,
};

/** A peak for meters whose scenario entry gives none, in the carrier's power unit. */
const DEFAULT_PEAK: Record<Carrier, number> = { electricity: 500, distribution: 2000, heat: 500, cooling: 300, steam: 5, gas: 100, oil: 50, water: 10, pv: 100, storage: 500, production: 100 };

/** PV system performance ratio (inverter, wiring, soiling, mismatch): typical 0.75-0.85. */
const PV_PERFORMANCE_RATIO = 0.8;
/** Crystalline silicon power temperature coefficient, per K above 25 °C. */
const PV_TEMP_COEFF_PER_K = -0.004;
/** Ross model: cell temperature rises ~0.03 K per W/m² above the air (open-rack ~0.02, roof-mounted ~0.035). */
const PV_ROSS_K_PER_WM2 = 0.03;
/** Transformer losses as a share of throughput, and no-load loss as a share of peak. */
const TRANSFORMER_LOAD_LOSS = 0.015;
const TRANSFORMER_NO_LOAD_LOSS = 0.003;
/** Meter-to-meter load wobble: ±3 %, drifting over ~5 minutes. */
const WOBBLE = 0.03;
const WOBBLE_MINUTES = 5;

/** PV cell temperature, °C, from air temperature and irradiance (Ross). */
export const pvCellTempC = (airC: number, irradianceWm2: number) => airC + PV_ROSS_K_PER_WM2 * irradianceWm2;

/** PV AC output, kW, from DC capacity, irradiance and cell temperature. */
export function pvPowerKw(capacityKwp: number, irradianceWm2: number, cellTempC: number): number {
  return Math.max(0, capacityKwp * (irradianceWm2 / 1000) * PV_PERFORMANCE_RATIO * (1 + PV_TEMP_COEFF_PER_K * (cellTempC - 25)));
}

function buildMeters(scenario: Scenario, seed: number): Map<string, ParkMeter> {
  const specs = scenario.enterprises.flatMap((e) => e.meters.map((spec) => ({ spec, enterprise: e.id, profile: e.profile })));
  const meters = new Map<string, ParkMeter>();
  const build = (entry: (typeof specs)[number]): ParkMeter => {
    const known = meters.get(entry.spec.id);
    if (known !== undefined) return known;
    const flow = FLOW[entry.spec.carrier];
    const children = flow === undefined ? [] : specs.filter((s) => s.spec.parent === entry.spec.id && FLOW[s.spec.carrier] === flow).map(build);
    const meter = { ...entry, peak: entry.spec.peak ?? DEFAULT_PEAK[entry.spec.carrier], children, noiseSeed: seedFrom(entry.spec.id, seed) ^ 0x10ad };
    meters.set(entry.spec.id, meter);
    return meter;
  };
  specs.forEach(build); // the registry refuses cycles, so this ends
  return meters;
}

/** The park model of a scenario; `seed` sets the weather and every load's wobble. */
export function createParkModel(scenario: Scenario, seed: number): ParkModel {
  const { park, calendar } = scenario;
  const climate: Climate = { latitudeDeg: park.latitude, meanTempC: park.mean_temp_c, seasonalSwingC: park.seasonal_swing_c, cloudyDayShare: park.cloudy_day_share };
  const meters = buildMeters(scenario, seed);
  const topLevelPower = [...meters.values()].filter((m) => m.spec.parent === null && m.spec.carrier === 'distribution');
  const siteMeters = topLevelPower.length > 0 ? topLevelPower : [...meters.values()].filter((m) => m.spec.parent === null && m.spec.carrier === 'electricity');

  // Readings come in time order, many at one instant: keep that instant's results.
  let cachedAtMs = Number.NaN;
  let cachedConditions: SiteConditions | undefined;
  const cachedLoads = new Map<string, number>();

  const conditionsAt = (tsMs: number): SiteConditions => {
    if (tsMs === cachedAtMs && cachedConditions !== undefined) return cachedConditions;
    const local = localTimeAt(tsMs, park.timezone);
    const sky = skyOf(seed, local.dayNumber, climate);
    const tempC = outdoorTempC(climate, seed, local, sky);
    const sun = solarPosition(tsMs, park.latitude, park.longitude);
    const ghiWm2 = clearSkyGhiWm2(sun.apparentElevationDeg) * clearSkyIndex(seed, tsMs, sky);
    cachedLoads.clear();
    cachedAtMs = tsMs;
    cachedConditions = { tsMs, hour: local.hour, dayKind: dayKindOf(local, calendar), tempC, heating: heatingDemand(tempC, climate), cooling: coolingDemand(tempC, climate), local, sky, ghiWm2 };
    return cachedConditions;
  };

  const chpHeatShare = (enterprise: string, tsMs: number): number => {
    const heat = [...meters.values()].filter((m) => m.enterprise === enterprise && m.spec.carrier === 'heat' && m.spec.parent === null);
    const peak = heat.reduce((sum, m) => sum + m.peak, 0);
    return peak === 0 ? 0.5 : heat.reduce((sum, m) => sum + load(m, tsMs), 0) / peak;
  };

  function ownLoad(meter: ParkMeter, c: SiteConditions): number {
    const wobble = 1 + WOBBLE * valueNoise(meter.noiseSeed, c.tsMs / 60_000 / WOBBLE_MINUTES);
    // A CHP burns gas for the heat it sends out (and the power it makes with it).
    if (meter.profile === 'park_utility' && meter.spec.carrier === 'gas') return meter.peak * (0.15 + 0.85 * chpHeatShare(meter.enterprise, c.tsMs)) * wobble;
    return meter.peak * loadShare(meter.profile, meter.spec.carrier, meter.spec.role, c) * wobble;
  }

  function load(meter: ParkMeter, tsMs: number): number {
    const c = conditionsAt(tsMs);
    const cached = cachedLoads.get(meter.spec.id);
    if (cached !== undefined) return cached;
    let value: number;
    if (meter.spec.carrier === 'pv') value = pvPowerKw(meter.spec.capacity_kwp ?? meter.peak, c.ghiWm2, pvCellTempC(c.tempC, c.ghiWm2));
    else if (meter.spec.carrier === 'storage') value = 0;
    else if (meter.children.length === 0) value = ownLoad(meter, c);
    else {
      const childSum = meter.children.reduce((sum, child) => sum + load(child, tsMs), 0);
      if (meter.spec.carrier === 'distribution') value = childSum * (1 + TRANSFORMER_LOAD_LOSS) + TRANSFORMER_NO_LOAD_LOSS * meter.peak;
      else {
        // The rest of the meter's load besides its sub-meters: what its peak leaves them, at least 15 %.
        const childPeaks = meter.children.reduce((sum, child) => sum + child.peak, 0);
        value = childSum + (Math.max(0.15 * meter.peak, meter.peak - childPeaks) / meter.peak) * ownLoad(meter, c);
      }
    }
    cachedLoads.set(meter.spec.id, value);
    return value;
  }

  const meterOf = (meterId: string): ParkMeter => {
    const meter = meters.get(meterId);
    if (meter === undefined) throw new Error(`meter "${meterId}" is not in scenario park ${park.id}`);
    return meter;
  };

  return {
    scenario,
    meters,
    conditionsAt,
    loadAt: (meterId, tsMs) => load(meterOf(meterId), tsMs),
    siteLoadKw: (storageMeterId, tsMs) => {
      const parent = meterOf(storageMeterId).spec.parent;
      if (parent !== null) return load(meterOf(parent), tsMs);
      return siteMeters.reduce((sum, m) => sum + load(m, tsMs), 0);
    },
  };
}

