// Line protocol encoding (not a test): the hand-written encoder against the client library's
// Point, which writes the same bytes (line-protocol.test.ts), on 5,000 six-field points.
//   npx tsx packages/store/bench/line-protocol.ts
import { toLineProtocol } from '../src/influx/line-protocol.js';
import type { TelemetryPoint } from '../src/port.js';
import { clientLibraryLines } from '../src/testing/point-lines.js';

const points: TelemetryPoint[] = Array.from({ length: 5000 }, (_, i) => ({
  park: 'bench',
  enterprise: `ent-${i % 10}`,
  meter: `m-${i % 1000}`,
  carrier: 'electricity',
  tsMs: 1764547200000 + i,
  values: { power_kw: 100 + (i % 50), energy_import_kwh: 1000 + i, voltage_v: 400, current_a: 150, power_factor: 0.95, energy_import_kwh_delta: 1 },
}));
const ROUNDS = 100;
for (const [name, encode] of [['Point (client library)', clientLibraryLines], ['toLineProtocol', toLineProtocol], ['Point (client library)', clientLibraryLines], ['toLineProtocol', toLineProtocol]] as const) {
  const started = performance.now();
  for (let r = 0; r < ROUNDS; r++) encode(points);
  process.stdout.write(`${name}: ${(((performance.now() - started) * 1000) / (ROUNDS * points.length)).toFixed(2)} us per point\n`);
}
