import type { WarningLevel } from '../budget/warning-level.js';

/** 零碳绿码 colours; grey when no component has data. */
export type GreenCodeColour = 'green' | 'yellow' | 'red' | 'grey';

/** What the code combines for one enterprise and period. */
export interface GreenCodeInput {
  /** The worse of the energy and carbon budget levels (`budgetStatus`). */
  readonly budgetLevel: WarningLevel;
  /** Intensity against the same period last year (`intensityTrend`). */
  readonly intensityLevel: WarningLevel;
  /** Green electricity share 0-1 (`greenShares`, hourly or annual as the park chooses); null when unknown. */
  readonly greenShare: number | null;
}

/** How a park weighs the components; configurable per park. */
export interface GreenCodeSettings {
  /** Non-negative, not all zero; they are normalised over the components that have data. */
  readonly weights: { readonly budget: number; readonly intensity: number; readonly greenShare: number };
  /** Green share at and above which its risk is 0; risk = 1 - share / target below it. */
  readonly greenShareTarget: number;
  /** Weighted risk (0-1) at which yellow and red begin. */
  readonly yellowFrom: number;
  readonly redFrom: number;
  /** A red budget makes the code red whatever the score (default true). */
  readonly redWhenBudgetRed?: boolean;
}

/** Defaults: budget 40 %, intensity 30 %, green share 30 %; green share target 50 %; yellow from 0.34, red from 0.67. */
export const DEFAULT_GREEN_CODE_SETTINGS: GreenCodeSettings = Object.freeze({
  weights: Object.freeze({ budget: 0.4, intensity: 0.3, greenShare: 0.3 }),
  greenShareTarget: 0.5,
  yellowFrom: 0.34,
  redFrom: 0.67,
  redWhenBudgetRed: true,
});

/** One component's part in the score. */
export interface GreenCodeComponent {
  readonly name: 'budget' | 'intensity' | 'greenShare';
  /** 0 (good) - 1 (bad); null when the component has no data. */
  readonly risk: number | null;
  /** Weight after normalising over the components with data. */
  readonly weight: number;
  readonly contribution: number;
}

export interface GreenCode {
  readonly colour: GreenCodeColour;
  /** Weighted risk 0-1; null when no component has data. */
  readonly score: number | null;
  readonly components: readonly GreenCodeComponent[];
  /** Why the colour, worst contribution first. */
  readonly reasons: readonly string[];
}

const LEVEL_RISK: Readonly<Record<Exclude<WarningLevel, 'grey'>, number>> = { green: 0, yellow: 1 / 3, orange: 2 / 3, red: 1 };

function levelRisk(level: WarningLevel): number | null {
  return level === 'grey' ? null : LEVEL_RISK[level];
}

function checkSettings(s: GreenCodeSettings): void {
  const w = [s.weights.budget, s.weights.intensity, s.weights.greenShare];
  if (!w.every((x) => Number.isFinite(x) && x >= 0) || w.every((x) => x === 0)) throw new RangeError('green code weights must be >= 0 and not all zero');
  if (!(s.greenShareTarget > 0 && s.greenShareTarget <= 1)) throw new RangeError(`greenShareTarget must be within (0, 1], got ${s.greenShareTarget}`);
  if (!(s.yellowFrom > 0 && s.yellowFrom <= s.redFrom && s.redFrom <= 1)) throw new RangeError(`need 0 < yellowFrom <= redFrom <= 1, got ${s.yellowFrom}/${s.redFrom}`);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

function describe(c: GreenCodeComponent, input: GreenCodeInput): string {
  const what = c.name === 'budget' ? `budget ${input.budgetLevel}` : c.name === 'intensity' ? `intensity vs last year ${input.intensityLevel}` : `green share ${input.greenShare === null ? 'unknown' : pct(input.greenShare)}`;
  if (c.risk === null) return `${what}: no data, left out of the score`;
  return `${what}: risk ${c.risk.toFixed(2)} x weight ${c.weight.toFixed(2)} = ${c.contribution.toFixed(2)}`;
}

/**
 * The per-enterprise 零碳绿码: a weighted risk of the budget level, the intensity trend and
 * the green share, coloured by the park's thresholds, with the reasons. Components without
 * data (grey, unknown share) are left out and the other weights renormalised.
 */
export function greenCode(input: GreenCodeInput, settings: GreenCodeSettings = DEFAULT_GREEN_CODE_SETTINGS): GreenCode {
  checkSettings(settings);
  const share = input.greenShare;
  if (share !== null && !(share >= 0 && share <= 1)) throw new RangeError(`greenShare must be within 0-1, got ${share}`);
  const risks = {
    budget: levelRisk(input.budgetLevel),
    intensity: levelRisk(input.intensityLevel),
    greenShare: share === null ? null : Math.max(0, 1 - share / settings.greenShareTarget),
  };
  const names = ['budget', 'intensity', 'greenShare'] as const;
  const total = names.reduce((s, n) => s + (risks[n] === null ? 0 : settings.weights[n]), 0);
  const components = names.map((name): GreenCodeComponent => {
    const risk = risks[name];
    const weight = risk === null || total === 0 ? 0 : settings.weights[name] / total;
    return { name, risk, weight, contribution: risk === null ? 0 : risk * weight };
  });
  const sorted = [...components].sort((a, b) => b.contribution - a.contribution);
  const reasons = sorted.map((c) => describe(c, input));
  if (total === 0) return { colour: 'grey', score: null, components, reasons: [...reasons, 'no component has data'] };
  const score = components.reduce((s, c) => s + c.contribution, 0);
  const byScore: GreenCodeColour = score >= settings.redFrom ? 'red' : score >= settings.yellowFrom ? 'yellow' : 'green';
  const verdict = `score ${score.toFixed(2)}: ${byScore} (yellow from ${settings.yellowFrom}, red from ${settings.redFrom})`;
  if ((settings.redWhenBudgetRed ?? true) && input.budgetLevel === 'red') {
    return { colour: 'red', score, components, reasons: ['budget red: the code is red whatever the score', ...reasons, verdict] };
  }
  return { colour: byScore, score, components, reasons: [...reasons, verdict] };
}
