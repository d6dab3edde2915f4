import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QUANTITIES, isQuantityName, parseTelemetryPayload, parseTelemetryTopic, quantityBelongsTo } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { fleetMessages, payloadOf } from './fleet.js';
import type { FleetMessage } from './fleet.js';
import { parseScenario } from './scenario.js';
import { scenarioFleetPlan } from './scenario-fleet.js';
import type { ScenarioRunOptions } from './scenario-fleet.js';

const demo = parseScenario(readFileSync(fileURLToPath(new URL('../../config/scenario.demo.yaml', import.meta.url)), 'utf8'), 'scenario.demo.yaml');
const local = (iso: string) => Date.parse(`${iso}+08:00`);
const FIVE_MIN = 300_000;
const run = (options: Partial<ScenarioRunOptions> & Pick<ScenarioRunOptions, 'startMs'>) => [...fleetMessages(scenarioFleetPlan(demo, { ticks: 288, intervalMs: FIVE_MIN, seed: 1, ...options }))];
const series = (messages: readonly FleetMessage[], meterId: string, quantity = 'power_kw') => messages.filter((m) => m.meter.id === meterId).map((m) => ({ tsMs: m.tsMs, value: m.values[quantity] ?? Number.NaN, values: m.values }));
const at = (messages: readonly FleetMessage[], meterId: string, iso: string) => messages.find((m) => m.meter.id === meterId && m.tsMs === local(iso))?.values ?? {};
/** A meter's energy over the run, from its register, kWh. */
const registerGain = (messages: readonly FleetMessage[], meterId: string, register = 'energy_import_kwh') => {
  const values = series(messages, meterId, register).map((s) => s.value);
  return (values.at(-1) ?? 0) - (values[0] ?? 0);
};

// Wednesday 15 July 2026 and a Thursday in January: a summer and a winter working day.
const summer = run({ startMs: local('2026-07-15T00:00:00') });
const winter = run({ startMs: local('2026-01-22T00:00:00') });

describe('a simulated day of the demo park', () => {
  it('publishes only what the wire contract accepts, and registers only move forward', () => {
    // Problems are collected rather than asserted one by one: 30,000 expect() calls are slow.
    const problems: string[] = [];
    for (const day of [summer, winter]) {
      const lastRegister = new Map<string, number>();
      for (const message of day) {
        const where = `${message.meter.id}@${new Date(message.tsMs).toISOString()}`;
        if (!parseTelemetryTopic(message.topic).ok) problems.push(`${where}: topic ${message.topic}`);
        if (!parseTelemetryPayload(new TextEncoder().encode(payloadOf(message))).ok) problems.push(`${where}: payload ${payloadOf(message)}`);
        for (const [name, value] of Object.entries(message.values)) {
          if (!isQuantityName(name) || !quantityBelongsTo(message.meter.carrier, name)) {
            problems.push(`${where}: ${message.meter.carrier} may not report ${name}`);
            continue;
          }
          const def = QUANTITIES[name];
          if (!(value >= def.min && value <= def.max)) problems.push(`${where}: ${name} ${value} outside [${def.min}, ${def.max}]`);
          if (def.kind === 'cumulative') {
            const key = `${message.meter.id}/${name}`;
            if (value < (lastRegister.get(key) ?? 0)) problems.push(`${where}: ${name} went back to ${value}`);
            lastRegister.set(key, value);
          }
        }
      }
      expect(day).toHaveLength(demo.enterprises.flatMap((e) => e.meters).length * 288);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('is byte-identical for the same scenario, seed and start, and differs for another seed', () => {
    const text = (messages: readonly FleetMessage[]) => messages.map((m) => `${m.topic} ${payloadOf(m)}`).join('\n');
    const start = local('2026-07-15T00:00:00');
    const first = text(run({ startMs: start, ticks: 48 }));
    expect(first).toBe(text(run({ startMs: start, ticks: 48 })));
    // A longer run begins with the same bytes.
    expect(first).toBe(text(summer.slice(0, demo.enterprises.flatMap((e) => e.meters).length * 48)));
    expect(text(run({ startMs: start, ticks: 48, seed: 2 }))).not.toBe(first);
  });

  it('loads a transformer with the sum of its enterprises, plus losses', () => {
    const meters = demo.enterprises.flatMap((e) => e.meters);
    const peakKw = meters.find((m) => m.id === 'm-park-tx1')?.peak ?? Number.NaN;
    const children = meters.filter((m) => m.parent === 'm-park-tx1').map((m) => m.id);
    expect(children.length).toBeGreaterThan(5);
    for (const iso of ['2026-07-15T03:00:00', '2026-07-15T10:30:00', '2026-07-15T20:00:00']) {
      const sum = children.reduce((total, id) => total + (at(summer, id, iso).power_kw ?? 0), 0);
      const tx = at(summer, 'm-park-tx1', iso);
      expect(tx.power_kw! / (sum * 1.015 + 0.003 * peakKw)).toBeGreaterThan(0.98);
      expect(tx.power_kw! / (sum * 1.015 + 0.003 * peakKw)).toBeLessThan(1.02);
      expect(tx.load_rate_pct).toBeCloseTo((tx.power_kw! / (1.25 * peakKw)) * 100, 0); // rating = 1.25 x typical peak
    }
  });

  it('never shows a sub-meter above its main meter: the main carries its subs', () => {
    const meters = demo.enterprises.flatMap((e) => e.meters);
    const pairs = meters.filter((m) => m.role === 'sub' && m.carrier === 'electricity').map((m) => [m.parent!, m.id] as const);
    expect(pairs.length).toBeGreaterThan(3);
    const problems: string[] = [];
    for (const [main, sub] of pairs) {
      const mains = series(summer, main);
      series(summer, sub).forEach((s, i) => {
        if (s.value > (mains[i]?.value ?? 0)) problems.push(`${sub} ${s.value} > ${main} ${mains[i]?.value} at ${new Date(s.tsMs).toISOString()}`);
      });
    }
    expect(problems).toEqual([]);
  });

  it('makes PV from the sun at the site: nothing at night, most around solar noon, more in summer', () => {
    const pv = series(summer, 'm-park-pv1');
    const hourOf = (tsMs: number) => (tsMs - local('2026-07-15T00:00:00')) / 3_600_000;
    expect(pv.filter((s) => hourOf(s.tsMs) < 4.5 || hourOf(s.tsMs) > 19.5).every((s) => s.value === 0)).toBe(true);
    const best = pv.reduce((a, b) => (b.value > a.value ? b : a));
    expect(hourOf(best.tsMs)).toBeGreaterThan(9);
    expect(hourOf(best.tsMs)).toBeLessThan(15);
    expect(best.value).toBeLessThan(6000); // never above the 6 MWp array
    // Longer days in summer, whatever the clouds: 14 h of daylight at 34° N in July, 10 h in January.
    const producingHours = (messages: readonly FleetMessage[]) => (series(messages, 'm-park-pv1').filter((s) => s.value > 0).length * FIVE_MIN) / 3_600_000;
    expect(producingHours(summer)).toBeGreaterThan(13.5);
    expect(producingHours(winter)).toBeLessThan(10.5);
  });

  it('gives each industry its shape: two shifts, office hours, a flat chemical plant, a data centre and cold store that follow the heat', () => {
    const gear = (iso: string) => at(summer, 'm-gear-main', `2026-07-15T${iso}`).power_kw!;
    expect(gear('10:00:00')).toBeGreaterThan(4 * gear('04:00:00'));
    expect(gear('22:00:00')).toBeGreaterThan(4 * gear('04:00:00'));
    const office = (iso: string) => at(summer, 'm-rd-main', `2026-07-15T${iso}`).power_kw!;
    expect(office('10:00:00')).toBeGreaterThan(4 * office('22:00:00'));
    const chem = series(summer, 'm-chem-main').map((s) => s.value);
    expect(Math.max(...chem) / Math.min(...chem)).toBeLessThan(1.2);
    expect(registerGain(summer, 'm-dc-main')).toBeGreaterThan(registerGain(winter, 'm-dc-main') * 1.1);
    expect(registerGain(summer, 'm-cold-main')).toBeGreaterThan(registerGain(winter, 'm-cold-main') * 1.3);
    expect(registerGain(winter, 'm-rd-heat', 'heat_energy_gj')).toBeGreaterThan(5 * registerGain(summer, 'm-rd-heat', 'heat_energy_gj'));
    expect(registerGain(summer, 'm-rd-cooling', 'cooling_energy_gj')).toBeGreaterThan(5 * registerGain(winter, 'm-rd-cooling', 'cooling_energy_gj'));
  });

  it('dispatches the shared storage by time of use: charges in the valley, discharges at the peak, within its SOC limits', () => {
    const ess = series(summer, 'm-park-ess1');
    const hourOf = (tsMs: number) => (tsMs - local('2026-07-15T00:00:00')) / 3_600_000;
    expect(ess.filter((s) => hourOf(s.tsMs) >= 0.5 && hourOf(s.tsMs) < 1.5).every((s) => s.value < -4900)).toBe(true);
    expect(ess.filter((s) => hourOf(s.tsMs) >= 8.5 && hourOf(s.tsMs) < 10).every((s) => s.value > 4900)).toBe(true);
    expect(ess.filter((s) => hourOf(s.tsMs) >= 12 && hourOf(s.tsMs) < 16).every((s) => s.value === 0)).toBe(true);
    for (const s of ess) {
      expect(s.values.soc_pct).toBeGreaterThanOrEqual(10);
      expect(s.values.soc_pct).toBeLessThanOrEqual(95);
    }
  });
});

describe('the calendar', () => {
  it('runs a 调休 Saturday like a weekday and a Spring Festival Monday like a Sunday', () => {
    const day = (date: string) => run({ startMs: local(`${date}T00:00:00`), meterIds: ['m-gear-main', 'm-rd-main'] });
    const makeUp = day('2026-02-14'); // Saturday, worked
    const holiday = day('2026-02-16'); // Monday, Spring Festival
    const weekday = day('2026-02-10'); // Tuesday
    for (const meter of ['m-gear-main', 'm-rd-main']) {
      expect(registerGain(makeUp, meter)).toBeGreaterThan(2 * registerGain(holiday, meter));
      expect(registerGain(weekday, meter)).toBeGreaterThan(2 * registerGain(holiday, meter));
    }
  });
});
