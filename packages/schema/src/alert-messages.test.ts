import { describe, expect, it } from 'vitest';
import { alertTextCodeSchema, alertTextParamsSchema } from './alert-messages.js';
import { ALERT_PARAM_MAX_CHARS, ALERT_TEXT_TEMPLATES_EN, alertMessageOf, alertText, formatAlertTemplate } from './alert-templates.js';
import { alertEventSchema } from './alerts.js';

describe('formatAlertTemplate', () => {
  it('puts parameters in, numbers grouped for the locale', () => {
    // 1234.5 in en-US is "1,234.5"; de-DE groups with "." and uses "," for the decimal.
    expect(formatAlertTemplate('{q} {v} {op} {limit}', { q: 'power_kw', v: 1234.5, op: 'above', limit: 1000 }, 'en-US')).toBe('power_kw 1,234.5 above 1,000');
    expect(formatAlertTemplate('{v}', { v: 1234.5 }, 'de-DE')).toBe('1.234,5');
  });

  it('shows an optional part only when all its parameters are there and not false', () => {
    const t = 'cut: [discharge {s} by {kw} kW][ (SoC {soc}%)][{none}nothing available]';
    expect(formatAlertTemplate(t, { s: 'ESS', kw: 300, soc: 62 }, 'en-US')).toBe('cut: discharge ESS by 300 kW (SoC 62%)');
    expect(formatAlertTemplate(t, { s: 'ESS', kw: 300, none: false }, 'en-US')).toBe('cut: discharge ESS by 300 kW');
    // A true flag renders as nothing: only its part's words show.
    expect(formatAlertTemplate(t, { none: true }, 'en-US')).toBe('cut: nothing available');
  });

  it('refuses (undefined) when a required parameter is missing, so the caller falls back', () => {
    expect(formatAlertTemplate('{a} and {b}', { a: 1 }, 'en-US')).toBeUndefined();
  });

  it('passes word parameters through the word function', () => {
    const zh = (name: string, v: string) => (name === 'op' && v === 'above' ? '高于' : undefined);
    expect(formatAlertTemplate('{q} {op} {limit}', { q: 'power_kw', op: 'above', limit: 5 }, 'zh-CN', zh)).toBe('power_kw 高于 5');
  });
});

describe('alertMessageOf', () => {
  it('is rule: subject: detail, with the names in the parameters', () => {
    const m = alertMessageOf('Load high', '1# 空压机', alertText('threshold.held', { quantity: 'power_kw', value: 512.25, op: 'above', limit: 500, heldS: 60 }));
    expect(m).toEqual({
      message: 'Load high: 1# 空压机: power_kw 512.25 above 500 for 60 s',
      messageCode: 'threshold.held',
      messageParams: { quantity: 'power_kw', value: 512.25, op: 'above', limit: 500, heldS: 60, rule: 'Load high', subject: '1# 空压机' },
    });
  });

  it('takes a name with template characters literally', () => {
    expect(alertMessageOf('{x} [y]', 'm', alertText('offline.still_silent', { parent: 'gw-1' })).message).toBe('{x} [y]: m: still no reading after gw-1 came back');
  });

  it('cuts long names so the event still parses', () => {
    const long = 'n'.repeat(ALERT_PARAM_MAX_CHARS + 50);
    const m = alertMessageOf('r', long, alertText('offline.still_silent', { parent: 'gw-1' }));
    expect(String(m.messageParams.subject)).toHaveLength(ALERT_PARAM_MAX_CHARS);
    expect(alertTextParamsSchema.safeParse(m.messageParams).success).toBe(true);
  });
});

describe('the schemas', () => {
  it('accept every code of the English table and refuse malformed ones', () => {
    for (const code of Object.keys(ALERT_TEXT_TEMPLATES_EN)) expect(alertTextCodeSchema.safeParse(code).success).toBe(true);
    expect(alertTextCodeSchema.safeParse('nodot').success).toBe(false);
    expect(alertTextCodeSchema.safeParse('Bad.Code').success).toBe(false);
  });

  it('bound the parameters (count, string length, finite numbers)', () => {
    expect(alertTextParamsSchema.safeParse(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`p${i}`, i]))).success).toBe(false);
    expect(alertTextParamsSchema.safeParse({ s: 'x'.repeat(ALERT_PARAM_MAX_CHARS + 1) }).success).toBe(false);
    expect(alertTextParamsSchema.safeParse({ n: Number.NaN }).success).toBe(false);
    expect(alertTextParamsSchema.safeParse({ o: { nested: 1 } }).success).toBe(false);
  });

  it('still parse an older event without codes', () => {
    const old = {
      v: 1, eventId: 'a:1', type: 'raised', atMs: 1, alertId: 'a', key: 'r/m', ruleId: 'r', kind: 'threshold', severity: 'major', park: 'p',
      owner: { scope: 'park', id: 'p' }, meter: 'm', state: 'active', firstSeenMs: 1, lastSeenMs: 1, occurrence: 1, count: 1, message: 'old text',
    };
    expect(alertEventSchema.safeParse(old).success).toBe(true);
    expect(alertEventSchema.safeParse({ ...old, messageCode: 'threshold.held', messageParams: { value: 1 } }).success).toBe(true);
  });
});
