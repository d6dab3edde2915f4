import { CARRIERS, QUANTITIES, isQuantityName, parseTelemetryPayload, parseTelemetryTopic, quantityBelongsTo, registrySchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { fleetMessages, localHour, payloadOf } from './fleet.js';
import { syntheticRegistry } from './generate-registry.js';

const registry = syntheticRegistry({ enterprises: 3, metersPerEnterprise: CARRIERS.length + 1, intervalS: 15 });
const START = Date.UTC(2026, 10, 21, 16, 0, 0); // 2026-11-22 00:00 Asia/Shanghai
const plan = { registry, startMs: START, ticks: 96, seed: 7 };

describe('fleetMessages', () => {
  it('is byte-identical for the same plan and differs for another seed', () => {
    const take = (seed: number) => [...fleetMessages({ ...plan, ticks: 20, seed })].map((m) => `${m.topic} ${payloadOf(m)}`).join('\n');
    expect(take(7)).toBe(take(7));
    expect(take(7)).not.toBe(take(8));
  });

  it('emits readings in device-time order, one per meter per interval', () => {
    const messages = [...fleetMessages({ ...plan, ticks: 4 })];
    expect(messages).toHaveLength(registry.meters.length * 4);
    for (let i = 1; i < messages.length; i++) expect(messages[i]!.tsMs).toBeGreaterThanOrEqual(messages[i - 1]!.tsMs);
    expect(new Set(messages.map((m) => m.tsMs))).toEqual(new Set([START, START + 15_000, START + 30_000, START + 45_000]));
  });

  it('publishes only what the wire contract accepts, for every carrier, over a whole day', () => {
    const lastRegister = new Map<string, number>();
    let checked = 0;
    for (const message of fleetMessages({ ...plan, intervalMs: 900_000 })) { // a day of 15-min readings
      expect(parseTelemetryTopic(message.topic).ok).toBe(true);
      const parsed = parseTelemetryPayload(new TextEncoder().encode(payloadOf(message)));
      expect(parsed.ok).toBe(true);
      for (const [name, value] of Object.entries(message.values)) {
        expect(isQuantityName(name) && quantityBelongsTo(message.meter.carrier, name), `${message.meter.carrier} ${name}`).toBe(true);
        if (!isQuantityName(name)) continue;
        const def = QUANTITIES[name];
        expect(value).toBeGreaterThanOrEqual(def.min);
        expect(value).toBeLessThanOrEqual(def.max);
        if (def.kind === 'cumulative') {
          // Registers only move forward.
          const key = `${message.meter.id}/${name}`;
          expect(value).toBeGreaterThanOrEqual(lastRegister.get(key) ?? 0);
          lastRegister.set(key, value);
        }
      }
      checked++;
    }
    expect(checked).toBe(registry.meters.length * 96);
  });

  it('makes PV generate by day and not at night, in the park time zone', () => {
    const pv = registry.meters.find((m) => m.carrier === 'pv')!;
    const messages = [...fleetMessages({ ...plan, meterIds: [pv.id], intervalMs: 3_600_000, ticks: 24 })];
    const byHour = messages.map((m) => m.values.power_kw ?? -1);
    expect(byHour[2]).toBe(0); // 02:00 local
    expect(byHour[12]).toBeGreaterThan(0); // noon local
  });

  it('orders meters of different intervals by device time, ties in registry order', () => {
    const mixed = registrySchema.parse({
      park: { id: 'p', name: 'P' },
      enterprises: [{ id: 'e', name: 'E' }],
      meters: [60, 15, 900, 15, 300].map((interval_s, i) => ({ id: `m${i}`, enterprise: 'e', carrier: 'electricity', interval_s })),
    });
    const messages = [...fleetMessages({ registry: mixed, startMs: START, ticks: 8, seed: 1 })];
    expect(messages).toHaveLength(5 * 8);
    const index = (id: string) => mixed.meters.findIndex((m) => m.id === id);
    for (let i = 1; i < messages.length; i++) {
      const [a, b] = [messages[i - 1]!, messages[i]!];
      expect(a.tsMs < b.tsMs || (a.tsMs === b.tsMs && index(a.meter.id) < index(b.meter.id)), `${a.meter.id}@${a.tsMs} before ${b.meter.id}@${b.tsMs}`).toBe(true);
    }
    // The 15 s meters finish their 8 readings long before the 900 s one.
    expect(messages.at(-1)).toMatchObject({ tsMs: START + 7 * 900_000, seq: 7, meter: { id: 'm2' } });
  });

  it('refuses meter ids the registry does not have', () => {
    expect(() => [...fleetMessages({ ...plan, meterIds: ['nope'] })]).toThrow(/not in the registry: nope/);
  });
});

describe('localHour', () => {
  it('reads the wall-clock hour in the park time zone', () => {
    expect(localHour(Date.UTC(2026, 10, 22, 1, 30), 'Asia/Shanghai')).toBe(9.5);
  });
});
