import type { AggregatePoint, AggregateQuery, RollupResolution } from '../aggregate.js';
import { ROLLUP_RESOLUTIONS, bucketStart } from '../aggregate.js';
import { StoreError } from '../port.js';
import type { InfluxHttp, InfluxSeries } from './influx-http.js';
import { identifier, stringLiteral } from './influxql.js';

/** Keep raw readings for a while and rollups for years, aligned to the park's local time. */
export interface InfluxLifecycle {
  /** Raw readings are dropped after this many days (retention policy `raw`). */
  readonly rawRetentionDays: number;
  /** IANA zone the rollups' hours and days are aligned to. */
  readonly timeZone: string;
}

const RAW_RP = 'raw';
/** Retention policy kept forever: the rollups, and alert events (a park's alert history outlives raw readings). */
export const ROLLUP_RP = 'rollup';
const AGGREGATES = 'sum(/_delta$/), mean(/_kw$/), max(/_kw$/)';
/** How far back each continuous query recomputes, so late readings within it are counted. */
const RESAMPLE_FOR: Record<RollupResolution, string> = { '15m': '2h', '1h': '6h', '1d': '2d' };

const rollupMeasurement = (resolution: RollupResolution) => `telemetry_${resolution}`;
const groupBy = (resolution: RollupResolution, timeZone: string) => `GROUP BY time(${resolution}), * fill(none) tz(${stringLiteral(timeZone)})`;

/**
 * Retention policies `raw` (default, `rawRetentionDays`) and `rollup` (forever), and one
 * continuous query per resolution writing `rollup.telemetry_{15m,1h,1d}`: sums of the
 * interval deltas, mean and maximum power, per series, in the park's local time.
 * InfluxDB 1.x only: 2.x and 3.x have neither continuous queries nor these statements;
 * there, queryAggregates computes from the raw points.
 */
export async function installLifecycle(http: InfluxHttp, database: string, lifecycle: InfluxLifecycle): Promise<void> {
  const db = identifier(database);
  const duration = `${Math.trunc(lifecycle.rawRetentionDays)}d`;
  await ensureRetentionPolicy(http, `${identifier(RAW_RP)} ON ${db} DURATION ${duration} REPLICATION 1 DEFAULT`);
  await ensureRetentionPolicy(http, `${identifier(ROLLUP_RP)} ON ${db} DURATION INF REPLICATION 1`);
  for (const resolution of ROLLUP_RESOLUTIONS) {
    const name = identifier(`lingtan_${resolution}`);
    await http.query(`DROP CONTINUOUS QUERY ${name} ON ${db}`, { db: false }).catch(() => undefined);
    const select = `SELECT ${AGGREGATES} INTO ${identifier(ROLLUP_RP)}.${identifier(rollupMeasurement(resolution))} FROM ${identifier(RAW_RP)}."telemetry" ${groupBy(resolution, lifecycle.timeZone)}`;
    await http.query(`CREATE CONTINUOUS QUERY ${name} ON ${db} RESAMPLE EVERY 1m FOR ${RESAMPLE_FOR[resolution]} BEGIN ${select} END`, { db: false });
  }
}

async function ensureRetentionPolicy(http: InfluxHttp, spec: string): Promise<void> {
  try {
    await http.query(`CREATE RETENTION POLICY ${spec}`, { db: false });
  } catch (error) {
    if (!(error instanceof StoreError) || !/already exists/.test(error.message)) throw error;
    await http.query(`ALTER RETENTION POLICY ${spec.replace(' REPLICATION 1', '')}`, { db: false });
  }
}

/** Recompute the rollups over whole local days covering [fromMs, toMs). */
export async function refreshRollups(http: InfluxHttp, lifecycle: InfluxLifecycle, fromMs: number, toMs: number): Promise<void> {
  const from = bucketStart(fromMs, '1d', lifecycle.timeZone);
  const to = bucketStart(toMs - 1, '1d', lifecycle.timeZone) + 2 * 86_400_000;
  for (const resolution of ROLLUP_RESOLUTIONS) {
    await http.query(
      `SELECT ${AGGREGATES} INTO ${identifier(ROLLUP_RP)}.${identifier(rollupMeasurement(resolution))} FROM ${identifier(RAW_RP)}."telemetry" WHERE time >= ${from}ms AND time < ${to}ms ${groupBy(resolution, lifecycle.timeZone)}`,
    );
  }
}

/** Aggregates from the materialized rollups when they match the query's zone, else from the raw points. */
export async function queryAggregates(http: InfluxHttp, lifecycle: InfluxLifecycle | undefined, q: AggregateQuery): Promise<AggregatePoint[]> {
  const where = [`"park" = ${stringLiteral(q.park)}`];
  if (q.enterprise !== undefined) where.push(`"enterprise" = ${stringLiteral(q.enterprise)}`);
  if (q.meter !== undefined) where.push(`"meter" = ${stringLiteral(q.meter)}`);
  where.push(`time >= ${Math.trunc(q.fromMs)}ms`, `time < ${Math.trunc(q.toMs)}ms`);
  const materialized = lifecycle !== undefined && lifecycle.timeZone === q.timeZone;
  const statement = materialized
    ? `SELECT * FROM ${identifier(ROLLUP_RP)}.${identifier(rollupMeasurement(q.resolution))} WHERE ${where.join(' AND ')}`
    : `SELECT ${AGGREGATES} FROM "telemetry" WHERE ${where.join(' AND ')} ${groupBy(q.resolution, q.timeZone)}`;
  return toAggregates(await http.query(statement), q.park);
}

function toAggregates(series: readonly InfluxSeries[], park: string): AggregatePoint[] {
  const points: AggregatePoint[] = [];
  for (const s of series) {
    const tags = s.tags ?? {};
    const fields = s.columns.map((name, i) => [name, i] as const).filter(([name]) => /^(sum|mean|max)_/.test(name));
    const col = (name: string) => s.columns.indexOf(name);
    for (const row of s.values ?? []) {
      const values: Record<string, number> = {};
      for (const [name, i] of fields) if (typeof row[i] === 'number') values[name] = row[i];
      const tag = (name: string) => tags[name] ?? String(row[col(name)]);
      points.push({ park, enterprise: tag('enterprise'), meter: tag('meter'), carrier: tag('carrier') as AggregatePoint['carrier'], startMs: Number(row[col('time')]), values });
    }
  }
  return points.sort((a, b) => a.startMs - b.startMs || a.meter.localeCompare(b.meter));
}
