import { describe, expect, it } from 'vitest';
import { currentAlerts } from '../persist/rebuild.js';
import { engineWith, expectCoded, feed } from './test-fixtures.js';

const local = (h: number) => Date.UTC(2026, 0, 6, h - 8); // 6 Jan 2026, Shanghai (UTC+8)
const rule = { id: 'energy-day', kind: 'budget', severity: 'major', period: 'day', budgets: { steel: 10_000 }, subject: { enterprise: 'steel' } };
const use = (meter: string, h: number, kwh: number) => ({ meter, ts: local(h), kwh });

function run(e: ReturnType<typeof engineWith>, uses: ReturnType<typeof use>[]) {
  for (const u of uses) feed(e, u.meter, u.ts, { power_kw: 1 }, { energy_import_kwh: u.kwh });
}

describe('energy budget', () => {
  it('raises at orange with the meters driving it, updates at red, clears when the forecast falls back', () => {
    // 06:00 (25 % of the day): EAF 2,000 + Mill 600 = 2,600 kWh -> forecast 2,600 / 0.25 = 10,400 = 104 % -> orange: raised.
    const e = engineWith(rule);
    run(e, [use('eaf', 1, 2000), use('mill', 2, 600)]);
    const [raised] = e.tick(local(6));
    expect(raised).toMatchObject({ type: 'raised', kind: 'budget', meter: 'steel', subjectScope: 'enterprise', owner: { scope: 'enterprise', id: 'steel' }, value: 2600 });
    // Percentages with one decimal at most, numbers grouped: 26.0 % shows as 26%.
    expect(raised?.message).toContain('orange: day 2026-01-06 used 2,600 of 10,000 kWh (26%) with 25% of the period gone; forecast 10,400 kWh (104%)');
    expectCoded(raised, 'budget.level', 'budget.largest_users');
    expect(raised?.messageParams).toMatchObject({ level: 'orange', period: 'day', actual: 2600, budget: 10000, unit: 'kWh', progressPct: 26, forecastPct: 104 });
    expect(raised?.recommendation).toMatchObject({
      summary: 'largest users this day: EAF (eaf) 76.9%, Mill (mill) 23.1%',
      actions: [
        { action: 'review_consumption', target: 'eaf', share: 0.769 },
        { action: 'review_consumption', target: 'mill', share: 0.231 },
      ],
    });
    // 09:00 (37.5 %): 4,200 kWh -> forecast 11,200 = 112 % -> red: the open alert is updated.
    run(e, [use('eaf', 8, 1600)]);
    expect(e.tick(local(9))).toMatchObject([{ type: 'updated', alertId: raised?.alertId, message: expect.stringContaining('red: day') as string }]);
    expect(e.tick(local(9) + 60_000)).toEqual([]); // same level: nothing
    // 12:00 (50 %): still 4,200 -> forecast 8,400 = 84 % -> green: cleared.
    expect(e.tick(local(12))).toMatchObject([{ type: 'cleared', alertId: raised?.alertId, clearedAfterAck: false }]);
  });

  it('judges the park as a whole and names the enterprises first', () => {
    const e = engineWith({ ...rule, id: 'park-day', scope: 'park', owner: 'park', subject: {}, budgets: {}, budget: 10_000 });
    run(e, [use('eaf', 1, 2000), use('off1', 2, 600)]);
    const [raised] = e.tick(local(6));
    expect(raised).toMatchObject({ meter: 'p', subjectScope: 'park', owner: { scope: 'park', id: 'p' } });
    expect(raised?.recommendation?.summary).toBe('largest users this day: Steel 76.9%, Office 23.1%, EAF (eaf) 76.9%, Office main (off1) 23.1%');
  });

  it('clears when the period ends and starts the next one from zero; too early in a period is not judged', () => {
    const e = engineWith(rule);
    run(e, [use('eaf', 1, 9000)]);
    expect(e.tick(local(2))).toEqual([]); // 8.3 % of the day < min_elapsed_share 10 %
    expect(e.tick(local(6))).toMatchObject([{ type: 'raised' }]);
    expect(e.tick(local(24) + 1000)).toMatchObject([{ type: 'cleared' }]);
  });

  it('records that the condition cleared after someone acknowledged it (the warning-to-optimization loop)', () => {
    const e = engineWith(rule);
    run(e, [use('eaf', 1, 2600)]);
    const [raised] = e.tick(local(6));
    expect(e.acknowledge(raised!.alertId, 'u-energy', local(7), '已调整电炉排产')).toMatchObject({ ok: true });
    expect(e.tick(local(12))).toMatchObject([{ type: 'cleared', clearedAfterAck: true, acknowledged: { by: 'u-energy' } }]);
  });

  it('after a restart an enterprise budget alert is restored, not raised again', () => {
    const before = engineWith(rule);
    run(before, [use('eaf', 1, 2600)]);
    const events = before.tick(local(6));
    const after = engineWith(rule);
    expect(after.restore(currentAlerts(events))).toBe(1);
    // Without a seed from the store (persist/seed.ts) only the use seen since counts: 3,500 kWh, at 08:00
    // (1/3 of the day) forecast 10,500 = 105 % -> still orange: the restored alert is updated.
    run(after, [use('eaf', 7, 3500)]);
    expect(after.tick(local(8))).toMatchObject([{ type: 'updated', alertId: events[0]?.alertId }]);
  });
});
