import { describe, expect, it } from 'vitest';
import { identifier, selectTelemetry, stringLiteral } from './influxql.js';

describe('InfluxQL building', () => {
  it('escapes string literals and identifiers', () => {
    expect(stringLiteral("a'b\\c")).toBe("'a\\'b\\\\c'");
    expect(identifier('x"y')).toBe('"x\\"y"');
  });

  it('selects a park, enterprise and meter over a half-open millisecond range', () => {
    expect(selectTelemetry({ park: 'p1', enterprise: 'e1', meter: 'm1', fromMs: 1000, toMs: 2000, limit: 5 })).toBe(
      `SELECT * FROM "telemetry" WHERE "park" = 'p1' AND "enterprise" = 'e1' AND "meter" = 'm1' AND time >= 1000ms AND time < 2000ms ORDER BY time ASC LIMIT 5`,
    );
  });
});
