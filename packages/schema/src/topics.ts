import { isValidId } from './ids.js';

/** Field devices publish here with QoS 1: `ems/v1/{parkId}/{enterpriseId}/{meterId}/telemetry`. */
export const TELEMETRY_SUBSCRIPTION = 'ems/v1/+/+/+/telemetry';

/** Where a meter's telemetry lives. */
export interface TelemetryAddress {
  readonly park: string;
  readonly enterprise: string;
  readonly meter: string;
}

/** Build the telemetry topic of one meter. Throws on an invalid id (a programming error). */
export function telemetryTopic(address: TelemetryAddress): string {
  assertIds(address.park, address.enterprise, address.meter);
  return `ems/v1/${address.park}/${address.enterprise}/${address.meter}/telemetry`;
}

/** The outcome of parsing a topic: the address, or why it is not a telemetry topic. */
export type TopicParse =
  | { readonly ok: true; readonly address: TelemetryAddress }
  | { readonly ok: false; readonly detail: string; readonly park?: string };

/** Parse a telemetry topic; never throws. */
export function parseTelemetryTopic(topic: string): TopicParse {
  const parts = topic.split('/');
  const park = parts[2] !== undefined && isValidId(parts[2]) ? parts[2] : undefined;
  const withPark = (detail: string): TopicParse =>
    park === undefined ? { ok: false, detail } : { ok: false, detail, park };
  if (parts.length !== 6 || parts[0] !== 'ems' || parts[1] !== 'v1' || parts[5] !== 'telemetry') {
    return withPark('expected ems/v1/{parkId}/{enterpriseId}/{meterId}/telemetry');
  }
  const [, , p, enterprise, meter] = parts as [string, string, string, string, string, string];
  for (const [name, value] of [
    ['parkId', p],
    ['enterpriseId', enterprise],
    ['meterId', meter],
  ] as const) {
    if (!isValidId(value)) {
      return withPark(`${name} "${value.slice(0, 80)}" is not 1 to 64 letters, digits, "_" or "-"`);
    }
  }
  return { ok: true, address: { park: p, enterprise, meter } };
}

/** Normalized readings of one enterprise, published by the ingestor once durable. */
export function readingsTopic(park: string, enterprise: string): string {
  assertIds(park, enterprise);
  return `ems-int/v1/${park}/${enterprise}/readings`;
}

/** Rejected messages of a park, each with its reason. */
export function deadLetterTopic(park: string): string {
  assertIds(park);
  return `ems-int/v1/${park}/dead-letter`;
}

/** Alert lifecycle events of a park. */
export function alertsTopic(park: string): string {
  assertIds(park);
  return `ems-int/v1/${park}/alerts`;
}

/**
 * Acknowledgements and clears by hand, from the gateway to the rules service (which owns the
 * alert lifecycle and answers with alert events).
 */
export function alertCommandsTopic(park: string): string {
  assertIds(park);
  return `ems-int/v1/${park}/alert-commands`;
}

/**
 * Dead letters whose topic names no valid park go to this park id, so that a message with a
 * garbage topic is still visible to an operator.
 */
export const UNKNOWN_PARK = '_unknown';

function assertIds(...ids: string[]): void {
  for (const id of ids) {
    if (!isValidId(id)) throw new Error(`invalid id in topic: "${id}"`);
  }
}

/** Normalized readings of every enterprise of one park (the rules service's subscription). */
export function readingsSubscription(park: string): string {
  assertIds(park);
  return `ems-int/v1/${park}/+/readings`;
}
