import { describe, expect, it } from 'vitest';
import { activity, arcOn, loadShare, window } from './load-profiles.js';
import type { Conditions } from './load-profiles.js';

const workday = (hour: number, extra: Partial<Conditions> = {}): Conditions => ({ tsMs: 0, hour, dayKind: 'workday', tempC: 15, heating: 0, cooling: 0, ...extra });
const sunday = (hour: number, extra: Partial<Conditions> = {}): Conditions => ({ ...workday(hour, extra), dayKind: 'weekend' });

describe('window', () => {
  it('is 1 inside, 0 outside, and half way at the edges', () => {
    expect(window(12, 8, 18)).toBe(1);
    expect(window(3, 8, 18)).toBe(0);
    expect(window(8, 8, 18)).toBeCloseTo(0.5, 9);
    expect(window(23.5, 8, 24)).toBe(1);
  });
});

describe('industry profiles', () => {
  it('two-shift machining runs 08:00-24:00 on working days, is low at night and on weekends', () => {
    const p = 'two_shift_machining';
    expect(activity(p, workday(10))).toBeGreaterThan(0.85);
    expect(activity(p, workday(21))).toBeGreaterThan(0.85);
    expect(activity(p, workday(4))).toBeLessThan(0.15);
    expect(activity(p, workday(12.1))).toBeLessThan(activity(p, workday(10)) - 0.2); // lunch
    expect(activity(p, sunday(10))).toBeLessThan(activity(p, workday(10)) / 4);
    expect(activity(p, { ...workday(10), dayKind: 'holiday' })).toBe(activity(p, sunday(10)));
  });

  it('a continuous chemical process is flat around the clock and the week', () => {
    const shares = [workday(3), workday(14), sunday(10)].map((c) => loadShare('continuous_chemical', 'electricity', 'main', c));
    expect(new Set(shares)).toEqual(new Set([0.85]));
  });

  it('a data centre is flat and high; its electricity and chillers follow the temperature', () => {
    expect(loadShare('data_centre', 'electricity', 'main', workday(3))).toBeGreaterThan(0.7);
    expect(loadShare('data_centre', 'electricity', 'main', workday(3, { cooling: 1 }))).toBeGreaterThan(loadShare('data_centre', 'electricity', 'main', workday(3)) + 0.2);
    expect(loadShare('data_centre', 'cooling', 'main', workday(3))).toBeGreaterThan(0.3); // never off
  });

  it('a cold store works harder on a hot day and at the docks by day', () => {
    const night = loadShare('cold_chain', 'electricity', 'main', workday(2, { tempC: 5 }));
    expect(loadShare('cold_chain', 'electricity', 'main', workday(2, { tempC: 33 }))).toBeGreaterThan(night + 0.3);
    expect(loadShare('cold_chain', 'electricity', 'main', workday(11, { tempC: 5 }))).toBeGreaterThan(night + 0.2);
  });

  it('an office is busy in working hours on weekdays; its heating and cooling follow the weather while occupied', () => {
    expect(loadShare('office', 'electricity', 'main', workday(10))).toBeGreaterThan(0.8);
    expect(loadShare('office', 'electricity', 'main', workday(23))).toBeLessThan(0.15);
    expect(loadShare('office', 'electricity', 'main', sunday(10))).toBeLessThan(0.2);
    expect(loadShare('office', 'cooling', 'main', workday(15, { cooling: 1 }))).toBeGreaterThan(0.9);
    expect(loadShare('office', 'cooling', 'main', workday(15))).toBeLessThan(0.05);
    expect(loadShare('office', 'heat', 'sub', workday(10, { heating: 1 }))).toBeGreaterThan(0.9);
    expect(loadShare('office', 'heat', 'sub', sunday(10, { heating: 1 }))).toBeLessThan(0.45); // set back
  });

  it('a CHP heat network carries process heat in summer and adds space heat in winter', () => {
    expect(loadShare('park_utility', 'heat', 'generation', workday(10))).toBeCloseTo(0.3, 9);
    expect(loadShare('park_utility', 'heat', 'generation', workday(10, { heating: 1 }))).toBeCloseTo(1, 9);
  });

  it('an arc furnace is on 45 minutes of every hour', () => {
    const minutes = Array.from({ length: 60 }, (_, m) => arcOn(Date.UTC(2026, 0, 5, 3, m)));
    expect(minutes.filter((x) => x > 0.5)).toHaveLength(45);
  });
});
