import { z } from 'zod';
import { alertEventSchema, alertOwnerSchema } from './alerts.js';
import { carrierSchema } from './carriers.js';

// The time-series store served over HTTP+JSON (`LINGTAN_STORE=remote`): one POST route per
// port method, the body the method's arguments, the answer its result. Both ends parse with
// these schemas. Numbers on the wire are JSON numbers: NaN and Infinity cannot travel (JSON
// writes them as null), so a reading holding one is refused, as InfluxDB and DuckDB refuse it.

const text = z.string().min(1);
const ms = z.number();
const optionalText = text.optional();

/** A stored reading (the store's `TelemetryPoint`). */
export const storePointSchema = z.object({
  park: text,
  enterprise: text,
  meter: text,
  carrier: carrierSchema,
  tsMs: ms,
  values: z.record(z.string(), z.number()),
});

const telemetryQuery = { park: text, enterprise: optionalText, meter: optionalText, fromMs: ms, toMs: ms, limit: z.number().int().min(0).optional() };

/** The store's rollup resolutions (its `ROLLUP_RESOLUTIONS`). */
export const storeResolutionSchema = z.enum(['15m', '1h', '1d']);

/** One bucket of `queryAggregates` (the store's `AggregatePoint`). */
export const storeAggregateSchema = z.object({
  park: text,
  enterprise: text,
  meter: text,
  carrier: carrierSchema,
  startMs: ms,
  values: z.record(z.string(), z.number()),
});

const empty = z.object({}).strict();

/**
 * Request and response of every route, by path. `init` and `ping` carry nothing; `write`
 * answers once the points are durable in the host's store.
 */
export const STORE_WIRE = {
  '/v1/init': { request: empty, response: empty },
  '/v1/write': { request: z.object({ points: z.array(storePointSchema) }), response: empty },
  '/v1/query': { request: z.object(telemetryQuery), response: z.object({ points: z.array(storePointSchema) }) },
  '/v1/query-aggregates': {
    request: z.object({ ...telemetryQuery, resolution: storeResolutionSchema, timeZone: text }),
    response: z.object({ aggregates: z.array(storeAggregateSchema) }),
  },
  '/v1/refresh-rollups': { request: z.object({ fromMs: ms, toMs: ms }), response: empty },
  '/v1/latest': {
    request: z.object({ park: text, enterprise: optionalText, meter: optionalText, sinceMs: ms.optional() }),
    response: z.object({ points: z.array(storePointSchema) }),
  },
  '/v1/write-alert-events': { request: z.object({ events: z.array(alertEventSchema) }), response: empty },
  '/v1/query-alert-events': {
    request: z.object({ park: text, owner: alertOwnerSchema.optional(), alertId: optionalText, fromMs: ms, toMs: ms, limit: z.number().int().min(0).optional() }),
    response: z.object({ events: z.array(alertEventSchema) }),
  },
} as const;

/** A route of the store's HTTP API. */
export type StoreWireRoute = keyof typeof STORE_WIRE;

/** The body of every failed call: a StoreError as the host's store raised it. */
export const storeWireErrorSchema = z.object({
  error: z.object({
    code: z.enum(['store_unavailable', 'store_rejected', 'store_timeout']),
    message: z.string(),
    retriable: z.boolean(),
  }),
});
export type StoreWireError = z.infer<typeof storeWireErrorSchema>;
