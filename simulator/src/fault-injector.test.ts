import { parseTelemetryPayload, parseTelemetryTopic } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import type { FaultEvent } from './fault-injector.js';
import { checkFaultMeters, injectFaults } from './fault-injector.js';
import { parseFaults } from './fault-spec.js';
import { fleetMessages, payloadOf } from './fleet.js';
import { syntheticRegistry } from './generate-registry.js';

const registry = syntheticRegistry({ enterprises: 2, metersPerEnterprise: 4, intervalS: 60 });
const START = Date.UTC(2026, 10, 22, 0, 0, 0);
const fleet = (ticks = 120) => fleetMessages({ registry, startMs: START, ticks, seed: 4 });
const main = registry.meters[0]!.id; // an electricity main meter

function run(faults: unknown[], seed = 1, ticks = 120) {
  const events: FaultEvent[] = [];
  const messages = [...injectFaults(fleet(ticks), parseFaults({ faults }, 'test'), { seed, onFault: (e) => events.push(e) })];
  const readings = messages.map((m) => {
    const parsed = parseTelemetryPayload(Buffer.from(m.payload));
    const address = parseTelemetryTopic(m.topic);
    return { meter: address.ok ? address.address.meter : '?', payload: m.payload.toString(), reading: parsed.ok ? parsed.readings[0] : undefined, rejected: parsed.ok ? undefined : parsed.code };
  });
  return { messages, readings, events, of: (meter: string) => readings.filter((r) => r.meter === meter) };
}

describe('injectFaults', () => {
  it('changes nothing without faults: the fleet payloads, byte for byte', () => {
    expect(run([]).messages.map((m) => m.payload)).toEqual([...fleet()].map(payloadOf));
  });

  it('is deterministic for a seed, and another seed drops other readings', () => {
    const faults = [{ kind: 'dropout', rate: 0.1 }];
    expect(run(faults, 1).messages).toEqual(run(faults, 1).messages);
    expect(run(faults, 1).events).not.toEqual(run(faults, 2).events);
  });

  it('logs exactly the readings it drops', () => {
    const { readings, events } = run([{ kind: 'dropout', rate: 0.1 }]);
    const sent = new Set(readings.map((r) => `${r.meter}/${r.reading!.seq}`));
    const all = [...fleet()].map((m) => `${m.meter.id}/${m.seq}`);
    const dropped = all.filter((key) => !sent.has(key));
    expect(dropped.length).toBeGreaterThan(40); // ~10% of 960
    expect(events.map((e) => `${e.meter}/${e.seq}`)).toEqual(dropped);
  });

  it('takes one meter out for a scheduled outage and leaves the others alone', () => {
    const { of, events } = run([{ kind: 'outage', meters: [main], at: [START + 30 * 60_000], duration_s: 600 }]);
    const times = of(main).map((r) => r.reading!.tsMs);
    expect(times.filter((t) => t >= START + 30 * 60_000 && t < START + 40 * 60_000)).toEqual([]);
    expect(times).toHaveLength(110);
    expect(events).toHaveLength(10);
    expect(of(registry.meters[1]!.id)).toHaveLength(120);
  });

  it('duplicates, reorders and re-stamps readings, and logs each', () => {
    const dup = run([{ kind: 'duplicate', meters: [main], at: [START + 60_000] }]);
    expect(dup.of(main).map((r) => r.reading!.seq).slice(0, 4)).toEqual([0, 1, 1, 2]);
    const late = run([{ kind: 'out_of_order', meters: [main], at: [START + 60_000] }]);
    expect(late.of(main).map((r) => r.reading!.seq).slice(0, 4)).toEqual([0, 2, 1, 3]);
    const skew = run([{ kind: 'clock_skew', meters: [main], from: START + 60_000, to: START + 180_000, skew_ms: -7_200_000 }]);
    expect(skew.of(main).map((r) => r.reading!.tsMs - START).slice(0, 4)).toEqual([0, 60_000 - 7_200_000, 120_000 - 7_200_000, 180_000]);
    expect([dup, late, skew].map((r) => r.events.map((e) => [e.kind, e.seq]))).toEqual([[['duplicate', 1]], [['out_of_order', 1]], [['clock_skew', 1], ['clock_skew', 2]]]);
  });

  it('resets registers to zero, and a replaced meter restarts its sequence too', () => {
    const reset = run([{ kind: 'register_reset', meters: [main], at: [START + 10 * 60_000] }]);
    const energy = reset.of(main).map((r) => r.reading!.values.energy_import_kwh!);
    expect(energy[9]).toBeGreaterThan(1000);
    expect(energy[10]).toBe(0);
    expect(energy[11]).toBeGreaterThan(0);
    expect(energy[11]).toBeLessThan(1000);
    const replaced = run([{ kind: 'meter_replacement', meters: [main], at: [START + 10 * 60_000] }]);
    expect(replaced.of(main).map((r) => r.reading!.seq).slice(8, 13)).toEqual([8, 9, 0, 1, 2]);
    expect(replaced.events.map((e) => e.kind)).toEqual(['meter_replacement']);
  });

  it('wraps registers at the modulus and logs each wrap', () => {
    const { of, events } = run([{ kind: 'rollover', meters: [main], modulus: 100 }]);
    const energy = of(main).map((r) => r.reading!.values.energy_import_kwh!);
    expect(Math.max(...energy)).toBeLessThan(100);
    const wraps = energy.flatMap((value, i) => (i > 0 && value < energy[i - 1]! ? [i] : []));
    expect(wraps.length).toBeGreaterThan(0);
    expect(events.filter((e) => e.detail?.quantity === 'energy_import_kwh').map((e) => e.seq)).toEqual(wraps);
  });

  it('holds values stuck for the duration and spikes an instant quantity', () => {
    const stuck = run([{ kind: 'stuck', meters: [main], at: [START + 5 * 60_000], duration_s: 300 }]);
    const values = stuck.of(main).map((r) => JSON.stringify(r.reading!.values));
    expect(new Set(values.slice(5, 10)).size).toBe(1);
    expect(values[10]).not.toBe(values[9]);
    const spike = run([{ kind: 'spike', meters: [main], at: [START + 5 * 60_000], factor: 1000 }]);
    const power = (r: ReturnType<typeof run>) => r.of(main)[5]!.reading!.values.power_kw!;
    expect(power(spike) / power(run([]))).toBeCloseTo(1000, 2);
    expect(spike.events[0]).toMatchObject({ kind: 'spike', detail: { quantity: 'power_kw', factor: 1000 } });
  });

  it('sends malformed, oversized and unknown-meter messages that the wire contract refuses, with the code it refuses them with', () => {
    const { readings, events } = run([
      { kind: 'malformed', meters: [main], at: [START + 60_000] },
      { kind: 'oversized', meters: [main], at: [START + 120_000] },
      { kind: 'unknown_meter', meters: [main], at: [START + 180_000] },
    ]);
    expect(readings.filter((r) => r.rejected !== undefined).map((r) => r.rejected)).toEqual(['payload_not_json', 'payload_too_large']);
    expect(readings.find((r) => r.rejected === 'payload_too_large')!.payload).toHaveLength(64 * 1024 + 1024);
    const ghost = readings.find((r) => r.meter.startsWith('ghost-'))!;
    expect(registry.meters.some((m) => m.id === ghost.meter)).toBe(false);
    expect(events.map((e) => [e.kind, e.rejectCode, e.meter])).toEqual([
      ['malformed', 'payload_not_json', main],
      ['oversized', 'payload_too_large', main],
      ['unknown_meter', 'unknown_meter', ghost.meter],
    ]);
  });
});

describe('fault specs', () => {
  it('name the bad path and what was expected', () => {
    expect(() => parseFaults({ faults: [{ kind: 'gremlins', rate: 0.1 }] }, 'faults.yaml')).toThrow(/faults\.yaml:\n {2}faults\.0\.kind: Invalid option/);
    expect(() => parseFaults({ faults: [{ kind: 'dropout' }] }, 'f')).toThrow(/faults\.0\.kind: dropout: give exactly one of rate, at, or from and to/);
    expect(() => parseFaults({ faults: [{ kind: 'stuck', rate: 0.1 }] }, 'f')).toThrow(/faults\.0\.duration_s: stuck lasts a while/);
    expect(() => parseFaults({ faults: [{ kind: 'spike', at: ['09:00'] }] }, 'f')).toThrow(/faults\.0\.at\.0: .*RFC 3339/);
    expect(() => checkFaultMeters(parseFaults({ faults: [{ kind: 'dropout', rate: 1, meters: ['nope'] }] }, 'f'), registry)).toThrow('faults.0.meters: not in the registry: nope');
  });
});
