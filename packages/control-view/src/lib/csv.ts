/**
 * CSV export of chart series, built in the browser. RFC 4180: CRLF line ends, fields with a
 * comma, quote or line break quoted and inner quotes doubled. A UTF-8 byte-order mark leads
 * the file so Excel (the tool most park staff open it with) reads the Chinese names.
 */

/** One exported series: its label, its unit and its points `[epochMs, value]`. */
export interface CsvSeries {
  readonly label: string;
  readonly unit: string;
  readonly points: readonly (readonly [number, number])[];
}

function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * One row per timestamp present in any series, one column per series (`label (unit)`); a
 * series without a point at that time leaves its cell empty. `formatTime` writes the time
 * column (the park's local time), and the epoch ms column keeps it machine-readable.
 */
export function seriesToCsv(series: readonly CsvSeries[], timeHeader: string, formatTime: (ms: number) => string): string {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])))].sort((a, b) => a - b);
  const byTime = series.map((s) => new Map(s.points.map((p) => [p[0], p[1]])));
  const header = [timeHeader, 'epoch_ms', ...series.map((s) => `${s.label} (${s.unit})`)].map(field).join(',');
  const rows = times.map((t) => [field(formatTime(t)), String(t), ...byTime.map((m) => (m.has(t) ? String(m.get(t)) : ''))].join(','));
  return `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
}
