import { alertEventSchema } from '@lingtan/schema';
import type { AlertEvent } from '@lingtan/schema';
import { StoreError } from './port.js';

/**
 * Order strings by UTF-16 code unit, as `<` does: the same order DuckDB's binary collation
 * gives for ids (all ASCII), unlike `localeCompare`, which puts "a" before "B".
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The port's order of alert events: by event time, then event id. */
export function compareAlertEvents(a: AlertEvent, b: AlertEvent): number {
  return a.atMs - b.atMs || compareText(a.eventId, b.eventId);
}

/**
 * Check a batch before anything is stored (all or nothing, as for readings), and keep the last
 * of events that share an id: a batch may repeat a redelivered event.
 */
export function writableAlertEvents(events: readonly AlertEvent[], adapter: string): AlertEvent[] {
  const byId = new Map<string, AlertEvent>();
  for (const event of events) {
    const parsed = alertEventSchema.safeParse(event);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StoreError(`${adapter} alert event write rejected: event ${String(event.eventId)}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), 'store_rejected', false);
    }
    byId.delete(parsed.data.eventId); // re-insert, so the map keeps the last one's position
    byId.set(parsed.data.eventId, parsed.data);
  }
  return [...byId.values()];
}

/** A stored event's JSON parsed back through the schema; undefined when it no longer parses. */
export function parseStoredAlertEvent(json: unknown): AlertEvent | undefined {
  if (typeof json !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = alertEventSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Reject a limit that is not a whole number of events, as the telemetry queries do. */
export function assertLimit(limit: number | undefined, adapter: string): void {
  if (limit !== undefined && !(Number.isSafeInteger(limit) && limit >= 0)) {
    throw new StoreError(`${adapter} query rejected: limit ${limit} is not a non-negative integer`, 'store_rejected', false);
  }
}
