import { z } from 'zod';
import { idSchema } from '../ids.js';
import { QUANTITIES } from '../quantities.js';
import type { QuantityName } from '../quantities.js';
import { LIVE_LEVELS } from '../live.js';

/** Weeks a baseline looks back by default, and at most. */
export const BASELINE_DEFAULT_WEEKS = 4;
export const BASELINE_MAX_WEEKS = 12;

// Only what the rollups hold can make a baseline from hourly or 15-min aggregates: energy
// registers (their deltas are summed) and power (`*_kw` means).
const baselineQuantities = (Object.keys(QUANTITIES) as QuantityName[]).filter((q) => QUANTITIES[q].kind === 'cumulative' || q.endsWith('_kw'));

/** `GET /api/v1/baseline`: the expected profile of one local date for an enterprise or a meter. */
export const baselineQuerySchema = z
  .strictObject({
    enterprise: idSchema.optional(),
    meter: idSchema.optional(),
    /** The local date (park time zone) the profile is for, YYYY-MM-DD. */
    date: z.string().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a local date as YYYY-MM-DD, e.g. 2026-11-10'),
    quantity: z.enum(baselineQuantities as [QuantityName, ...QuantityName[]], { error: 'not a quantity with rollups (power in kW or an energy register)' }).default('power_kw'),
    weeks: z.coerce.number({ error: `expected a whole number of weeks from 2 to ${BASELINE_MAX_WEEKS}` }).int().min(2).max(BASELINE_MAX_WEEKS).default(BASELINE_DEFAULT_WEEKS),
    resolution: z.enum(['15m', '1h']).default('1h'),
  })
  .refine((q) => (q.meter === undefined) !== (q.enterprise === undefined), { path: ['meter'], message: 'give either meter or enterprise' });

/** One slot of a baseline: median and p10-p90 of the contributing weeks, null below 2 weeks (never 0). */
export const baselineSlotSchema = z.object({
  startMs: z.number().int(),
  median: z.number().nullable(),
  p10: z.number().nullable(),
  p90: z.number().nullable(),
  /** Weeks with data in this slot. */
  weeks: z.number().int(),
});

/** `GET /api/v1/baseline` */
export const baselineResponseSchema = z.object({
  scope: z.enum(['enterprise', 'meter']),
  id: idSchema,
  date: z.string(),
  timezone: z.string(),
  quantity: z.string(),
  unit: z.string(),
  resolution: z.enum(['15m', '1h']),
  method: z.object({
    /** `same_weekday_median`: each slot's median over the same weekday of the previous weeks. */
    name: z.literal('same_weekday_median'),
    weeks: z.number().int(),
    minWeeks: z.number().int(),
    /** The local dates that were looked at, newest first. */
    dates: z.array(z.string()),
    /** Meters summed (an enterprise: its main meters of the quantity). */
    meters: z.array(idSchema),
    description: z.string(),
  }),
  slots: z.array(baselineSlotSchema),
});

/** `GET /api/v1/budgets`: an enterprise's, or (park roles, no enterprise) the park's. */
export const budgetsQuerySchema = z.strictObject({ enterprise: idSchema.optional() });

/** One day-end point of a cumulative budget chart, in the figure's unit; null where that line does not run. */
export const budgetPointSchema = z.object({ tsMs: z.number().int(), actual: z.number().nullable(), plan: z.number().nullable(), forecast: z.number().nullable() });

/** A budget figure (energy in tce or carbon in tCO2) for one period. */
export const budgetFigureSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ok'),
    unit: z.string(),
    budget: z.number(),
    actual: z.number(),
    /** budget x planned share now. */
    planned: z.number(),
    forecast: z.number(),
    /** forecast / budget. */
    forecastRatio: z.number(),
    /** actual / budget. */
    progress: z.number(),
    level: z.enum(LIVE_LEVELS),
    reasons: z.array(z.string()),
    series: z.array(budgetPointSchema),
  }),
  z.object({ status: z.literal('budget_not_set'), unit: z.string(), actual: z.number(), series: z.array(budgetPointSchema) }),
]);

/** Year-to-date or month-to-date. */
export const budgetPeriodSchema = z.object({
  period: z.object({ unit: z.enum(['year', 'month']), startMs: z.number().int(), endMs: z.number().int(), label: z.string() }),
  /** Share of the period's budget planned to be used by now (0-1). */
  planShareNow: z.number(),
  /** Share of the period's elapsed days with readings (0-1): below the settings' minimum the level is grey. */
  completeness: z.number(),
  energyTce: budgetFigureSchema,
  co2T: budgetFigureSchema,
});

/** `GET /api/v1/budgets` */
export const budgetsResponseSchema = z.object({
  scope: z.enum(['park', 'enterprise']),
  id: idSchema,
  timezone: z.string(),
  asOfMs: z.number().int(),
  /** `budget_not_set` when the registry names neither an energy nor a carbon budget for the scope. */
  status: z.enum(['ok', 'budget_not_set']),
  plan: z.object({ name: z.literal('pro_rata_days'), description: z.string() }),
  factorSet: z.string(),
  year: budgetPeriodSchema,
  month: budgetPeriodSchema,
});

export type BaselineQuery = z.infer<typeof baselineQuerySchema>;
export type BaselineResponse = z.infer<typeof baselineResponseSchema>;
export type BudgetsQuery = z.infer<typeof budgetsQuerySchema>;
export type BudgetsResponse = z.infer<typeof budgetsResponseSchema>;
export type BudgetFigure = z.infer<typeof budgetFigureSchema>;
export type BudgetPoint = z.infer<typeof budgetPointSchema>;
