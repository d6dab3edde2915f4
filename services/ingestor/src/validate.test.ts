import { createLiveRegistry, indexRegistry } from '@lingtan/domain';
import { registrySchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { validateTelemetry } from './validate.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'yc-binhai', name: '滨海港零碳产业园' },
    enterprises: [{ id: 'ent-steel', name: '联鑫钢铁' }, { id: 'ent-chem', name: '化工' }],
    meters: [
      { id: 'm-steel-main', enterprise: 'ent-steel', carrier: 'electricity', interval_s: 15 },
      { id: 'm-chem-gas', enterprise: 'ent-chem', carrier: 'gas' },
    ],
  }),
);
const NOW = Date.UTC(2026, 10, 22, 1, 0, 0);
const WINDOW = { maxFutureMs: 300_000, maxPastMs: 86_400_000 };
const TOPIC = 'ems/v1/yc-binhai/ent-steel/m-steel-main/telemetry';
const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const validate = (topic: string, payload: unknown) => validateTelemetry(topic, typeof payload === 'string' ? Buffer.from(payload) : json(payload), registry, NOW, WINDOW);

describe('validateTelemetry', () => {
  it('turns a valid reading into a point tagged from the registry', () => {
    const outcome = validate(TOPIC, { ts: NOW - 1000, values: { power_kw: 120.5, energy_import_kwh: 123456.78 } });
    expect(outcome.rejections).toEqual([]);
    expect(outcome.points).toEqual([
      { park: 'yc-binhai', enterprise: 'ent-steel', meter: 'm-steel-main', carrier: 'electricity', tsMs: NOW - 1000, values: { power_kw: 120.5, energy_import_kwh: 123456.78 } },
    ]);
  });

  it.each([
    ['topic_invalid', 'ems/v1/yc-binhai/ent-steel/telemetry', { ts: NOW, values: { power_kw: 1 } }],
    ['unknown_park', 'ems/v1/other-park/ent-steel/m-steel-main/telemetry', { ts: NOW, values: { power_kw: 1 } }],
    ['unknown_meter', 'ems/v1/yc-binhai/ent-steel/m-ghost/telemetry', { ts: NOW, values: { power_kw: 1 } }],
    ['meter_enterprise_mismatch', 'ems/v1/yc-binhai/ent-chem/m-steel-main/telemetry', { ts: NOW, values: { power_kw: 1 } }],
    ['payload_not_json', TOPIC, 'not json'],
    ['unknown_quantity', TOPIC, { ts: NOW, values: { power_mw: 1 } }],
    ['quantity_not_for_carrier', TOPIC, { ts: NOW, values: { gas_volume_nm3: 1 } }],
    // 120 500 kW sent as W: 1.2e8 is above the 1e7 kW plausibility bound.
    ['value_out_of_range', TOPIC, { ts: NOW, values: { power_kw: 1.205e8 } }],
    ['value_out_of_range', TOPIC, { ts: NOW, values: { power_factor: 95 } }],
    ['timestamp_out_of_window', TOPIC, { ts: NOW + 301_000, values: { power_kw: 1 } }],
    ['timestamp_out_of_window', TOPIC, { ts: NOW - 86_401_000, values: { power_kw: 1 } }],
  ] as const)('refuses %s', (code, topic, payload) => {
    const outcome = validate(topic, payload);
    expect(outcome.points).toEqual([]);
    expect(outcome.rejections).toHaveLength(1);
    expect(outcome.rejections[0]?.code).toBe(code);
    expect(outcome.rejections[0]?.detail).not.toBe('');
  });

  it('keeps the valid readings of a batch and refuses only the bad one, by index', () => {
    const outcome = validate(TOPIC, {
      readings: [
        { ts: NOW - 2000, values: { power_kw: 1 } },
        { ts: NOW - 1000, values: { power_kw: 2, soc_pct: 50 } },
        { ts: NOW, values: { power_kw: 3 } },
      ],
    });
    expect(outcome.points.map((p) => p.values.power_kw)).toEqual([1, 3]);
    expect(outcome.rejections).toEqual([{ code: 'quantity_not_for_carrier', detail: expect.any(String) as unknown, path: 'values.soc_pct', readingIndex: 1 }]);
  });

  it('names the park of a message it refuses, for the dead-letter topic', () => {
    expect(validate('ems/v1/yc-binhai/ent-steel/m-ghost/telemetry', {}).park).toBe('yc-binhai');
    expect(validate('garbage', {}).park).toBeUndefined();
  });
});

describe('validateTelemetry with a live registry', () => {
  it('follows a change: a meter added is accepted, a meter removed is unknown (no stale topic check)', () => {
    const live = createLiveRegistry(registry.registry);
    const ghost = 'ems/v1/yc-binhai/ent-steel/m-ghost/telemetry';
    const reading = json({ ts: NOW, values: { power_kw: 1 } });
    expect(validateTelemetry(ghost, reading, live, NOW, WINDOW).rejections.map((r) => r.code)).toEqual(['unknown_meter']);
    expect(validateTelemetry(TOPIC, reading, live, NOW, WINDOW).points).toHaveLength(1);
    const meters = registry.registry.meters.filter((m) => m.id !== 'm-steel-main');
    live.replace(registrySchema.parse({ ...registry.registry, meters: [...meters, { id: 'm-ghost', enterprise: 'ent-steel', carrier: 'electricity', interval_s: 15 }] }));
    expect(validateTelemetry(ghost, reading, live, NOW, WINDOW).points).toHaveLength(1);
    expect(validateTelemetry(TOPIC, reading, live, NOW, WINDOW).rejections.map((r) => r.code)).toEqual(['unknown_meter']);
  });
});
