import type { IdChanges, MeterCounterState, RegistryIndex } from '@lingtan/domain';
import { DEFAULT_GAP_FACTOR, registerConfigs, stepMeter } from '@lingtan/domain';
import { DELTA_SUFFIX, MAX_NORMALIZED_BATCH } from '@lingtan/schema';
import type { CounterMark, NormalizedBatch, NormalizedReading } from '@lingtan/schema';
import type { TelemetryPoint } from '@lingtan/store';
import type { SpoolRecord } from './drainer.js';

/** `energy_import_kwh` -> `energy_import_kwh_delta`, built once per quantity rather than per reading. */
const deltaFields = new Map<string, string>();
function deltaField(quantity: string): string {
  let field = deltaFields.get(quantity);
  if (field === undefined) {
    field = `${quantity}${DELTA_SUFFIX}`;
    deltaFields.set(quantity, field);
  }
  return field;
}

/** What a drained batch becomes: points to store (raw values and deltas) and stream batches. */
export interface NormalizedOutput {
  readonly points: TelemetryPoint[];
  readonly batches: NormalizedBatch[];
  /** How often each non-normal mark occurred, for metrics. */
  readonly marks: ReadonlyMap<CounterMark, number>;
}

/**
 * Turns spooled readings into interval deltas per cumulative register, in spool order, with
 * per-meter register state that is saved with each spool checkpoint (so a replay after a
 * crash computes the same deltas). Deltas are stored beside the raw values as
 * `{quantity}_delta` fields; marks other than `normal` go on the normalized stream.
 */
export class Normalizer {
  private readonly states = new Map<string, MeterCounterState>();
  private readonly configs = new Map<string, ReturnType<typeof registerConfigs>>();

  constructor(private readonly registry: RegistryIndex, saved?: unknown) {
    if (saved !== null && typeof saved === 'object') {
      for (const [meter, state] of Object.entries(saved as Record<string, MeterCounterState>)) this.states.set(meter, state);
    }
  }

  /**
   * Follow a registry change: a changed meter (a replacement event added, a new
   * `rollover_max` or interval) gets its counter settings read again for its next reading,
   * and a removed meter's register state is dropped (a meter registered again later under
   * the same id starts afresh, with a `first` reading). Called between two `process` calls,
   * so readings are normalized either wholly before or wholly after it, in spool order.
   */
  registryChanged(meters: IdChanges): void {
    // Added too: readings spooled while a meter was unknown were normalized with defaults.
    for (const id of [...meters.added, ...meters.changed]) this.configs.delete(id);
    for (const id of meters.removed) {
      this.configs.delete(id);
      this.states.delete(id);
    }
  }

  /** The register state to save with the checkpoint. */
  snapshot(): Record<string, MeterCounterState> {
    return Object.fromEntries(this.states);
  }

  process(records: readonly SpoolRecord[]): NormalizedOutput {
    const points: TelemetryPoint[] = [];
    const byEnterprise = new Map<string, NormalizedReading[]>();
    const marks = new Map<CounterMark, number>();
    let park = this.registry.parkId;
    for (const record of records) {
      park = record.k;
      let readings = byEnterprise.get(record.e);
      if (readings === undefined) {
        readings = [];
        byEnterprise.set(record.e, readings);
      }
      const config = this.configFor(record.m);
      for (const [tsMs, values] of record.p) {
        const step = stepMeter(this.states.get(record.m), tsMs, values, config);
        this.states.set(record.m, step.next);
        const stored: Record<string, number> = {};
        for (const name in values) stored[name] = values[name]!;
        let hasDelta = false;
        for (const quantity in step.deltas) {
          stored[deltaField(quantity)] = step.deltas[quantity]!;
          hasDelta = true;
        }
        points.push({ park: record.k, enterprise: record.e, meter: record.m, carrier: record.c, tsMs, values: stored });
        let unusual: Record<string, CounterMark> | undefined;
        for (const quantity in step.marks) {
          const mark = step.marks[quantity]!;
          if (mark === 'normal') continue;
          (unusual ??= {})[quantity] = mark;
          marks.set(mark, (marks.get(mark) ?? 0) + 1);
        }
        const reading: NormalizedReading = { m: record.m, c: record.c, ts: tsMs, rx: record.r, v: values };
        if (hasDelta) reading.d = step.deltas;
        if (unusual !== undefined) reading.k = unusual;
        readings.push(reading);
      }
    }
    const batches: NormalizedBatch[] = [];
    for (const [enterprise, readings] of byEnterprise) {
      for (let i = 0; i < readings.length; i += MAX_NORMALIZED_BATCH) {
        batches.push({ v: 1, park, enterprise, readings: readings.slice(i, i + MAX_NORMALIZED_BATCH) });
      }
    }
    return { points, batches, marks };
  }

  private configFor(meterId: string): ReturnType<typeof registerConfigs> {
    let config = this.configs.get(meterId);
    if (config === undefined) {
      const meter = this.registry.meter(meterId);
      // A meter removed from the registry after its readings were spooled: plain defaults.
      config = meter === undefined ? () => ({ intervalMs: 60_000, gapFactor: DEFAULT_GAP_FACTOR }) : registerConfigs(meter);
      this.configs.set(meterId, config);
    }
    return config;
  }
}
