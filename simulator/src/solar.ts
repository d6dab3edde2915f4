/** Where the sun is, seen from a site, and how much of it reaches the ground on a clear day. */
export interface SolarPosition {
  /** Geometric elevation above the horizon, degrees (negative at night). */
  readonly elevationDeg: number;
  /** Elevation with standard atmospheric refraction added, degrees: what a sensor sees. */
  readonly apparentElevationDeg: number;
  /** Clockwise from north, degrees. */
  readonly azimuthDeg: number;
  readonly declinationDeg: number;
  /** Apparent minus mean solar time, minutes. */
  readonly equationOfTimeMin: number;
}

const RAD = Math.PI / 180;
const DAY_MS = 86_400_000;
/** Julian day of the Unix epoch, 1970-01-01T00:00Z. */
const JD_UNIX_EPOCH = 2_440_587.5;
/** Julian day of J2000.0. */
const JD_J2000 = 2_451_545;

const mod360 = (deg: number) => ((deg % 360) + 360) % 360;

/**
 * Atmospheric refraction at standard pressure and temperature, degrees, for a geometric
 * elevation in degrees (NOAA Solar Calculator's piecewise fit, after Meeus ch. 16).
 */
export function refractionDeg(elevationDeg: number): number {
  if (elevationDeg > 85) return 0;
  const te = Math.tan(elevationDeg * RAD);
  const arcsec =
    elevationDeg > 5
      ? 58.1 / te - 0.07 / te ** 3 + 0.000086 / te ** 5
      : elevationDeg > -0.575
        ? 1735 + elevationDeg * (-518.2 + elevationDeg * (103.4 + elevationDeg * (-12.79 + elevationDeg * 0.711)))
        : -20.774 / te;
  return arcsec / 3600;
}

/**
 * The sun's position at instant `tsMs` from latitude/longitude (degrees, east positive),
 * by the low-precision solar coordinates of Meeus, Astronomical Algorithms (2nd ed.),
 * ch. 25 and 28, as in NOAA's Solar Calculator: about 0.01° in declination and a few
 * seconds in the equation of time for years 1800-2100. UT is used for TT (ΔT ~ 1 min).
 */
export function solarPosition(tsMs: number, latitudeDeg: number, longitudeDeg: number): SolarPosition {
  const jd = tsMs / DAY_MS + JD_UNIX_EPOCH;
  const t = (jd - JD_J2000) / 36_525; // Julian centuries
  const l0 = mod360(280.46646 + t * (36_000.76983 + 0.0003032 * t)); // mean longitude (25.2)
  const m = 357.52911 + t * (35_999.05029 - 0.0001537 * t); // mean anomaly (25.3)
  const e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t); // eccentricity (25.4)
  const c = Math.sin(m * RAD) * (1.914602 - t * (0.004817 + 0.000014 * t)) + Math.sin(2 * m * RAD) * (0.019993 - 0.000101 * t) + Math.sin(3 * m * RAD) * 0.000289;
  const omega = 125.04 - 1934.136 * t;
  const lambda = l0 + c - 0.00569 - 0.00478 * Math.sin(omega * RAD); // apparent longitude
  const eps0 = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60; // (22.2)
  const eps = eps0 + 0.00256 * Math.cos(omega * RAD); // corrected obliquity (25.8)
  const declination = Math.asin(Math.sin(eps * RAD) * Math.sin(lambda * RAD));
  const y = Math.tan((eps / 2) * RAD) ** 2;
  const eotRad =
    y * Math.sin(2 * l0 * RAD) - 2 * e * Math.sin(m * RAD) + 4 * e * y * Math.sin(m * RAD) * Math.cos(2 * l0 * RAD) - 0.5 * y * y * Math.sin(4 * l0 * RAD) - 1.25 * e * e * Math.sin(2 * m * RAD); // (28.3)
  const equationOfTimeMin = (4 * eotRad) / RAD;
  const utcMinutes = (((tsMs % DAY_MS) + DAY_MS) % DAY_MS) / 60_000;
  const trueSolarMin = (((utcMinutes + equationOfTimeMin + 4 * longitudeDeg) % 1440) + 1440) % 1440;
  const hourAngle = trueSolarMin / 4 - 180;
  const lat = latitudeDeg * RAD;
  const cosZenith = Math.min(1, Math.max(-1, Math.sin(lat) * Math.sin(declination) + Math.cos(lat) * Math.cos(declination) * Math.cos(hourAngle * RAD)));
  const zenith = Math.acos(cosZenith);
  const elevationDeg = 90 - zenith / RAD;
  const denominator = Math.cos(lat) * Math.sin(zenith);
  const cosAzimuth = denominator === 0 ? 1 : Math.min(1, Math.max(-1, (Math.sin(lat) * cosZenith - Math.sin(declination)) / denominator));
  const fromSouth = Math.acos(cosAzimuth) / RAD;
  const azimuthDeg = hourAngle > 0 ? mod360(fromSouth + 180) : mod360(540 - fromSouth);
  return { elevationDeg, apparentElevationDeg: elevationDeg + refractionDeg(elevationDeg), azimuthDeg, declinationDeg: declination / RAD, equationOfTimeMin };
}

/**
 * Clear-sky global horizontal irradiance, W/m², for an apparent solar elevation:
 * Haurwitz (1945), GHI = 1098 cos z exp(-0.059 / cos z), the simplest model that does well
 * in Reno, Hansen & Stein, "Global Horizontal Irradiance Clear Sky Models", SAND2012-2389.
 */
export function clearSkyGhiWm2(apparentElevationDeg: number): number {
  if (apparentElevationDeg <= 0) return 0;
  const cosZenith = Math.sin(apparentElevationDeg * RAD);
  return 1098 * cosZenith * Math.exp(-0.059 / cosZenith);
}
