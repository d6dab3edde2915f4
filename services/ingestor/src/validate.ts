import type { RegistryIndex } from '@lingtan/domain';
import { QUANTITIES, isQuantityName, parseTelemetryPayload, parseTelemetryTopic, quantityBelongsTo } from '@lingtan/schema';
import type { DeviceReading, Meter, Registry, RejectCode, TelemetryAddress } from '@lingtan/schema';
import type { TelemetryPoint } from '@lingtan/store';

/** How far a device clock may be from the receive time before a reading is refused. */
export interface TimeWindow {
  readonly maxFutureMs: number;
  readonly maxPastMs: number;
}

/** Why a message, or one reading of it (`readingIndex`), was refused. */
export interface Rejection {
  readonly code: RejectCode;
  readonly detail: string;
  readonly path?: string;
  readonly readingIndex?: number;
}

/** What one MQTT message yields: the points to store and the rejections to dead-letter. */
export interface MessageOutcome {
  readonly park: string | undefined;
  readonly address: TelemetryAddress | undefined;
  readonly points: TelemetryPoint[];
  readonly rejections: Rejection[];
}

/**
 * Validate one telemetry message against the wire contract and the registry. Message-level
 * faults (topic, payload, unknown meter) refuse the whole message; reading-level faults
 * (time window, quantity, range) refuse that reading and keep the rest of the batch.
 */
export function validateTelemetry(
  topic: string,
  payload: Uint8Array,
  registry: RegistryIndex,
  receivedAtMs: number,
  window: TimeWindow,
): MessageOutcome {
  const checked = checkTopicCached(topic, registry);
  if (!checked.ok) return refuse(checked.park, checked.address, checked.rejection);
  const { address, meter } = checked;
  const park = address.park;
  const parsed = parseTelemetryPayload(payload);
  if (!parsed.ok) {
    const { code, detail, path } = parsed;
    return refuse(park, address, path === undefined ? { code, detail } : { code, detail, path });
  }
  const points: TelemetryPoint[] = [];
  const rejections: Rejection[] = [];
  parsed.readings.forEach((reading, index) => {
    const problem = checkReading(reading, meter, receivedAtMs, window);
    if (problem === undefined) {
      points.push({ park, enterprise: meter.enterprise, meter: meter.id, carrier: meter.carrier, tsMs: reading.tsMs, values: reading.values });
    } else {
      rejections.push(parsed.readings.length > 1 ? { ...problem, readingIndex: index } : problem);
    }
  });
  return { park, address, points, rejections };
}

type TopicCheck =
  | { readonly ok: true; readonly address: TelemetryAddress; readonly meter: Meter }
  | { readonly ok: false; readonly park: string | undefined; readonly address: TelemetryAddress | undefined; readonly rejection: Rejection };

/**
 * Topic checks by registry content: a meter publishes on one topic, so each is parsed and
 * looked up once. Keyed by the `Registry` object, not the index: a live registry keeps its
 * index object and swaps the content, and a check made against the old content (an
 * unknown meter since added) must not outlive it.
 */
const topicChecks = new WeakMap<Registry, Map<string, TopicCheck>>();
const MAX_CACHED_TOPICS = 100_000;

function checkTopicCached(topic: string, registry: RegistryIndex): TopicCheck {
  let cache = topicChecks.get(registry.registry);
  if (cache === undefined) {
    cache = new Map();
    topicChecks.set(registry.registry, cache);
  }
  let check = cache.get(topic);
  if (check === undefined) {
    check = checkTopic(topic, registry);
    // Garbage topics could grow the cache without bound: start over past the limit.
    if (cache.size >= MAX_CACHED_TOPICS) cache.clear();
    cache.set(topic, check);
  }
  return check;
}

function checkTopic(topic: string, registry: RegistryIndex): TopicCheck {
  const parsedTopic = parseTelemetryTopic(topic);
  if (!parsedTopic.ok) return { ok: false, park: parsedTopic.park, address: undefined, rejection: { code: 'topic_invalid', detail: parsedTopic.detail } };
  const address = parsedTopic.address;
  const refused = (rejection: Rejection): TopicCheck => ({ ok: false, park: address.park, address, rejection });
  if (address.park !== registry.parkId) {
    return refused({ code: 'unknown_park', detail: `park "${address.park}" is not this registry's park "${registry.parkId}"` });
  }
  const meter = registry.meter(address.meter);
  if (meter === undefined) return refused({ code: 'unknown_meter', detail: `meter "${address.meter}" is not in the registry` });
  if (meter.enterprise !== address.enterprise) {
    return refused({ code: 'meter_enterprise_mismatch', detail: `meter "${meter.id}" belongs to "${meter.enterprise}", not "${address.enterprise}"` });
  }
  return { ok: true, address, meter };
}

function refuse(park: string | undefined, address: TelemetryAddress | undefined, rejection: Rejection): MessageOutcome {
  return { park, address, points: [], rejections: [rejection] };
}

function checkReading(reading: DeviceReading, meter: Meter, receivedAtMs: number, window: TimeWindow): Rejection | undefined {
  const aheadMs = reading.tsMs - receivedAtMs;
  if (aheadMs > window.maxFutureMs) {
    return { code: 'timestamp_out_of_window', detail: `ts is ${Math.round(aheadMs / 1000)} s ahead of the receive time (at most ${window.maxFutureMs / 1000} s)`, path: 'ts' };
  }
  if (-aheadMs > window.maxPastMs) {
    return { code: 'timestamp_out_of_window', detail: `ts is ${Math.round(-aheadMs / 1000)} s behind the receive time (at most ${window.maxPastMs / 1000} s)`, path: 'ts' };
  }
  // Paths are built only for a refusal: this loop runs for every value the ingestor takes.
  for (const name in reading.values) {
    const value = reading.values[name]!;
    if (!isQuantityName(name)) return { code: 'unknown_quantity', detail: `"${name}" is not a known quantity`, path: `values.${name}` };
    if (!quantityBelongsTo(meter.carrier, name)) {
      return { code: 'quantity_not_for_carrier', detail: `"${name}" is not a quantity of a ${meter.carrier} meter`, path: `values.${name}` };
    }
    const def = QUANTITIES[name];
    if (value < def.min || value > def.max) {
      return { code: 'value_out_of_range', detail: `${name} = ${value} ${def.unit} is outside ${def.min} .. ${def.max}`, path: `values.${name}` };
    }
  }
  return undefined;
}
