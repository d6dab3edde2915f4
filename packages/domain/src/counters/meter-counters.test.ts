import { meterSchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { registerConfigs, stepMeter } from './meter-counters.js';

const T = Date.parse('2026-11-22T09:00:00+08:00');
const meter = meterSchema.parse({
  id: 'm-1',
  enterprise: 'e',
  carrier: 'electricity',
  interval_s: 15,
  rollover_max: { energy_export_kwh: 9999.9 },
  replacements: [{ at: '2026-11-22T09:01:00+08:00', final: { energy_import_kwh: 1010 }, initial: { energy_import_kwh: 0 } }],
});
const config = registerConfigs(meter);

describe('stepMeter', () => {
  it('steps only the cumulative registers of a reading', () => {
    const first = stepMeter(undefined, T, { power_kw: 40, energy_import_kwh: 1000, energy_export_kwh: 9999 }, config);
    expect(first.marks).toEqual({ energy_import_kwh: 'first', energy_export_kwh: 'first' });
    const second = stepMeter(first.next, T + 15_000, { power_kw: 41, energy_import_kwh: 1000.5, energy_export_kwh: 0.4 }, config);
    expect(second.marks).toEqual({ energy_import_kwh: 'normal', energy_export_kwh: 'rollover' });
    expect(second.deltas.energy_import_kwh).toBeCloseTo(0.5, 9);
    // 9999.9 - 9999 + 0.4 = 1.3 kWh across the wrap.
    expect(second.deltas.energy_export_kwh).toBeCloseTo(1.3, 9);
  });

  it('applies the registry replacement to the register it names', () => {
    const first = stepMeter(undefined, T + 45_000, { energy_import_kwh: 1008 }, config);
    // The old meter went from 1008 to 1010 before the 09:01 swap; the new one counted 3 after it.
    const swapped = stepMeter(first.next, T + 75_000, { energy_import_kwh: 3 }, config);
    expect(swapped.marks.energy_import_kwh).toBe('replaced');
    expect(swapped.deltas.energy_import_kwh).toBe(5);
  });
});
