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

  it('fills the defaults of the newer kinds', () => {
    const file = rulesFileSchema.parse({
      version: 1,
      rules: [
        { id: 'd', kind: 'max_demand', severity: 'major', limit_kw: 8000 },
        { id: 'b', kind: 'budget', severity: 'major', period: 'month', budget: 100 },
        { id: 'an', kind: 'anomaly', severity: 'minor' },
        { id: 'st', kind: 'stuck', severity: 'minor', quantity: 'power_kw' },
        { id: 'co', kind: 'completeness', severity: 'info' },
        { id: 'g', kind: 'green_share', severity: 'warning', grid_meters: ['tx'], min_share: 0.3 },
        { id: 'so', kind: 'storage_soc', severity: 'warning' },
      ],
    });
    expect(file.rules.map((r) => r.kind)).toEqual(['max_demand', 'budget', 'anomaly', 'stuck', 'completeness', 'green_share', 'storage_soc']);
    expect(file.rules[0]).toMatchObject({ warn_ratio: 0.95, min_elapsed_ms: 180_000, flexible_loads: [] });
    expect(file.rules[1]).toMatchObject({ scope: 'enterprise', quantity: 'energy_import_kwh', unit_factor: 1, bands: { yellow: 0.9, orange: 1, red: 1.1 }, raise_level: 'orange' });
    expect(file.rules[2]).toMatchObject({ quantity: 'power_kw', direction: 'above', k: 4, learning_samples: 12 });
    expect(file.rules[3]).toMatchObject({ intervals: 20, tolerance: 0 });
    expect(file.rules[4]).toMatchObject({ window_ms: 3_600_000, min_ratio: 0.9 });
    expect(file.rules[5]).toMatchObject({ period: 'month', min_kwh: 1000 });
    expect(file.rules[6]).toMatchObject({ min_pct: 10, max_pct: 95 });
  });

  it.each([
    [{ ...threshold, quantity: 'load_rate' }, 'rules.0.quantity', 'not a quantity'],
    [{ ...threshold, severity: 'urgent' }, 'rules.0.severity', ''],
    [{ ...threshold, min_duration_ms: -1 }, 'rules.0.min_duration_ms', 'min_duration_ms'],
    [{ ...threshold, hysterisis: 5 }, 'rules.0', ''],
    [{ ...threshold, kind: 'carbon_magic' }, 'rules.0.kind', ''],
    [{ id: 'b', kind: 'budget', severity: 'major', period: 'day' }, 'rules.0.budget', 'expected budget, budgets or from_registry'],
    [{ id: 'b', kind: 'budget', severity: 'major', period: 'day', from_registry: 'year_tce', budget: 5 }, 'rules.0.from_registry', 'leave budget and budgets out'],
    [{ id: 's', kind: 'storage_soc', severity: 'minor', min_pct: 90, max_pct: 20 }, 'rules.0.max_pct', 'below'],
    [{ id: 'd', kind: 'max_demand', severity: 'major', limit_kw: -5 }, 'rules.0.limit_kw', ''],
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
