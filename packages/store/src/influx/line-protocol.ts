import type { TelemetryPoint } from '../port.js';

/** The measurement every reading lands in. */
export const TELEMETRY_MEASUREMENT = 'telemetry';

/**
 * InfluxDB line protocol escaping of tag keys, tag values and field keys (comma, space,
 * equals sign, and the line breaks and tab that `@influxdata/influxdb-client` escapes too).
 */
const TAG_SPECIALS = /[, =\n\r\t]/g;
const TAG_REPLACEMENTS: Readonly<Record<string, string>> = { ',': '\\,', ' ': '\\ ', '=': '\\=', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escapeTag = (value: string): string => (/[, =\n\r\t]/.test(value) ? value.replace(TAG_SPECIALS, (c) => TAG_REPLACEMENTS[c]!) : value);

/** Escaped field keys by name (quantity names: few, reused on every line). */
const fieldKeys = new Map<string, string>();
function fieldKey(name: string): string {
  let key = fieldKeys.get(name);
  if (key === undefined) {
    key = escapeTag(name);
    if (fieldKeys.size >= 10_000) fieldKeys.clear(); // arbitrary field names cannot grow it without bound
    fieldKeys.set(name, key);
  }
  return key;
}

/** The line start `telemetry,carrier=..,enterprise=..,meter=..,park=..` of the last point of each meter. */
const prefixes = new Map<string, { park: string; enterprise: string; carrier: string; prefix: string }>();
function linePrefix(p: TelemetryPoint): string {
  const cached = prefixes.get(p.meter);
  if (cached !== undefined && cached.park === p.park && cached.enterprise === p.enterprise && cached.carrier === p.carrier) return cached.prefix;
  // Tags in key order, an empty tag left out (as the client library does).
  let prefix = TELEMETRY_MEASUREMENT;
  for (const [key, value] of [['carrier', p.carrier], ['enterprise', p.enterprise], ['meter', p.meter], ['park', p.park]] as const) {
    if (value !== '') prefix += `,${key}=${escapeTag(value)}`;
  }
  if (prefixes.size >= 100_000) prefixes.clear();
  prefixes.set(p.meter, { park: p.park, enterprise: p.enterprise, carrier: p.carrier, prefix });
  return prefix;
}

const names: string[] = [];

/**
 * Encode points as InfluxDB line protocol with millisecond timestamps (write with
 * `precision=ms`). Every quantity is a float field, so a register that happens to be a
 * whole number never becomes an integer field and conflicts with the next reading.
 *
 * The output is byte for byte what `@influxdata/influxdb-client`'s `Point` writes (tags and
 * fields sorted by key, the same escaping; line-protocol.test.ts holds the two to each
 * other), without its per-point objects: this runs for every reading the ingestor stores,
 * and the `Point` objects were the largest share of its garbage.
 */
export function toLineProtocol(points: readonly TelemetryPoint[]): string {
  let out = '';
  for (const p of points) {
    names.length = 0;
    for (const name in p.values) if (name !== '') names.push(name);
    if (names.length === 0) continue; // no fields: not a line
    // Usually already in order (the same meter writes the same keys): sort only when not.
    for (let i = 1; i < names.length; i++) {
      if (names[i - 1]! > names[i]!) {
        names.sort();
        break;
      }
    }
    let line = linePrefix(p);
    let separator = ' ';
    for (const name of names) {
      const value = p.values[name]!;
      if (!Number.isFinite(value)) throw new Error(`invalid float value for field '${name}': ${value}`);
      line += `${separator}${fieldKey(name)}=${value}`;
      separator = ',';
    }
    out += out === '' ? `${line} ${Math.floor(p.tsMs)}` : `\n${line} ${Math.floor(p.tsMs)}`;
  }
  return out;
}
