import type { Meter, Registry } from '@lingtan/schema';
import { telemetryTopic } from '@lingtan/schema';
import { createMeterModel } from './meter-model.js';

/** What to simulate: which meters, from when, how often, how many readings each. */
export interface FleetPlan {
  readonly registry: Registry;
  /** Only these meters (default: every meter in the registry). */
  readonly meterIds?: readonly string[];
  /** Device time of the first reading, epoch ms. */
  readonly startMs: number;
  /** Device time between readings of one meter (default: each meter's interval_s). */
  readonly intervalMs?: number;
  /** Readings per meter. */
  readonly ticks: number;
  readonly seed: number;
}

/** One telemetry message, ready to publish. */
export interface FleetMessage {
  readonly topic: string;
  readonly meter: Meter;
  readonly tsMs: number;
  readonly seq: number;
  readonly values: Record<string, number>;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Hours since local midnight in `timeZone`, e.g. 9.5 for 09:30. */
export function localHour(tsMs: number, timeZone: string): number {
  let format = formats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, format);
  }
  const parts = format.formatToParts(tsMs);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') + get('minute') / 60;
}

/**
 * The fleet's messages in device-time order (ties in registry order). Deterministic: the
 * same plan gives the same messages, byte for byte.
 */
export function* fleetMessages(plan: FleetPlan): Generator<FleetMessage> {
  const wanted = plan.meterIds === undefined ? undefined : new Set(plan.meterIds);
  const meters = plan.registry.meters.filter((m) => wanted === undefined || wanted.has(m.id));
  if (wanted !== undefined && meters.length !== wanted.size) {
    const known = new Set(meters.map((m) => m.id));
    throw new Error(`meters not in the registry: ${[...wanted].filter((id) => !known.has(id)).join(', ')}`);
  }
  const models = meters.map((m) => ({ model: createMeterModel(m, plan.seed), intervalMs: plan.intervalMs ?? m.interval_s * 1000, next: plan.startMs, seq: 0 }));
  const park = plan.registry.park;
  for (;;) {
    let due: (typeof models)[number] | undefined;
    for (const m of models) if (m.seq < plan.ticks && (due === undefined || m.next < due.next)) due = m;
    if (due === undefined) return;
    const tsMs = due.next;
    const dtS = due.seq === 0 ? 0 : due.intervalMs / 1000;
    const meter = due.model.meter;
    yield {
      topic: telemetryTopic({ park: park.id, enterprise: meter.enterprise, meter: meter.id }),
      meter,
      tsMs,
      seq: due.seq,
      values: due.model.read(tsMs, localHour(tsMs, park.timezone), dtS),
    };
    due.seq++;
    due.next += due.intervalMs;
  }
}

/** The wire payload of a message: `{"ts", "seq", "values"}`. */
export function payloadOf(message: FleetMessage): string {
  return JSON.stringify({ ts: message.tsMs, seq: message.seq, values: message.values });
}
