import { describe, expect, it } from 'vitest';
import { alertEventSchema } from './alerts.js';
import { rulesFileSchema } from './rules.js';

const threshold = { id: 'tx', kind: 'threshold', severity: 'major', quantity: 'load_rate_pct', op: 'above', value: 90 };

describe('rules file schema', () => {
  it('fills defaults: every meter, enterprise owner, enabled, 5 min flapping window, no duration', () => {
    const file = rulesFileSchema.parse({ version: 1, rules: [threshold, { id: 'off', kind: 'offline', severity: 'minor' }, { id: 'cm', kind: 'counter_mark', severity: 'info' }] });
    expect(file.flap_window_ms).toBe(300_000);
    expect(file.rules[0]).toMatchObject({ subject: {}, owner: 'enterprise', enabled: true, min_duration_ms: 0, hysteresis: 0 });
    expect(file.rules[1]).toMatchObject({ intervals: 3 });
    expect(file.rules[2]).toMatchObject({ marks: ['reset', 'suspect_negative'] });
  });

  it.each([
    [{ ...threshold, quantity: 'load_rate' }, 'rules.0.quantity', 'not a quantity'],
    [{ ...threshold, severity: 'urgent' }, 'rules.0.severity', ''],
    [{ ...threshold, min_duration_ms: -1 }, 'rules.0.min_duration_ms', 'min_duration_ms'],
    [{ ...threshold, hysterisis: 5 }, 'rules.0', ''],
    [{ ...threshold, kind: 'budget' }, 'rules.0.kind', ''],
    [{ ...threshold, subject: { meters: ['bad id'] } }, 'rules.0.subject.meters.0', 'ids are'],
  ])('refuses %j at %s', (rule, path, message) => {
    const result = rulesFileSchema.safeParse({ version: 1, rules: [rule] });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join('.').startsWith(path));
    expect(issue, JSON.stringify(result.error?.issues)).toBeDefined();
    expect(issue?.message).toContain(message);
  });

  it('refuses duplicate rule ids', () => {
    const result = rulesFileSchema.safeParse({ version: 1, rules: [threshold, threshold] });
    expect(result.error?.issues[0]).toMatchObject({ path: ['rules', 1, 'id'], message: 'duplicate rule id "tx"' });
  });
});

describe('alert event schema', () => {
  it('accepts a raised event and refuses an unknown state', () => {
    const event = {
      v: 1, eventId: 'a1:1', type: 'raised', atMs: 1, alertId: 'a1', key: 'tx/m-1', ruleId: 'tx', kind: 'threshold', severity: 'major',
      park: 'p', owner: { scope: 'park', id: 'p' }, meter: 'm-1', state: 'active', firstSeenMs: 1, lastSeenMs: 1, occurrence: 1, count: 1, message: 'm', value: 95,
    };
    expect(alertEventSchema.parse(event)).toEqual(event);
    expect(alertEventSchema.safeParse({ ...event, state: 'open' }).success).toBe(false);
  });
});
