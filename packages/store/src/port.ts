import type { AlertEvent, Carrier } from '@lingtan/schema';
import type { AggregatePoint, AggregateQuery } from './aggregate.js';

/**
 * One stored reading: measurement `telemetry`, tags park/enterprise/meter/carrier, one field
 * per quantity (names as on the wire), timestamp = the device's ts at millisecond precision.
 */
export interface TelemetryPoint {
  readonly park: string;
  readonly enterprise: string;
  readonly meter: string;
  readonly carrier: Carrier;
  /** Device timestamp, epoch ms. */
  readonly tsMs: number;
  readonly values: Readonly<Record<string, number>>;
}

/** Which points to read back: one park, optionally narrowed, over [fromMs, toMs). */
export interface TelemetryQuery {
  readonly park: string;
  readonly enterprise?: string;
  readonly meter?: string;
  readonly fromMs: number;
  readonly toMs: number;
  /** Most points to return, oldest first. */
  readonly limit?: number;
}

/** The newest point of each meter of a park, optionally narrowed, no older than `sinceMs`. */
export interface LatestQuery {
  readonly park: string;
  readonly enterprise?: string;
  readonly meter?: string;
  /** Ignore points older than this (epoch ms); default: all history. */
  readonly sinceMs?: number;
}

/**
 * Alert lifecycle events of a park over [fromMs, toMs) by event time (`atMs`), optionally
 * for one owner (an enterprise's alerts, or the park's own), newest last.
 */
export interface AlertEventQuery {
  readonly park: string;
  readonly owner?: { readonly scope: 'enterprise' | 'park'; readonly id: string };
  readonly alertId?: string;
  readonly fromMs: number;
  readonly toMs: number;
  readonly limit?: number;
}

/**
 * The time-series store port. Writing the same point (same tags and ts) twice leaves one
 * point whose fields are the union, later values winning: InfluxDB's series+time identity.
 */
export interface TimeSeriesStore {
  /** Create what the store needs (database, tables). Safe to call again. */
  init(): Promise<void>;
  /** Write points; resolves once they are durable in the store. Rejects with a StoreError. */
  write(points: readonly TelemetryPoint[]): Promise<void>;
  /** Points matching the query, ordered by time then meter. */
  query(query: TelemetryQuery): Promise<TelemetryPoint[]>;
  /**
   * Per-meter aggregates in local-time buckets (15 min, hour, day): sums of interval deltas,
   * mean and maximum power. Read from materialized rollups where the store keeps them
   * (InfluxDB with a lifecycle), else computed from the raw points.
   */
  queryAggregates(query: AggregateQuery): Promise<AggregatePoint[]>;
  /** Recompute materialized rollups over [fromMs, toMs) (after a backfill or late data); a no-op where rollups are computed on read. */
  refreshRollups(fromMs: number, toMs: number): Promise<void>;
  /** The newest stored point per meter (all its fields at that time), ordered by meter. */
  latest(query: LatestQuery): Promise<TelemetryPoint[]>;
  /**
   * Store alert lifecycle events (measurement `alert_events`). An event is identified by its
   * `eventId`: writing it twice leaves one.
   */
  writeAlertEvents(events: readonly AlertEvent[]): Promise<void>;
  /** Alert events matching the query, ordered by `atMs` then `eventId`. */
  queryAlertEvents(query: AlertEventQuery): Promise<AlertEvent[]>;
  /** Resolves when the store answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A failed store call; `retriable` says whether trying again may help (down, timeout, 5xx). */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    message: string,
    readonly code: 'store_unavailable' | 'store_rejected' | 'store_timeout',
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
