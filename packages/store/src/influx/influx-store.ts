import { carrierSchema } from '@lingtan/schema';
import { compareText } from '../alert-events.js';
import type { TelemetryPoint, TelemetryQuery, TimeSeriesStore } from '../port.js';
import { StoreError } from '../port.js';
import type { InfluxConnection, InfluxSeries } from './influx-http.js';
import { InfluxHttp } from './influx-http.js';
import { identifier, selectLatest, selectTelemetry } from './influxql.js';
import { alertEventLines, queryAlertEvents } from './influx-alert-events.js';
import { ROLLUP_RP, installLifecycle, queryAggregates, refreshRollups } from './influx-rollups.js';
import type { InfluxLifecycle } from './influx-rollups.js';
import { toLineProtocol } from './line-protocol.js';

/** Lines per `/write` request; InfluxDB is cheapest with batches of thousands. */
const LINES_PER_WRITE = 10_000;
const TAG_COLUMNS = new Set(['time', 'park', 'enterprise', 'meter', 'carrier']);

/**
 * The InfluxDB adapter, over the v1-compatible HTTP API (`/write` line protocol, `/query`
 * InfluxQL) that InfluxDB 1.x, 2.x (with a DBRP mapping) and 3.x all serve.
 */
export function createInfluxStore(conn: InfluxConnection & { readonly lifecycle?: InfluxLifecycle | undefined }): TimeSeriesStore & { readonly skippedAlertEvents: number } {
  // Retention policies and continuous queries exist on InfluxDB 1.x only (no token).
  const lifecycle = conn.token === undefined ? conn.lifecycle : undefined;
  const http = new InfluxHttp(conn);
  // CREATE DATABASE is a no-op when the database exists. On 2.x/3.x the database (bucket
  // and DBRP mapping) is provisioned by the operator and the statement may be refused.
  const init = async () => {
    try {
      await http.query(`CREATE DATABASE ${identifier(conn.database)}`, { db: false });
    } catch (error) {
      if (!(error instanceof StoreError) || error.retriable || conn.token === undefined) throw error;
    }
    if (lifecycle !== undefined) await installLifecycle(http, conn.database, lifecycle);
  };
  const writeLines = async (lines: string, rp?: string) => {
    try {
      await http.write(lines, rp);
    } catch (error) {
      // The server was down when init ran, or lost its data: create the database and try once more.
      if (!(error instanceof StoreError) || !/database not found|retention policy not found/.test(error.message)) throw error;
      await init();
      await http.write(lines, rp);
    }
  };
  // With a lifecycle, raw readings expire; alert events go to the forever policy instead.
  const alertRp = lifecycle === undefined ? undefined : ROLLUP_RP;
  const write = async (points: readonly TelemetryPoint[]): Promise<void> => {
    for (let i = 0; i < points.length; i += LINES_PER_WRITE) {
      await writeLines(toLineProtocol(points.slice(i, i + LINES_PER_WRITE)));
    }
  };
  let skippedAlertEvents = 0;
  return {
    /** Stored alert events skipped on read because they no longer parse. */
    get skippedAlertEvents() {
      return skippedAlertEvents;
    },
    init,
    write,
    query: async (q: TelemetryQuery) => rowsToPoints(await http.query(selectTelemetry(q))).sort(byTimeThenMeter),
    queryAggregates: (q) => queryAggregates(http, lifecycle, q),
    refreshRollups: async (fromMs, toMs) => {
      if (lifecycle !== undefined) await refreshRollups(http, lifecycle, fromMs, toMs);
    },
    latest: async (q) => rowsToPoints(await http.query(selectLatest(q))).sort(byMeter),
    writeAlertEvents: async (events) => {
      const lines = alertEventLines(events);
      if (lines !== '') await writeLines(lines, alertRp);
    },
    queryAlertEvents: async (q) => {
      const { events, skipped } = await queryAlertEvents(http, q, alertRp);
      skippedAlertEvents += skipped;
      return events;
    },
    ping: () => http.ping(),
    close: () => http.close(),
  };
}

/**
 * Rows as points. A tag the statement grouped by comes in the series' `tags`, not as a
 * column; fields null in a row (written at other times) are left out.
 */
function rowsToPoints(series: readonly InfluxSeries[]): TelemetryPoint[] {
  const points: TelemetryPoint[] = [];
  for (const s of series) {
    const col = (name: string) => s.columns.indexOf(name);
    const tag = (row: readonly unknown[], name: string): string => s.tags?.[name] ?? String(row[col(name)]);
    const iTime = col('time');
    const fields = s.columns.map((name, i) => [name, i] as const).filter(([name]) => !TAG_COLUMNS.has(name));
    for (const row of s.values ?? []) {
      const values: Record<string, number> = {};
      for (const [name, i] of fields) {
        const v = row[i];
        if (typeof v === 'number') values[name] = v;
      }
      points.push({
        park: tag(row, 'park'),
        enterprise: tag(row, 'enterprise'),
        meter: tag(row, 'meter'),
        carrier: carrierSchema.parse(tag(row, 'carrier')),
        tsMs: Number(row[iTime]),
        values,
      });
    }
  }
  return points;
}

const byTimeThenMeter = (a: TelemetryPoint, b: TelemetryPoint) => a.tsMs - b.tsMs || compareText(a.meter, b.meter);
const byMeter = (a: TelemetryPoint, b: TelemetryPoint) => compareText(a.meter, b.meter) || compareText(a.enterprise, b.enterprise);
