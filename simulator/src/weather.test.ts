import { describe, expect, it } from 'vitest';
import { localTimeAt } from './park-calendar.js';
import { clearSkyIndex, coolingDemand, diurnalShape, heatingDemand, outdoorTempC, skyOf } from './weather.js';
import type { Climate } from './weather.js';

// The demo park: Binhai, Yancheng (Jiangsu). Yancheng's normals: January ~1 °C, July ~27 °C.
const binhai: Climate = { latitudeDeg: 34.27, meanTempC: 14.5, seasonalSwingC: 13, cloudyDayShare: 0.4 };
const at = (iso: string) => localTimeAt(Date.parse(iso), 'Asia/Shanghai');
const meanOfDay = (climate: Climate, date: string) => {
  let sum = 0;
  for (let h = 0; h < 24; h++) sum += outdoorTempC(climate, 1, at(`${date}T${String(h).padStart(2, '0')}:00:00+08:00`), 'clear');
  return sum / 24;
};

describe('outdoorTempC', () => {
  it('is cold in late January and hot in late July at the demo site, within the seeded anomaly', () => {
    expect(meanOfDay(binhai, '2026-01-20')).toBeGreaterThan(1.5 - 3);
    expect(meanOfDay(binhai, '2026-01-20')).toBeLessThan(1.5 + 3);
    expect(meanOfDay(binhai, '2026-07-21')).toBeGreaterThan(27.5 - 3);
    expect(meanOfDay(binhai, '2026-07-21')).toBeLessThan(27.5 + 3);
  });

  it('flips the seasons south of the equator', () => {
    const south = { ...binhai, latitudeDeg: -34 };
    expect(meanOfDay(south, '2026-07-21')).toBeLessThan(meanOfDay(south, '2026-01-20'));
  });

  it('peaks in the afternoon and bottoms out before sunrise; overcast days swing less', () => {
    const tempAt = (hour: string, sky: 'clear' | 'overcast') => outdoorTempC(binhai, 1, at(`2026-04-15T${hour}:00+08:00`), sky);
    expect(tempAt('14:00', 'clear') - tempAt('05:00', 'clear')).toBeGreaterThan(6);
    expect(tempAt('14:00', 'overcast') - tempAt('05:00', 'overcast')).toBeLessThan(4);
    expect(diurnalShape(14)).toBe(1);
    expect(diurnalShape(5)).toBe(0);
  });

  it('is the same for the same seed and instant, and differs for another seed', () => {
    const local = at('2026-03-03T10:00:00+08:00');
    expect(outdoorTempC(binhai, 3, local, 'clear')).toBe(outdoorTempC(binhai, 3, local, 'clear'));
    expect(outdoorTempC(binhai, 3, local, 'clear')).not.toBe(outdoorTempC(binhai, 4, local, 'clear'));
  });
});

describe('heating and cooling demand', () => {
  it('runs from 0 at the balance points to 1 at the design temperatures', () => {
    expect(heatingDemand(16, binhai)).toBe(0);
    expect(heatingDemand(-2.5, binhai)).toBe(1); // 14.5 - 13 - 4
    expect(heatingDemand(6.75, binhai)).toBeCloseTo(0.5, 6);
    expect(coolingDemand(20, binhai)).toBe(0);
    expect(coolingDemand(32.5, binhai)).toBe(1); // 14.5 + 13 + 5
    expect(coolingDemand(40, binhai)).toBe(1);
    expect(heatingDemand(25, binhai) + coolingDemand(10, binhai)).toBe(0);
  });
});

describe('sky and clear-sky index', () => {
  it('makes about the climate share of days overcast, over a year', () => {
    const days = Array.from({ length: 3650 }, (_, d) => skyOf(9, 20_000 + d, binhai));
    const overcast = days.filter((s) => s === 'overcast').length / days.length;
    expect(overcast).toBeGreaterThan(0.37);
    expect(overcast).toBeLessThan(0.43);
    expect(new Set(days)).toEqual(new Set(['clear', 'broken', 'overcast']));
  });

  it('stays in (0, 1]: clear days near 1, overcast days dull, broken cloud in between and moving', () => {
    const day = Array.from({ length: 24 * 60 }, (_, m) => Date.UTC(2026, 4, 1) + m * 60_000);
    const range = (sky: 'clear' | 'broken' | 'overcast') => {
      const k = day.map((t) => clearSkyIndex(5, t, sky));
      return [Math.min(...k), Math.max(...k)] as const;
    };
    expect(range('clear')[0]).toBeGreaterThan(0.9);
    expect(range('clear')[1]).toBeLessThanOrEqual(1);
    expect(range('overcast')[1]).toBeLessThan(0.45);
    expect(range('overcast')[0]).toBeGreaterThan(0.1);
    const [low, high] = range('broken');
    expect(high - low).toBeGreaterThan(0.4);
  });
});
