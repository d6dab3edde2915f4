import { budgetStatus } from '@lingtan/domain';
import type { BudgetSettings, WarningLevel } from '@lingtan/domain';

/** Daily budgets of one site (an enterprise or the park): tce (能耗) and tCO2 (碳排放). */
export interface DayBudget {
  readonly tce?: number;
  readonly tco2?: number;
}

/**
 * Budgets the live figures are judged against, per day. The registry has no budget section
 * yet, so the composition root passes these in; without them every level is grey.
 */
export interface LiveBudgets {
  readonly settings: BudgetSettings;
  readonly park?: DayBudget;
  readonly enterprises?: Readonly<Record<string, DayBudget>>;
}

/** One budget judged now: level and percent used (null without a budget). */
export interface BudgetLevel {
  readonly level: WarningLevel;
  readonly usedPct: number | null;
}

const GREY: BudgetLevel = { level: 'grey', usedPct: null };
const RANK: Readonly<Record<WarningLevel, number>> = { grey: 0, green: 1, yellow: 2, orange: 3, red: 4 };

/**
 * A daily budget's level through `budgetStatus`: the plan due so far is the elapsed share of
 * the day (a flat profile; seasonal plans belong to monthly and annual budgets), and the
 * metering completeness is the share of the site's consumption meters online.
 */
export function budgetLevel(budget: number | undefined, actual: number, dayShare: number, completeness: number, settings: BudgetSettings | undefined): BudgetLevel {
  if (budget === undefined || settings === undefined || !(budget > 0)) return GREY;
  const s = budgetStatus({ budget, actual: Math.max(0, actual), planShareAtNow: Math.min(1, Math.max(0, dayShare)), completeness: Math.min(1, Math.max(0, completeness)) }, settings);
  return { level: s.level, usedPct: s.progress * 100 };
}

/** The worse of two levels (grey only when both are grey); usedPct of the worse one. */
export function worseOf(a: BudgetLevel, b: BudgetLevel): BudgetLevel {
  return RANK[b.level] > RANK[a.level] ? b : a;
}
