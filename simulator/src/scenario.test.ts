import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseRegistry } from '@lingtan/runtime';
import { describe, expect, it } from 'vitest';
import { parseScenario, toRegistry } from './scenario.js';

const configFile = (name: string) => fileURLToPath(new URL(`../../config/${name}`, import.meta.url));
const demoText = readFileSync(configFile('scenario.demo.yaml'), 'utf8');

describe('the demo scenario', () => {
  const scenario = parseScenario(demoText, 'scenario.demo.yaml');
  const registry = toRegistry(scenario);

  it('is a whole coastal park: about 20 enterprises, PV, shared storage, CHP heat, gas and transformers', () => {
    expect(scenario.enterprises).toHaveLength(20);
    const carriers = new Set(registry.meters.map((m) => m.carrier));
    for (const carrier of ['pv', 'storage', 'heat', 'gas', 'distribution', 'electricity', 'steam', 'cooling', 'water', 'oil', 'production']) expect(carriers).toContain(carrier);
    expect(new Set(scenario.enterprises.map((e) => e.profile))).toEqual(new Set(['park_utility', 'steel', 'continuous_chemical', 'data_centre', 'cold_chain', 'two_shift_machining', 'office']));
  });

  it('holds config/registry.demo.yaml unchanged: the same park, and every enterprise and meter as the platform loads them', () => {
    const demo = parseRegistry(readFileSync(configFile('registry.demo.yaml'), 'utf8'), 'registry.demo.yaml');
    expect(registry.park).toEqual(demo.park);
    for (const enterprise of demo.enterprises) expect(registry.enterprises.find((e) => e.id === enterprise.id)).toEqual(enterprise);
    for (const meter of demo.meters) expect(registry.meters.find((m) => m.id === meter.id)).toEqual(meter);
  });
});

describe('parseScenario', () => {
  const minimal = `
park: { id: p, name: P, latitude: 31.2, longitude: 121.5 }
enterprises:
  - id: e
    name: E
    profile: office
    meters:
      - { id: m1, carrier: electricity, interval_s: 15 }
`;

  it('fills defaults: time zone, climate, an empty calendar', () => {
    const scenario = parseScenario(minimal, 'min.yaml');
    expect(scenario.park).toMatchObject({ timezone: 'Asia/Shanghai', mean_temp_c: 15, cloudy_day_share: 0.35 });
    expect(scenario.calendar).toEqual({ holidays: [], workdays: [] });
  });

  it('names the file, the path and what was expected', () => {
    expect(() => parseScenario(minimal.replace('office', 'bakery'), 'a.yaml')).toThrow(/a\.yaml:\n {2}enterprises\.0\.profile: Invalid option: expected one of "continuous_chemical"\|/);
    expect(() => parseScenario(minimal.replace('latitude: 31.2', 'latitude: 131.2'), 'b.yaml')).toThrow(/b\.yaml:\n {2}park\.latitude: Too big/);
    expect(() => parseScenario(minimal.replace('carrier: electricity', 'carrier: pv'), 'c.yaml')).toThrow(/enterprises\.0\.meters\.0\.capacity_kwp: a pv meter needs capacity_kwp/);
    expect(() => parseScenario(`${minimal}calendar: { holidays: [2026-13-01] }\n`, 'd.yaml')).toThrow(/calendar\.holidays\.0: expected a local date YYYY-MM-DD/);
    expect(() => parseScenario(minimal.replace('interval_s: 15', 'interval_s: 15, parent: nope'), 'e.yaml')).toThrow(/e\.yaml: .*unknown parent meter "nope"/s);
    expect(() => parseScenario('park: [', 'f.yaml')).toThrow(/f\.yaml is not valid YAML/);
    const storage = minimal.replace('carrier: electricity, interval_s: 15', 'carrier: storage, role: storage, capacity_kwh: 200, power_kw: 100, strategy: peak_shaving');
    expect(() => parseScenario(storage, 'g.yaml')).toThrow(/enterprises\.0\.meters\.0\.threshold_kw: a peak_shaving storage meter needs threshold_kw/);
    expect(() => parseScenario(storage.replace('peak_shaving', 'tou_arbitrage, valley_hours: [23:00-07:00]'), 'h.yaml')).toThrow(/valley_hours\.0: expected a window within one day/);
    expect(() => parseScenario(storage.replace('peak_shaving', 'tou_arbitrage, peak_hours: [8-11]'), 'i.yaml')).toThrow(/peak_hours\.0: expected a local window HH:MM-HH:MM/);
  });
});
