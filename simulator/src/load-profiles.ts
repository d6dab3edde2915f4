import type { Carrier } from '@lingtan/schema';
import type { DayKind } from './park-calendar.js';
import type { INDUSTRY_PROFILES } from './scenario.js';

/** An enterprise's industry profile, from the scenario. */
export type IndustryProfile = (typeof INDUSTRY_PROFILES)[number];

/** What drives a load at one instant. */
export interface Conditions {
  readonly tsMs: number;
  /** Local hours since midnight. */
  readonly hour: number;
  readonly dayKind: DayKind;
  readonly tempC: number;
  /** Heating and cooling demand in [0, 1] (see weather.ts). */
  readonly heating: number;
  readonly cooling: number;
}

/** 1 within [fromH, toH) local hours, 0 outside, with smooth ramps of `rampH` at both ends. */
export function window(hour: number, fromH: number, toH: number, rampH = 0.5): number {
  const smooth = (x: number) => {
    const t = Math.min(1, Math.max(0, x));
    return t * t * (3 - 2 * t);
  };
  return Math.min(smooth((hour - fromH) / rampH + 0.5), smooth((toH - hour) / rampH + 0.5));
}

/** Two shifts, 08:00-24:00 on working days, breaks at lunch and dinner; a skeleton crew otherwise. */
function twoShift(c: Conditions): number {
  if (c.dayKind !== 'workday') return 0.12 + 0.08 * window(c.hour, 8, 17);
  return 0.12 + 0.8 * window(c.hour, 8, 24) - 0.25 * window(c.hour, 11.75, 12.5, 0.25) - 0.15 * window(c.hour, 17.5, 18.25, 0.25);
}

/** Office hours 08:30-18:00 on working days with a lunch dip and some evening overtime. */
function officeHours(c: Conditions): number {
  if (c.dayKind !== 'workday') return 0.1 + 0.05 * window(c.hour, 9, 17);
  return 0.1 + 0.8 * window(c.hour, 8.5, 18) - 0.2 * window(c.hour, 12, 13, 0.25) + 0.15 * window(c.hour, 18, 20.5);
}

/** Loading docks of a cold store: busy 06:00-20:00, quieter at weekends and on holidays. */
function dockActivity(c: Conditions): number {
  const day = c.dayKind === 'workday' ? 1 : c.dayKind === 'weekend' ? 0.6 : 0.4;
  return 0.15 + 0.85 * day * window(c.hour, 6, 20, 1);
}

/** An electric arc furnace: 60-minute tap-to-tap, arc on for the first 45 minutes. */
export function arcOn(tsMs: number): number {
  const minute = (tsMs / 60_000) % 60;
  return window(minute, 0.5, 45.5, 1);
}

/** Refrigeration duty in [0, 1]: compressors work harder as the condensing (outdoor) temperature rises. */
export function refrigerationDuty(tempC: number): number {
  return Math.min(1, Math.max(0, (tempC + 5) / 40));
}

/** Process activity in [0, 1]: the share of the enterprise's production running. */
export function activity(profile: IndustryProfile, c: Conditions): number {
  switch (profile) {
    case 'continuous_chemical':
      return 0.85;
    case 'two_shift_machining':
      return twoShift(c);
    case 'data_centre':
      return 0.72;
    case 'cold_chain':
      return dockActivity(c);
    case 'office':
      return officeHours(c);
    case 'steel':
      return 0.85;
    case 'park_utility':
      return 0.5;
  }
}

/** Electric load as a share of a meter's peak, from the profile, the hour and the weather. */
function electricity(profile: IndustryProfile, role: string, c: Conditions): number {
  switch (profile) {
    case 'continuous_chemical':
      return 0.85 + 0.05 * c.cooling; // cooling-water pumps and fans work harder in summer
    case 'two_shift_machining':
      return twoShift(c) + 0.1 * c.cooling * window(c.hour, 8, 24);
    case 'data_centre':
      // IT load flat and high; cooling follows the outdoor temperature (free cooling in winter).
      return 0.7 + 0.02 * window(c.hour, 9, 23, 2) + 0.22 * c.cooling + 0.04;
    case 'cold_chain':
      return 0.3 * dockActivity(c) + 0.6 * refrigerationDuty(c.tempC);
    case 'office': {
      const occupied = officeHours(c);
      return occupied + 0.3 * occupied * Math.max(c.cooling, 0.6 * c.heating); // heat pumps and split units
    }
    case 'steel':
      return role === 'sub' ? 0.05 + 0.9 * arcOn(c.tsMs) : 0.8;
    case 'park_utility':
      return 0.5;
  }
}

/** Space heating: follows the heating demand while occupied, set back otherwise. */
function heat(profile: IndustryProfile, c: Conditions): number {
  switch (profile) {
    case 'park_utility':
      return 0.3 + 0.7 * c.heating; // a CHP's own network: process heat all year, space heat in winter
    case 'continuous_chemical':
    case 'steel':
    case 'data_centre':
      return 0.6 + 0.3 * c.heating;
    case 'office':
      return 0.05 + 0.95 * c.heating * (0.35 + 0.65 * window(c.hour, 7.5, 18.5, 1) * (c.dayKind === 'workday' ? 1 : 0));
    case 'two_shift_machining':
    case 'cold_chain':
      return 0.05 + 0.95 * c.heating * (0.4 + 0.6 * activity(profile, c));
  }
}

/** Chilled-water cooling: process cooling runs all the time, comfort cooling while occupied. */
function cooling(profile: IndustryProfile, c: Conditions): number {
  switch (profile) {
    case 'data_centre':
      return 0.35 + 0.6 * c.cooling; // the IT heat must always go
    case 'continuous_chemical':
    case 'steel':
    case 'park_utility':
      return 0.45 + 0.5 * c.cooling; // clean rooms and process cooling
    case 'cold_chain':
      return 0.5 + 0.5 * refrigerationDuty(c.tempC);
    case 'office':
      return 0.03 + 0.97 * c.cooling * officeHours(c);
    case 'two_shift_machining':
      return activity(profile, c) * (0.3 + 0.7 * c.cooling);
  }
}

/**
 * A meter's load as a share of its peak (kW, t/h, Nm³/h, m³/h, kg/h, units/h) for its
 * enterprise's profile. PV and storage are not loads: see park-model.ts.
 */
export function loadShare(profile: IndustryProfile, carrier: Carrier, role: string, c: Conditions): number {
  switch (carrier) {
    case 'electricity':
    case 'distribution':
      return electricity(profile, role, c);
    case 'heat':
      return heat(profile, c);
    case 'cooling':
      return cooling(profile, c);
    case 'steam':
      return activity(profile, c) * (0.85 + 0.15 * c.heating);
    case 'water':
      return activity(profile, c) * (0.8 + 0.2 * c.cooling);
    case 'gas':
    case 'oil':
    case 'production':
      return activity(profile, c);
    case 'pv':
    case 'storage':
      return 0;
  }
}
