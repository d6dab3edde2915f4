import type { MeterCounterState, RegistryIndex } from '@lingtan/domain';
import { DEFAULT_GAP_FACTOR, registerConfigs, stepMeter } from '@lingtan/domain';
import { DELTA_SUFFIX, MAX_NORMALIZED_BATCH } from '@lingtan/schema';
import type { CounterMark, NormalizedBatch, NormalizedReading } from '@lingtan/schema';
import type { TelemetryPoint } from '@lingtan/store';
import type { SpoolRecord } from './drainer.js';

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
      for (const point of record.p) {
        park = point.park;
        const step = stepMeter(this.states.get(point.meter), point.tsMs, point.values, this.configFor(point.meter));
        this.states.set(point.meter, step.next);
        const deltaFields = Object.fromEntries(Object.entries(step.deltas).map(([q, d]) => [`${q}${DELTA_SUFFIX}`, d]));
        points.push(Object.keys(deltaFields).length === 0 ? point : { ...point, values: { ...point.values, ...deltaFields } });
        const unusual = Object.entries(step.marks).filter(([, mark]) => mark !== 'normal');
        for (const [, mark] of unusual) marks.set(mark, (marks.get(mark) ?? 0) + 1);
        const reading: NormalizedReading = {
          m: point.meter,
          c: point.carrier,
          ts: point.tsMs,
          rx: record.r,
          v: point.values,
          ...(Object.keys(step.deltas).length === 0 ? {} : { d: step.deltas }),
          ...(unusual.length === 0 ? {} : { k: Object.fromEntries(unusual) }),
        };
        const list = byEnterprise.get(point.enterprise) ?? [];
        list.push(reading);
        byEnterprise.set(point.enterprise, list);
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
