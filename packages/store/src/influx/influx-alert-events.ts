import { Point } from '@influxdata/influxdb-client';
import type { AlertEvent } from '@lingtan/schema';
import { assertLimit, compareAlertEvents, parseStoredAlertEvent, writableAlertEvents } from '../alert-events.js';
import type { AlertEventQuery } from '../port.js';
import type { InfluxHttp, InfluxSeries } from './influx-http.js';
import { identifier, stringLiteral } from './influxql.js';

export const ALERT_EVENTS_MEASUREMENT = 'alert_events';

/**
 * One point per event. `event_id` is a tag, so two events at the same millisecond are two
 * series and never merge, while the same event written again (same tags, same `atMs`)
 * overwrites itself: idempotent. Park, owner and alert id are tags because queries filter on
 * them; the series count grows with the events, which a park's few thousand a month affords.
 * The whole event is the `event` field (JSON, parsed back through the schema); type, state,
 * severity and meter are fields too, for people querying InfluxDB by hand.
 */
export function alertEventLines(events: readonly AlertEvent[]): string {
  const lines: string[] = [];
  for (const e of writableAlertEvents(events, 'InfluxDB')) {
    const line = new Point(ALERT_EVENTS_MEASUREMENT)
      .tag('park', e.park)
      .tag('owner_scope', e.owner.scope)
      .tag('owner_id', e.owner.id)
      .tag('alert_id', e.alertId)
      .tag('event_id', e.eventId)
      .stringField('event', JSON.stringify(e))
      .stringField('type', e.type)
      .stringField('state', e.state)
      .stringField('severity', e.severity)
      .stringField('meter', e.meter)
      .timestamp(e.atMs)
      .toLineProtocol();
    if (line !== undefined) lines.push(line);
  }
  return lines.join('\n');
}

/**
 * Events matching the query in the port's order, from retention policy `rp` if given.
 * InfluxDB orders by time only, so with a limit the events sharing the last returned time are
 * fetched whole and ordered by id before cutting: otherwise the cut could keep a later id and
 * drop an earlier one.
 */
export async function queryAlertEvents(http: InfluxHttp, q: AlertEventQuery, rp: string | undefined): Promise<{ events: AlertEvent[]; skipped: number }> {
  assertLimit(q.limit, 'InfluxDB');
  if (q.limit === 0) return { events: [], skipped: 0 }; // InfluxQL reads LIMIT 0 as no limit
  const filter = filterOf(q);
  const time = `time >= ${Math.ceil(q.fromMs)}ms AND time < ${Math.ceil(q.toMs)}ms`;
  const from = rp === undefined ? identifier(ALERT_EVENTS_MEASUREMENT) : `${identifier(rp)}.${identifier(ALERT_EVENTS_MEASUREMENT)}`;
  const select = (where: string, tail: string) => `SELECT "event" FROM ${from} WHERE ${filter}${where} ORDER BY time ASC${tail}`;
  let rows = eventRows(await http.query(select(` AND ${time}`, q.limit === undefined ? '' : ` LIMIT ${q.limit}`)));
  const last = rows.at(-1);
  if (q.limit !== undefined && rows.length === q.limit && last !== undefined) {
    const ties = eventRows(await http.query(select(` AND time = ${last.timeMs}ms`, '')));
    rows = [...rows.filter((r) => r.timeMs < last.timeMs), ...ties];
  }
  const events: AlertEvent[] = [];
  let skipped = 0;
  for (const row of rows) {
    const event = parseStoredAlertEvent(row.json);
    if (event === undefined) skipped++;
    else events.push(event);
  }
  events.sort(compareAlertEvents);
  return { events: q.limit === undefined ? events : events.slice(0, q.limit), skipped };
}

function filterOf(q: AlertEventQuery): string {
  const where = [`"park" = ${stringLiteral(q.park)}`];
  if (q.owner !== undefined) where.push(`"owner_scope" = ${stringLiteral(q.owner.scope)}`, `"owner_id" = ${stringLiteral(q.owner.id)}`);
  if (q.alertId !== undefined) where.push(`"alert_id" = ${stringLiteral(q.alertId)}`);
  return where.join(' AND ');
}

function eventRows(series: readonly InfluxSeries[]): { timeMs: number; json: unknown }[] {
  return series.flatMap((s) => {
    const iTime = s.columns.indexOf('time');
    const iEvent = s.columns.indexOf('event');
    return (s.values ?? []).map((row) => ({ timeMs: Number(row[iTime]), json: row[iEvent] }));
  });
}
