/** A battery storage station and how it is dispatched. */
export interface StorageSpec {
  readonly capacityKwh: number;
  readonly powerKw: number;
  readonly socMinPct: number;
  readonly socMaxPct: number;
  /** AC-to-AC round-trip efficiency, e.g. 0.88; split evenly between charging and discharging. */
  readonly roundTripEfficiency: number;
  readonly strategy: 'tou_arbitrage' | 'peak_shaving';
  /** Time-of-use windows, local hours [from, to): charge in the valley, discharge at the peak. */
  readonly valleyHours: readonly (readonly [number, number])[];
  readonly peakHours: readonly (readonly [number, number])[];
  /** Peak shaving: keep the site's import at or below this, kW. */
  readonly thresholdKw?: number | undefined;
}

/** The station after one step: power positive discharging, negative charging (as on the wire). */
export interface StorageStep {
  readonly powerKw: number;
  readonly socPct: number;
}

/** Recharge below the threshold by this share of it, so charging never creates a new peak. */
const RECHARGE_MARGIN = 0.1;

const inWindows = (hour: number, windows: StorageSpec['valleyHours']) => windows.some(([from, to]) => hour >= from && hour < to);

/**
 * The power the strategy asks for at local `hour` with the site importing `siteLoadKw`
 * (before the station): time-of-use arbitrage charges at full power in valley hours and
 * discharges in peak hours; peak shaving discharges what the load exceeds the threshold
 * by and recharges in the room left below it.
 */
export function requestedPowerKw(spec: StorageSpec, hour: number, siteLoadKw: number): number {
  switch (spec.strategy) {
    case 'tou_arbitrage':
      if (inWindows(hour, spec.valleyHours)) return -spec.powerKw;
      return inWindows(hour, spec.peakHours) ? spec.powerKw : 0;
    case 'peak_shaving': {
      const threshold = spec.thresholdKw ?? Number.POSITIVE_INFINITY;
      if (siteLoadKw > threshold) return Math.min(spec.powerKw, siteLoadKw - threshold);
      const room = threshold * (1 - RECHARGE_MARGIN) - siteLoadKw;
      return room > 0 ? -Math.min(spec.powerKw, room) : 0;
    }
  }
}

/**
 * Run the station at `requestedKw` for `dtS` seconds from `socPct`, within its power
 * rating and state-of-charge limits: near a limit the power falls to what reaches it
 * exactly, at a limit to zero.
 */
export function stepStorage(spec: StorageSpec, socPct: number, requestedKw: number, dtS: number): StorageStep {
  const oneWay = Math.sqrt(spec.roundTripEfficiency);
  const hours = Math.max(dtS, 1) / 3600;
  let powerKw = Math.min(spec.powerKw, Math.max(-spec.powerKw, requestedKw));
  if (powerKw < 0) {
    const roomKwh = (Math.max(0, spec.socMaxPct - socPct) / 100) * spec.capacityKwh;
    powerKw = -Math.min(-powerKw, roomKwh / oneWay / hours);
  } else if (powerKw > 0) {
    const storedKwh = (Math.max(0, socPct - spec.socMinPct) / 100) * spec.capacityKwh;
    powerKw = Math.min(powerKw, (storedKwh * oneWay) / hours);
  }
  const cellKwh = powerKw < 0 ? -powerKw * oneWay * (dtS / 3600) : -(powerKw / oneWay) * (dtS / 3600);
  const next = socPct + (cellKwh / spec.capacityKwh) * 100;
  return { powerKw: powerKw === 0 ? 0 : powerKw, socPct: Math.min(spec.socMaxPct, Math.max(spec.socMinPct, next)) };
}

/** Parse `HH:MM-HH:MM` into local hours [from, to); `24:00` ends the day. */
export function parseHourWindow(text: string): [number, number] {
  const match = /^(\d\d):(\d\d)-(\d\d):(\d\d)$/.exec(text);
  if (match === null) throw new Error(`expected HH:MM-HH:MM, got "${text}"`);
  const [from, to] = [Number(match[1]) + Number(match[2]) / 60, Number(match[3]) + Number(match[4]) / 60];
  if (!(from < to && to <= 24)) throw new Error(`expected a window within one day, from before to, got "${text}"`);
  return [from, to];
}
