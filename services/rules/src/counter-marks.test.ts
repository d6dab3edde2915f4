import { describe, expect, it } from 'vitest';
import { CounterMarkTracker } from './counter-marks.js';

describe('CounterMarkTracker', () => {
  it('returns the watched marks of a reading and ignores the others', () => {
    const t = new CounterMarkTracker(new Set(['reset', 'suspect_negative']), undefined);
    expect(t.observe('m-1', 1000, 1001, { energy_import_kwh: 'reset', energy_export_kwh: 'gap' })).toEqual([{ register: 'energy_import_kwh', mark: 'reset' }]);
    expect(t.observe('m-1', 2000, 2001, undefined)).toEqual([]);
  });

  it('ignores a redelivered reading, so one reset raises once', () => {
    const t = new CounterMarkTracker(new Set(['reset']), undefined);
    expect(t.observe('m-1', 1000, 1001, { energy_import_kwh: 'reset' })).toHaveLength(1);
    expect(t.observe('m-1', 1000, 5000, { energy_import_kwh: 'reset' })).toEqual([]);
  });

  it('reports a meter quiet once auto_clear_ms has passed since its last mark', () => {
    // auto clear 60 s: reset received at 10 s | 50 s: not yet | 70 s: quiet | 80 s: not reported again
    const t = new CounterMarkTracker(new Set(['reset']), 60_000);
    t.observe('m-1', 9_000, 10_000, { energy_import_kwh: 'reset' });
    expect(t.quiet(50_000)).toEqual([]);
    expect(t.quiet(70_000)).toEqual(['m-1']);
    expect(t.quiet(80_000)).toEqual([]);
  });

  it('never reports quiet meters without auto_clear_ms (cleared by hand)', () => {
    const t = new CounterMarkTracker(new Set(['reset']), undefined);
    t.observe('m-1', 0, 0, { energy_import_kwh: 'reset' });
    expect(t.quiet(Number.MAX_SAFE_INTEGER)).toEqual([]);
  });
});
