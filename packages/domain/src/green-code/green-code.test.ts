import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WarningLevel } from '../budget/warning-level.js';
import { DEFAULT_GREEN_CODE_SETTINGS, greenCode } from './green-code.js';

describe('greenCode (defaults: weights 0.4 / 0.3 / 0.3, target 50 %, yellow 0.34, red 0.67)', () => {
  it('budget yellow, intensity orange, green share 20 %: 0.4 x 1/3 + 0.3 x 2/3 + 0.3 x 0.6 = 0.513 -> yellow', () => {
    // green share risk = 1 - 0.2 / 0.5 = 0.6
    const c = greenCode({ budgetLevel: 'yellow', intensityLevel: 'orange', greenShare: 0.2 });
    expect(c.colour).toBe('yellow');
    expect(c.score).toBeCloseTo(0.513333, 6);
    expect(c.reasons).toEqual([
      'intensity vs last year orange: risk 0.67 x weight 0.30 = 0.20',
      'green share 20.0%: risk 0.60 x weight 0.30 = 0.18',
      'budget yellow: risk 0.33 x weight 0.40 = 0.13',
      'score 0.51: yellow (yellow from 0.34, red from 0.67)',
    ]);
  });

  it('budget orange, intensity red, no green power: 0.267 + 0.3 + 0.3 = 0.867 -> red', () => {
    const c = greenCode({ budgetLevel: 'orange', intensityLevel: 'red', greenShare: 0 });
    expect(c.colour).toBe('red');
    expect(c.score).toBeCloseTo(0.866667, 6);
  });

  it('a grey intensity is left out and the weights renormalised: budget green, share 60 % -> 0 -> green', () => {
    const c = greenCode({ budgetLevel: 'green', intensityLevel: 'grey', greenShare: 0.6 });
    expect(c.colour).toBe('green');
    expect(c.components.map((x) => x.weight)).toEqual([0.4 / 0.7, 0, 0.3 / 0.7]);
    expect(c.reasons).toContain('intensity vs last year grey: no data, left out of the score');
  });

  it('a red budget makes the code red whatever the score, unless the park turns that off', () => {
    // score 0.4 x 1 + 0 + 0 = 0.4 -> yellow by score
    const input = { budgetLevel: 'red', intensityLevel: 'green', greenShare: 0.8 } as const;
    expect(greenCode(input)).toMatchObject({ colour: 'red', reasons: expect.arrayContaining(['budget red: the code is red whatever the score']) as unknown });
    expect(greenCode(input, { ...DEFAULT_GREEN_CODE_SETTINGS, redWhenBudgetRed: false }).colour).toBe('yellow');
  });

  it('grey when nothing has data; refuses bad settings', () => {
    expect(greenCode({ budgetLevel: 'grey', intensityLevel: 'grey', greenShare: null })).toMatchObject({ colour: 'grey', score: null });
    expect(() => greenCode({ budgetLevel: 'green', intensityLevel: 'green', greenShare: 0 }, { ...DEFAULT_GREEN_CODE_SETTINGS, yellowFrom: 0.8, redFrom: 0.5 })).toThrow(/yellowFrom/);
    expect(() => greenCode({ budgetLevel: 'green', intensityLevel: 'green', greenShare: 1.5 })).toThrow(/greenShare/);
  });

  it('never gets better when a component gets worse', () => {
    const levels: WarningLevel[] = ['green', 'yellow', 'orange', 'red'];
    const rank = { green: 0, yellow: 1, red: 2, grey: -1 } as const;
    const arbLevel = fc.integer({ min: 0, max: 3 });
    fc.assert(
      fc.property(arbLevel, arbLevel, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 2 }), (b, i, share, which) => {
        const level = (n: number): WarningLevel => levels[Math.min(3, n)] ?? 'red';
        const base = greenCode({ budgetLevel: level(b), intensityLevel: level(i), greenShare: share });
        const worse = greenCode({
          budgetLevel: level(which === 0 ? b + 1 : b),
          intensityLevel: level(which === 1 ? i + 1 : i),
          greenShare: which === 2 ? share / 2 : share,
        });
        expect(rank[worse.colour]).toBeGreaterThanOrEqual(rank[base.colour]);
      }),
    );
  });
});
