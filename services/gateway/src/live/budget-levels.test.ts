import { registrySchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { budgetLevel, budgetsFromRegistry } from './budget-levels.js';

const registry = (extra: { park?: object; enterprise?: object }) =>
  registrySchema.parse({
    park: { id: 'p', name: 'P', ...extra.park },
    enterprises: [
      { id: 'a', name: 'A', ...extra.enterprise },
      { id: 'b', name: 'B' },
    ],
    meters: [],
  });
const NOW_2026 = Date.UTC(2026, 5, 1);
const NOW_2028 = Date.UTC(2028, 5, 1);

describe('budgetsFromRegistry', () => {
  it('spreads annual budgets evenly over the days of the local year', () => {
    const b = budgetsFromRegistry(registry({ park: { budgets: { year_tce: 36_500, year_tco2: 73_000 } }, enterprise: { budgets: { year_tce: 3650 } } }), NOW_2026);
    // 2026 has 365 days: 36,500 / 365 = 100 tce and 73,000 / 365 = 200 tCO2 a day; A 10 tce.
    expect(b?.park).toEqual({ tce: 100, tco2: 200 });
    expect(b?.enterprises).toEqual({ a: { tce: 10 } });
    // 2028 is a leap year: 36,600 / 366 = 100.
    expect(budgetsFromRegistry(registry({ park: { budgets: { year_tce: 36_600 } } }), NOW_2028)?.park).toEqual({ tce: 100 });
  });

  it('is undefined when the registry names no budget', () => {
    expect(budgetsFromRegistry(registry({}), NOW_2026)).toBeUndefined();
  });

  it('judges with the default bands: a forecast of 95 % of the day budget is yellow', () => {
    const b = budgetsFromRegistry(registry({ park: { budgets: { year_tce: 36_500 } } }), NOW_2026);
    // Half the day gone, 47.5 of 100 tce used: forecast 95 tce = 0.95 of budget (yellow from 0.9).
    expect(budgetLevel(b?.park?.tce, 47.5, 0.5, 1, b?.settings)).toEqual({ level: 'yellow', usedPct: 47.5 });
    // Metering completeness 50 % (below 80 %): too little data to judge.
    expect(budgetLevel(b?.park?.tce, 47.5, 0.5, 0.5, b?.settings).level).toBe('grey');
  });
});
