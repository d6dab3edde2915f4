import { silentLogger } from '@lingtan/runtime';
import { createMemoryStore } from '@lingtan/store';
import { describe, expect, it } from 'vitest';
import { engineWith, feed } from '../kinds/test-fixtures.js';
import { seedPeriodTotals } from './seed.js';

const local = (h: number) => Date.UTC(2026, 0, 6, h - 8); // 6 Jan 2026, Shanghai (UTC+8)
const rule = { id: 'energy-day', kind: 'budget', severity: 'major', period: 'day', budgets: { steel: 10_000 }, subject: { enterprise: 'steel' } };

describe('seeding period totals from the store at start', () => {
  it('counts the use stored before a restart, and readings before the start only once', async () => {
    // Stored before the restart: yesterday 5,000 kWh (another period), today 01:00 EAF 2,000 and 03:00 Mill 600.
    const store = createMemoryStore();
    const point = (meter: string, tsMs: number, kwh: number) => ({ park: 'p', enterprise: 'steel', meter, carrier: 'electricity' as const, tsMs, values: { energy_import_kwh_delta: kwh } });
    await store.write([point('eaf', local(-2), 5000), point('eaf', local(1), 2000), point('mill', local(3), 600)]);
    const e = engineWith(rule);
    const n = await seedPeriodTotals(e, (q) => store.queryAggregates({ park: 'p', resolution: '1d', timeZone: 'Asia/Shanghai', ...q }), local(5), silentLogger);
    expect(n).toBe(1);
    // A queued batch redelivers the 03:00 reading after the start: already counted, ignored.
    feed(e, 'mill', local(3), { power_kw: 1 }, { energy_import_kwh: 600 });
    // 06:00: 2,600 kWh at 25 % of the day -> forecast 10,400 = 104 % -> orange, as if there had been no restart.
    const [raised] = e.tick(local(6));
    expect(raised).toMatchObject({ type: 'raised', value: 2600 });
    expect(raised?.message).toContain('used 2,600 of 10,000 kWh');
  });

  it('goes on counting from now when the store cannot answer', async () => {
    const e = engineWith(rule);
    const n = await seedPeriodTotals(e, () => Promise.reject(new Error('down')), local(5), silentLogger);
    expect(n).toBe(0);
    feed(e, 'eaf', local(5) + 1000, { power_kw: 1 }, { energy_import_kwh: 2600 });
    expect(e.tick(local(6))).toMatchObject([{ type: 'raised', value: 2600 }]);
  });

  it('hands each meter its own registers: a green share rule seeded from pv generation and grid import', async () => {
    // Stored: PV 500 kWh generated (and 40 kWh its own draw, which this rule does not count), tx1 1,500 kWh imported.
    const store = createMemoryStore();
    const at = (meter: string, carrier: 'pv' | 'electricity', values: Record<string, number>) => ({ park: 'p', enterprise: 'ops', meter, carrier, tsMs: local(3), values });
    await store.write([at('pv', 'pv', { energy_generated_kwh_delta: 500, energy_import_kwh_delta: 40 }), at('tx1', 'electricity', { energy_import_kwh_delta: 1500 })]);
    const e = engineWith({ id: 'green', kind: 'green_share', severity: 'warning', owner: 'park', subject: { meters: ['pv'] }, grid_meters: ['tx1'], period: 'day', min_share: 0.3, min_kwh: 1000, hysteresis: 0.02 });
    expect(await seedPeriodTotals(e, (q) => store.queryAggregates({ park: 'p', resolution: '1d', timeZone: 'Asia/Shanghai', ...q }), local(5), silentLogger)).toBe(1);
    // 500 / (500 + 1,500) = 25 % < 30 % -> raised at 0.25, as before the restart.
    expect(e.tick(local(6))).toMatchObject([{ type: 'raised', value: 0.25 }]);
  });
});
