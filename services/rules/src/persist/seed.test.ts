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
});
