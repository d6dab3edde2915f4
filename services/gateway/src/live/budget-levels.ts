import { DEFAULT_BUDGET_SETTINGS, budgetStatus, periodOf } from '@lingtan/domain';
import type { BudgetSettings, WarningLevel } from '@lingtan/domain';
import type { Budgets, Registry } from '@lingtan/schema';

/** Daily budgets of one site (an enterprise or the park): tce (能耗) and tCO2 (碳排放). */
export interface DayBudget {
  readonly tce?: number;
  readonly tco2?: number;
}

/**
 * Budgets the live figures are judged against, per day (from the registry's annual budgets,
 * `budgetsFromRegistry`); without them every level is grey.
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

/**
 * Today's budgets from the registry's annual ones (`budgets.year_tce`, `year_tco2` of the
 * park and of each enterprise), spread evenly over the days of the park's local year:
 * e.g. 36,500 tce a year in 2026 (365 days) is 100 tce a day. Undefined when the registry
 * names no budget at all.
 */
export function budgetsFromRegistry(registry: Registry, nowMs: number, settings: BudgetSettings = DEFAULT_BUDGET_SETTINGS): LiveBudgets | undefined {
  const year = periodOf('year', nowMs, registry.park.timezone);
  const days = Math.round((year.endMs - year.startMs) / 86_400_000);
  const daily = (b: Budgets | undefined): DayBudget | undefined =>
    b === undefined || (b.year_tce === undefined && b.year_tco2 === undefined)
      ? undefined
      : { ...(b.year_tce === undefined ? {} : { tce: b.year_tce / days }), ...(b.year_tco2 === undefined ? {} : { tco2: b.year_tco2 / days }) };
  const enterprises: Record<string, DayBudget> = {};
  for (const e of registry.enterprises) {
    const d = daily(e.budgets);
    if (d !== undefined) enterprises[e.id] = d;
  }
  const park = daily(registry.park.budgets);
  if (park === undefined && Object.keys(enterprises).length === 0) return undefined;
  return { settings, ...(park === undefined ? {} : { park }), enterprises };
}
