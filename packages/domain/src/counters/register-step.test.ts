import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RegisterConfig, RegisterState } from './register-step.js';
import { stepRegister } from './register-step.js';

const T = 1_763_776_800_000;
const cfg: RegisterConfig = { intervalMs: 15_000, gapFactor: 3 };
const at = (value: number, i: number): RegisterState => ({ value, tsMs: T + i * 15_000 });

describe('stepRegister', () => {
  it('gives no delta for the first reading', () => {
    expect(stepRegister(undefined, 1000, T, cfg)).toEqual({ mark: 'first', next: { value: 1000, tsMs: T } });
  });

  it('takes the forward step as the delta', () => {
    // 123456.78 -> 123457.03 kWh in 15 s: 0.25 kWh (60 kW average).
    const step = stepRegister(at(123456.78, 0), 123457.03, T + 15_000, cfg);
    expect(step.mark).toBe('normal');
    expect(step.delta).toBeCloseTo(0.25, 9);
    expect(step.spanMs).toBe(15_000);
  });

  it('marks a gap but counts through it, never zero-filling', () => {
    // Five intervals missing: the register still says how much flowed, 5 kWh over 90 s.
    const step = stepRegister(at(100, 0), 105, T + 90_000, cfg);
    expect(step).toMatchObject({ mark: 'gap', delta: 5, spanMs: 90_000 });
  });

  it('detects a reset to zero and counts from zero', () => {
    expect(stepRegister(at(98_765, 0), 2.5, T + 15_000, cfg)).toMatchObject({ mark: 'reset', delta: 2.5 });
  });

  it('detects a rollover at the configured maximum', () => {
    // A 99,999.9 kWh register at 99,999.0 wraps and reads 1.1: 0.9 + 1.1 = 2.0 kWh.
    const step = stepRegister(at(99_999, 0), 1.1, T + 15_000, { ...cfg, rolloverMax: 99_999.9 });
    expect(step.mark).toBe('rollover');
    expect(step.delta).toBeCloseTo(2.0, 9);
  });

  it('uses a registry replacement event between two readings', () => {
    // Old meter read 5000 at the last reading and 5003 when removed; the new one started at 0
    // and reads 4: 3 + 4 = 7 kWh.
    const step = stepRegister(at(5000, 0), 4, T + 15_000, { ...cfg, replacements: [{ atMs: T + 10_000, finalValue: 5003, initialValue: 0 }] });
    expect(step).toMatchObject({ mark: 'replaced', delta: 7 });
  });

  it('refuses a late reading and a duplicate without any delta', () => {
    const prev = at(200, 4);
    expect(stepRegister(prev, 150, T + 30_000, cfg)).toEqual({ mark: 'late', next: prev });
    expect(stepRegister(prev, 200, prev.tsMs, cfg)).toEqual({ mark: 'duplicate', next: prev });
  });

  it('marks an unexplained drop as suspect and keeps the old baseline, then rebases after three', () => {
    let state: RegisterState = at(5000, 0);
    const marks: string[] = [];
    for (const [i, value] of [[1, 4000], [2, 4001], [3, 4002], [4, 4003.5]] as const) {
      const step = stepRegister(state, value, T + i * 15_000, cfg);
      marks.push(step.mark);
      if (step.mark === 'suspect_negative') expect(step.next.value).toBe(5000);
      state = step.next;
    }
    expect(marks).toEqual(['suspect_negative', 'suspect_negative', 'rebased', 'normal']);
  });

  it('property: over any arrival order of a forward-only register, the deltas sum to last minus first', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.integer(), (steps, seed) => {
        const readings = steps.reduce<{ value: number; tsMs: number }[]>((acc, s, i) => [...acc, { value: (acc.at(-1)?.value ?? 1000) + s, tsMs: T + i * 15_000 }], []);
        // Shuffle deterministically and add duplicates: late and repeated readings must not count.
        const arrivals = [...readings, ...readings.slice(0, 3)].sort((a, b) => Math.sin(a.tsMs * 7 + seed) - Math.sin(b.tsMs * 7 + seed));
        let state: RegisterState | undefined;
        let sum = 0;
        let firstAccepted: number | undefined;
        for (const r of arrivals) {
          const step = stepRegister(state, r.value, r.tsMs, { ...cfg, gapFactor: 1e9 });
          if (step.mark === 'first') firstAccepted = r.value;
          sum += step.delta ?? 0;
          expect(step.delta ?? 0).toBeGreaterThanOrEqual(0);
          state = step.next;
        }
        expect(sum).toBeCloseTo(state!.value - firstAccepted!, 6);
      }),
    );
  });
});
