import { indexRegistry } from '@lingtan/domain';
import type { RegistryIndex } from '@lingtan/domain';
import { registrySchema } from '@lingtan/schema';
import type { AlertEvent, NormalizedBatch, NormalizedReading } from '@lingtan/schema';

/**
 * A small park for the live feed's tests: a transformer (the incomer) feeding enterprises A
 * and B, the park's PV, battery and CHP heat, and one meter that never reports.
 */
export function smallPark(accounting?: Record<string, unknown>): RegistryIndex {
  return indexRegistry(
    registrySchema.parse({
      park: { id: 'p1', name: '测试园区', timezone: 'Asia/Shanghai', province: '江苏', ...(accounting === undefined ? {} : { accounting }) },
      enterprises: [
        { id: 'ops', name: '运营' },
        { id: 'ent-a', name: 'A 公司', industry: 'steel' },
        { id: 'ent-b', name: 'B 公司' },
      ],
      meters: [
        { id: 'tx', enterprise: 'ops', carrier: 'distribution', role: 'equipment', interval_s: 15 },
        { id: 'pv', enterprise: 'ops', carrier: 'pv', role: 'generation', interval_s: 15 },
        { id: 'ess', enterprise: 'ops', carrier: 'storage', role: 'storage', interval_s: 15 },
        { id: 'chp', enterprise: 'ops', carrier: 'heat', role: 'generation', interval_s: 60 },
        { id: 'a-main', enterprise: 'ent-a', carrier: 'electricity', parent: 'tx', interval_s: 15 },
        { id: 'a-sub', enterprise: 'ent-a', carrier: 'electricity', role: 'sub', parent: 'a-main', interval_s: 15 },
        { id: 'a-gas', enterprise: 'ent-a', carrier: 'gas', interval_s: 60 },
        { id: 'a-out', enterprise: 'ent-a', carrier: 'production', interval_s: 900 },
        { id: 'b-main', enterprise: 'ent-b', carrier: 'electricity', parent: 'tx', interval_s: 15 },
        { id: 'b-heat', enterprise: 'ent-b', carrier: 'heat', role: 'sub', parent: 'chp', interval_s: 60 },
        { id: 'b-water', enterprise: 'ent-b', carrier: 'water', interval_s: 300 },
      ],
    }),
  );
}

/** One normalized reading; `rx` defaults to `ts`. */
export function reading(m: string, c: NormalizedReading['c'], ts: number, v: Record<string, number>, d?: Record<string, number>): NormalizedReading {
  return { m, c, ts, rx: ts, v, ...(d === undefined ? {} : { d }) };
}

/** A batch of the small park. */
export function batch(enterprise: string, readings: NormalizedReading[]): NormalizedBatch {
  return { v: 1, park: 'p1', enterprise, readings };
}

/**
 * The worked example at `ts`: A draws 400 kW (1000 kWh since its last reading; its sub-meter
 * 300 kW / 700 kWh is inside that) and burns 100 Nm3/h of gas (1000 Nm3), with 50,000 CNY of
 * output; B draws 200 kW (500 kWh) and 100 kW of heat (2 GJ); the transformer passes 650 kW,
 * PV makes 150 kW (300 kWh), the battery charges at 50 kW (100 kWh, SoC 60 %), the CHP sends 120 kW.
 */
export function workedBatches(ts: number): NormalizedBatch[] {
  return [
    batch('ent-a', [
      reading('a-main', 'electricity', ts, { power_kw: 400, energy_import_kwh: 51_000 }, { energy_import_kwh: 1000 }),
      reading('a-sub', 'electricity', ts, { power_kw: 300, energy_import_kwh: 20_700 }, { energy_import_kwh: 700 }),
      reading('a-gas', 'gas', ts, { gas_flow_nm3h: 100, gas_volume_nm3: 9000 }, { gas_volume_nm3: 1000 }),
      reading('a-out', 'production', ts, { output_value_cny: 1e6 }, { output_value_cny: 50_000 }),
    ]),
    batch('ent-b', [
      reading('b-main', 'electricity', ts, { power_kw: 200, energy_import_kwh: 8000 }, { energy_import_kwh: 500 }),
      reading('b-heat', 'heat', ts, { heat_power_kw: 100, heat_energy_gj: 40 }, { heat_energy_gj: 2 }),
    ]),
    batch('ops', [
      reading('tx', 'distribution', ts, { power_kw: 650 }),
      reading('pv', 'pv', ts, { power_kw: 150, energy_generated_kwh: 3000 }, { energy_generated_kwh: 300 }),
      reading('ess', 'storage', ts, { power_kw: -50, soc_pct: 60, energy_charged_kwh: 900 }, { energy_charged_kwh: 100 }),
      reading('chp', 'heat', ts, { heat_power_kw: 120 }),
    ]),
  ];
}

/** An alert lifecycle event of the small park owned by `enterprise`. */
export function alertEvent(alertId: string, enterprise: string, atMs: number, over: Partial<AlertEvent> = {}): AlertEvent {
  return {
    v: 1,
    eventId: `${alertId}:${atMs}`,
    type: 'raised',
    atMs,
    alertId,
    key: `r1:${alertId}`,
    ruleId: 'r1',
    kind: 'threshold',
    severity: 'major',
    park: 'p1',
    owner: { scope: 'enterprise', id: enterprise },
    meter: enterprise === 'ent-a' ? 'a-main' : 'b-main',
    state: 'active',
    firstSeenMs: atMs,
    lastSeenMs: atMs,
    occurrence: 1,
    count: 1,
    message: 'power above 380 kW',
    ...over,
  };
}
