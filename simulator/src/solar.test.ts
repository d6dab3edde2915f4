import { describe, expect, it } from 'vitest';
import { clearSkyGhiWm2, refractionDeg, solarPosition } from './solar.js';

describe('solarPosition', () => {
  it('matches the NREL SPA worked example: Golden, Colorado, 2003-10-17 12:30:30 -07:00', () => {
    // Reda & Andreas, "Solar Position Algorithm for Solar Radiation Applications",
    // NREL/TP-560-34302 (2008 rev.), Table A5.1: topocentric zenith 50.11162°, azimuth
    // 194.34024°, declination -9.31434° (at 820 mbar, 11 °C; SPA is good to 0.0003°).
    const sun = solarPosition(Date.parse('2003-10-17T12:30:30-07:00'), 39.742476, -105.1786);
    expect(90 - sun.apparentElevationDeg).toBeCloseTo(50.11162, 2);
    expect(sun.azimuthDeg).toBeCloseTo(194.34024, 2);
    expect(sun.declinationDeg).toBeCloseTo(-9.31434, 2);
  });

  it('matches Meeus, Astronomical Algorithms, Examples 25.a and 28.b: 1992-10-13 0h', () => {
    // Apparent declination -7°47'06" = -7.78507°; equation of time 13m42.7s = 13.71 min.
    const sun = solarPosition(Date.UTC(1992, 9, 13), 0, 0);
    expect(sun.declinationDeg).toBeCloseTo(-7.78507, 2);
    expect(sun.equationOfTimeMin).toBeCloseTo(13.71, 1);
  });

  it('puts the sun high at noon and below the horizon at midnight at the demo park (34.27 N, 120.28 E)', () => {
    // Summer solstice 2026-06-21: noon elevation ~ 90 - 34.27 + 23.44 = 79.2°.
    const noon = solarPosition(Date.parse('2026-06-21T11:59:00+08:00'), 34.27, 120.28);
    expect(noon.elevationDeg).toBeGreaterThan(78.5);
    expect(noon.elevationDeg).toBeLessThan(79.5);
    expect(solarPosition(Date.parse('2026-06-21T00:00:00+08:00'), 34.27, 120.28).elevationDeg).toBeLessThan(-25);
    // Winter solstice: noon elevation ~ 90 - 34.27 - 23.44 = 32.3°.
    expect(solarPosition(Date.parse('2026-12-21T11:50:00+08:00'), 34.27, 120.28).elevationDeg).toBeCloseTo(32.3, 0);
  });
});

describe('refraction and clear-sky irradiance', () => {
  it('lifts the sun about 34 arcminutes at the horizon and nothing near the zenith', () => {
    expect(refractionDeg(0) * 60).toBeCloseTo(28.9, 0);
    expect(refractionDeg(45) * 3600).toBeCloseTo(58, 0);
    expect(refractionDeg(89)).toBe(0);
  });

  it('gives Haurwitz: 1035 W/m² with the sun overhead, 0 below the horizon', () => {
    expect(clearSkyGhiWm2(90)).toBeCloseTo(1098 * Math.exp(-0.059), 6);
    expect(clearSkyGhiWm2(30)).toBeCloseTo(1098 * 0.5 * Math.exp(-0.118), 6);
    expect(clearSkyGhiWm2(-1)).toBe(0);
  });
});
