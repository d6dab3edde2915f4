import { checkBands, levelForRatio } from './warning-level.js';
import type { WarningBands, WarningLevel } from './warning-level.js';

/** How a park judges budgets: warning bands on forecast / budget, and the data it needs. */
export interface BudgetSettings {
  readonly bands: WarningBands;
  /** Below this metering completeness (0-1) the level is grey: too little data to judge. */
  readonly minCompleteness: number;
}

/** Where an energy (tce) or carbon (CO2) budget stands; `budget` and `actual` in the same unit. */
export interface BudgetInput {
  readonly budget: number;
  readonly actual: number;
  /** Share of the budget planned to be used by now (0-1), from `planShareAt`. */
  readonly planShareAtNow: number;
  /** Share of expected meter readings received for the period so far (0-1). */
  readonly completeness: number;
}

/** A budget's progress, forecast and warning level, with the reasons for the level. */
export interface BudgetStatus {
  readonly level: WarningLevel;
  /** actual / budget. */
  readonly progress: number;
  /** Forecast use at the period end: actual / planned share so far. */
  readonly forecast: number;
  /** forecast / budget: what the bands judge. */
  readonly forecastRatio: number;
  readonly reasons: readonly string[];
}

function checkInput(input: BudgetInput, settings: BudgetSettings): void {
  checkBands(settings.bands);
  const fractions = { planShareAtNow: input.planShareAtNow, completeness: input.completeness, minCompleteness: settings.minCompleteness };
  for (const [name, v] of Object.entries(fractions)) {
    if (!(v >= 0 && v <= 1)) throw new RangeError(`${name} must be within 0-1, got ${v}`);
  }
  if (!(input.budget > 0) || !Number.isFinite(input.budget)) throw new RangeError(`budget must be > 0, got ${input.budget}`);
  if (!Number.isFinite(input.actual) || input.actual < 0) throw new RangeError(`actual must be >= 0, got ${input.actual}`);
}

/**
 * Budget status (用能预算 / 碳预算, 双控): forecast to the period end from the seasonal plan
 * (actual / planned share so far), a level from the forecast ratio and the bands; grey when
 * metering completeness is below the threshold. Already over budget is red whatever the bands.
 */
export function budgetStatus(input: BudgetInput, settings: BudgetSettings): BudgetStatus {
  checkInput(input, settings);
  const progress = input.actual / input.budget;
  // Before any of the plan is due there is nothing to extrapolate from: the actual is the forecast.
  const forecast = input.planShareAtNow > 0 ? input.actual / input.planShareAtNow : input.actual;
  const forecastRatio = forecast / input.budget;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const reasons = [`used ${pct(progress)} of budget with ${pct(input.planShareAtNow)} of the plan due`, `forecast ${pct(forecastRatio)} of budget at period end`];
  if (input.completeness < settings.minCompleteness) {
    return { level: 'grey', progress, forecast, forecastRatio, reasons: [...reasons, `metering completeness ${pct(input.completeness)} below ${pct(settings.minCompleteness)}`] };
  }
  const level = progress >= 1 ? 'red' : levelForRatio(forecastRatio, settings.bands);
  return { level, progress, forecast, forecastRatio, reasons: progress >= 1 ? [...reasons, 'budget already exceeded'] : reasons };
}

/**
 * Default budget judgement: yellow from a forecast of 90 % of the budget, orange from 100 %,
 * red from 110 % (or once the budget is used up); grey below 80 % metering completeness.
 * The 90 % 预警线 is the common practice of provincial 能耗双控 warning notices; a park sets
 * its own bands where its notice differs.
 */
export const DEFAULT_BUDGET_SETTINGS: BudgetSettings = Object.freeze({
  bands: Object.freeze({ yellow: 0.9, orange: 1.0, red: 1.1 }),
  minCompleteness: 0.8,
});
