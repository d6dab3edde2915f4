import { describe, expect, it } from 'vitest';
import { deadLetterTopic, parseTelemetryTopic, readingsTopic, telemetryTopic } from './topics.js';

describe('telemetry topics', () => {
  it('builds and parses ems/v1/{park}/{enterprise}/{meter}/telemetry', () => {
    const address = { park: 'yc-binhai', enterprise: 'ent-steel', meter: 'm_steel_main' };
    const topic = telemetryTopic(address);
    expect(topic).toBe('ems/v1/yc-binhai/ent-steel/m_steel_main/telemetry');
    expect(parseTelemetryTopic(topic)).toEqual({ ok: true, address });
  });

  it.each([
    ['ems/v1/p/e/m/status', 'expected ems/v1'],
    ['ems/v2/p/e/m/telemetry', 'expected ems/v1'],
    ['ems/v1/p/e/telemetry', 'expected ems/v1'],
    ['ems/v1/p/e/m/x/telemetry', 'expected ems/v1'],
    ['ems/v1/p/e/m.1/telemetry', 'meterId "m.1"'],
    ['ems/v1/p//m/telemetry', 'enterpriseId ""'],
    [`ems/v1/p/e/${'m'.repeat(65)}/telemetry`, 'meterId'],
  ])('refuses %s with a reason', (topic, reason) => {
    const parsed = parseTelemetryTopic(topic);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.detail).toContain(reason);
  });

  it('keeps the park of a malformed topic when it is a valid id, so the dead letter reaches that park', () => {
    const parsed = parseTelemetryTopic('ems/v1/yc-binhai/e/m/x/telemetry');
    expect(parsed).toMatchObject({ ok: false, park: 'yc-binhai' });
  });

  it('builds the internal topics and refuses invalid ids', () => {
    expect(readingsTopic('p1', 'e1')).toBe('ems-int/v1/p1/e1/readings');
    expect(deadLetterTopic('p1')).toBe('ems-int/v1/p1/dead-letter');
    expect(() => deadLetterTopic('p/1')).toThrow(/invalid id/);
    expect(() => telemetryTopic({ park: 'p', enterprise: '+', meter: 'm' })).toThrow(/invalid id/);
  });
});
