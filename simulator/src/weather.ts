import { hashUnit, valueNoise } from './noise.js';

/** The site's climate, from the scenario's park. */
export interface Climate {
  readonly latitudeDeg: number;
  /** Annual mean outdoor temperature, °C. */
  readonly meanTempC: number;
  /** Half the difference between the warmest and coldest month, °C. */
  readonly seasonalSwingC: number;
  /** Share of days that are overcast. */
  readonly cloudyDayShare: number;
}

/** The day's sky: it sets the PV clear-sky index and damps the daily temperature range. */
export type Sky = 'clear' | 'broken' | 'overcast';

// Salts, so temperature and sky do not draw the same numbers from one seed.
const SKY_SALT = 0x5c1e;
const SKY_NOISE_SALT = 0x7a11;
const TEMP_SALT = 0x7e3b;

/** Half the daily range of a coastal site, °C; an overcast day has about half of it. */
const DIURNAL_HALF_RANGE_C = 3.5;
/** Coldest day of the year in the northern hemisphere: late January (大寒, ~20 January). */
const COLDEST_DAY_NORTH = 20;
/** Balance points: below ~16 °C outdoors buildings need heat, above ~20 °C cooling (internal gains cover the gap). */
const HEATING_BALANCE_C = 16;
const COOLING_BALANCE_C = 20;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** The sky of local day `dayNumber`: overcast with the climate's share, else broken (2 in 5) or clear. */
export function skyOf(seed: number, dayNumber: number, climate: Climate): Sky {
  const u = hashUnit(seed ^ SKY_SALT, dayNumber);
  if (u < climate.cloudyDayShare) return 'overcast';
  return u < climate.cloudyDayShare + (1 - climate.cloudyDayShare) * 0.4 ? 'broken' : 'clear';
}

/**
 * Clear-sky index in (0, 1]: the share of clear-sky irradiance that gets through the
 * clouds at `tsMs`. Clear days barely move, broken cloud swings within minutes, overcast
 * days stay dull.
 */
export function clearSkyIndex(seed: number, tsMs: number, sky: Sky): number {
  const minutes = tsMs / 60_000;
  const s = seed ^ SKY_NOISE_SALT;
  switch (sky) {
    case 'clear':
      return Math.min(1, 0.96 + 0.04 * valueNoise(s, minutes / 30));
    case 'broken':
      return Math.min(1, Math.max(0.2, 0.7 + 0.35 * valueNoise(s, minutes / 6)));
    case 'overcast':
      return 0.28 + 0.12 * valueNoise(s, minutes / 30);
  }
}

/** Daily shape in [0, 1]: minimum near sunrise (05:00), maximum at 14:00, local time. */
export function diurnalShape(hour: number): number {
  if (hour >= 5 && hour <= 14) return (1 - Math.cos((Math.PI * (hour - 5)) / 9)) / 2;
  const sinceMax = (hour - 14 + 24) % 24; // 0 .. 15 h of cooling down
  return (1 + Math.cos((Math.PI * sinceMax) / 15)) / 2;
}

/**
 * Outdoor air temperature, °C: the seasonal cycle (coldest in late January in the north,
 * late July in the south), the daily cycle, and a seeded weather anomaly of a few degrees
 * that drifts over days.
 */
export function outdoorTempC(climate: Climate, seed: number, local: { dayNumber: number; dayOfYear: number; hour: number }, sky: Sky): number {
  const coldestDay = climate.latitudeDeg >= 0 ? COLDEST_DAY_NORTH : COLDEST_DAY_NORTH + 182.6;
  const dayOfYear = local.dayOfYear + local.hour / 24;
  const seasonal = climate.meanTempC - climate.seasonalSwingC * Math.cos((2 * Math.PI * (dayOfYear - coldestDay)) / 365.25);
  const halfRange = sky === 'overcast' ? DIURNAL_HALF_RANGE_C / 2 : DIURNAL_HALF_RANGE_C;
  const daily = halfRange * (2 * diurnalShape(local.hour) - 1);
  const anomaly = 2.5 * valueNoise(seed ^ TEMP_SALT, (local.dayNumber + local.hour / 24) / 3);
  return seasonal + daily + anomaly;
}

/**
 * Heating demand in [0, 1]: 0 at the heating balance point, 1 at the site's design low
 * (a few degrees below the coldest month's mean, as the design temperatures of
 * GB 50736-2012 Annex A sit below the monthly means).
 */
export function heatingDemand(tempC: number, climate: Climate): number {
  const designLowC = Math.min(HEATING_BALANCE_C - 5, climate.meanTempC - climate.seasonalSwingC - 4);
  return clamp01((HEATING_BALANCE_C - tempC) / (HEATING_BALANCE_C - designLowC));
}

/** Cooling demand in [0, 1]: 0 at the cooling balance point, 1 at the site's design high. */
export function coolingDemand(tempC: number, climate: Climate): number {
  const designHighC = Math.max(COOLING_BALANCE_C + 5, climate.meanTempC + climate.seasonalSwingC + 5);
  return clamp01((tempC - COOLING_BALANCE_C) / (designHighC - COOLING_BALANCE_C));
}
