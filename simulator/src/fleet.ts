import type { Meter, Registry } from '@lingtan/schema';
import { telemetryTopic } from '@lingtan/schema';
import { createMeterModel } from './meter-model.js';
import type { MeterModel } from './meter-model.js';
import { MinHeap } from './min-heap.js';

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
  /** How each meter's readings are made (default: the registry-only model of meter-model.ts; a scenario passes its own). */
  readonly createModel?: (meter: Meter, seed: number) => MeterModel;
}

/** One telemetry message, ready to publish. */
export interface FleetMessage {
  readonly topic: string;
  readonly meter: Meter;
  readonly tsMs: number;
  readonly seq: number;
  readonly values: Record<string, number>;
}

interface HourCache {
  readonly format: Intl.DateTimeFormat;
  minute: number;
  hour: number;
}
const hourCaches = new Map<string, HourCache>();

/** Hours since local midnight in `timeZone`, e.g. 9.5 for 09:30. */
export function localHour(tsMs: number, timeZone: string): number {
  let cache = hourCaches.get(timeZone);
  if (cache === undefined) {
    const format = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    cache = { format, minute: Number.NaN, hour: 0 };
    hourCaches.set(timeZone, cache);
  }
  // Every IANA offset is a whole number of minutes, so the answer only changes once a
  // minute; formatToParts costs microseconds, which a load run of 50k readings/s notices.
  const minute = Math.floor(tsMs / 60_000);
  if (minute !== cache.minute) {
    const parts = cache.format.formatToParts(tsMs);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    cache.minute = minute;
    cache.hour = get('hour') + get('minute') / 60;
  }
  return cache.hour;
}

/** One meter's place in the stream: its model and when its next reading is due. */
interface Due {
  readonly model: MeterModel;
  /** Registry position: breaks ties between meters due at the same device time. */
  readonly index: number;
  readonly intervalMs: number;
  readonly topic: string;
  next: number;
  seq: number;
}

const dueBefore = (a: Due, b: Due) => a.next < b.next || (a.next === b.next && a.index < b.index);

function selectMeters(plan: FleetPlan): Meter[] {
  const wanted = plan.meterIds === undefined ? undefined : new Set(plan.meterIds);
  const meters = plan.registry.meters.filter((m) => wanted === undefined || wanted.has(m.id));
  if (wanted !== undefined && meters.length !== wanted.size) {
    const known = new Set(meters.map((m) => m.id));
    throw new Error(`meters not in the registry: ${[...wanted].filter((id) => !known.has(id)).join(', ')}`);
  }
  return meters;
}

/**
 * The fleet's messages in device-time order (ties in registry order). Deterministic: the
 * same plan gives the same messages, byte for byte.
 */
export function* fleetMessages(plan: FleetPlan): Generator<FleetMessage> {
  const park = plan.registry.park;
  const heap = new MinHeap<Due>(dueBefore);
  const createModel = plan.createModel ?? createMeterModel;
  selectMeters(plan).forEach((meter, index) => {
    const topic = telemetryTopic({ park: park.id, enterprise: meter.enterprise, meter: meter.id });
    heap.push({ model: createModel(meter, plan.seed), index, intervalMs: plan.intervalMs ?? meter.interval_s * 1000, topic, next: plan.startMs, seq: 0 });
  });
  if (plan.ticks <= 0) return;
  for (let due = heap.peek(); due !== undefined; due = heap.peek()) {
    const tsMs = due.next;
    const dtS = due.seq === 0 ? 0 : due.intervalMs / 1000;
    const message = { topic: due.topic, meter: due.model.meter, tsMs, seq: due.seq, values: due.model.read(tsMs, localHour(tsMs, park.timezone), dtS) };
    due.seq++;
    due.next += due.intervalMs;
    if (due.seq < plan.ticks) heap.replaceTop(due);
    else heap.pop();
    yield message;
  }
}

/** The wire payload of a message: `{"ts", "seq", "values"}`. */
export function payloadOf(message: FleetMessage): string {
  return JSON.stringify({ ts: message.tsMs, seq: message.seq, values: message.values });
}
