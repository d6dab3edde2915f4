import { carrierSchema } from '@lingtan/schema';
import type { TelemetryPoint, TelemetryQuery, TimeSeriesStore } from '../port.js';
import { StoreError } from '../port.js';
import type { InfluxConnection, InfluxSeries } from './influx-http.js';
import { InfluxHttp } from './influx-http.js';
import { identifier, selectTelemetry } from './influxql.js';
import { installLifecycle, queryAggregates, refreshRollups } from './influx-rollups.js';
import type { InfluxLifecycle } from './influx-rollups.js';
import { toLineProtocol } from './line-protocol.js';

/** Lines per `/write` request; InfluxDB is cheapest with batches of thousands. */
const LINES_PER_WRITE = 10_000;
const TAG_COLUMNS = new Set(['time', 'park', 'enterprise', 'meter', 'carrier']);

/**
 * The InfluxDB adapter, over the v1-compatible HTTP API (`/write` line protocol, `/query`
 * InfluxQL) that InfluxDB 1.x, 2.x (with a DBRP mapping) and 3.x all serve.
 */
export function createInfluxStore(conn: InfluxConnection & { readonly lifecycle?: InfluxLifecycle | undefined }): TimeSeriesStore {
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
  const writeLines = async (lines: string) => {
    try {
      await http.write(lines);
    } catch (error) {
      // The server was down when init ran, or lost its data: create the database and try once more.
      if (!(error instanceof StoreError) || !/database not found/.test(error.message)) throw error;
      await init();
      await http.write(lines);
    }
  };
  const write = async (points: readonly TelemetryPoint[]): Promise<void> => {
    for (let i = 0; i < points.length; i += LINES_PER_WRITE) {
      await writeLines(toLineProtocol(points.slice(i, i + LINES_PER_WRITE)));
    }
  };
  return {
    init,
    write,
    query: async (q: TelemetryQuery) => rowsToPoints(await http.query(selectTelemetry(q))),
    queryAggregates: (q) => queryAggregates(http, lifecycle, q),
    refreshRollups: async (fromMs, toMs) => {
      if (lifecycle !== undefined) await refreshRollups(http, lifecycle, fromMs, toMs);
    },
    // PLACEHOLDER until the store work lands (helper replaces these three).
    latest: () => Promise.reject(new StoreError('latest: not built yet', 'store_rejected', false)),
    writeAlertEvents: () => Promise.reject(new StoreError('writeAlertEvents: not built yet', 'store_rejected', false)),
    queryAlertEvents: () => Promise.reject(new StoreError('queryAlertEvents: not built yet', 'store_rejected', false)),
    ping: () => http.ping(),
    close: () => http.close(),
  };
}

function rowsToPoints(series: readonly InfluxSeries[]): TelemetryPoint[] {
  const points: TelemetryPoint[] = [];
  for (const s of series) {
    const col = (name: string) => s.columns.indexOf(name);
    const [iTime, iPark, iEnt, iMeter, iCarrier] = ['time', 'park', 'enterprise', 'meter', 'carrier'].map(col) as [number, number, number, number, number];
    const fields = s.columns.map((name, i) => [name, i] as const).filter(([name]) => !TAG_COLUMNS.has(name));
    for (const row of s.values ?? []) {
      const values: Record<string, number> = {};
      for (const [name, i] of fields) {
        const v = row[i];
        if (typeof v === 'number') values[name] = v;
      }
      points.push({
        park: String(row[iPark]),
        enterprise: String(row[iEnt]),
        meter: String(row[iMeter]),
        carrier: carrierSchema.parse(row[iCarrier]),
        tsMs: Number(row[iTime]),
        values,
      });
    }
  }
  return points.sort((a, b) => a.tsMs - b.tsMs || a.meter.localeCompare(b.meter));
}
