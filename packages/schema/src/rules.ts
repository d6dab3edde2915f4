import { z } from 'zod';
import { carrierSchema } from './carriers.js';
import { idSchema } from './ids.js';
import { isQuantityName } from './quantities.js';

import { severitySchema } from './severity.js';
import { receiverSchema } from './notifications.js';

export { SEVERITIES, severitySchema } from './severity.js';
export type { Severity } from './severity.js';

/** Rule kinds of this version of the rules file. */
export const RULE_KINDS = ['threshold', 'offline', 'counter_mark', 'max_demand', 'budget', 'anomaly', 'stuck', 'completeness', 'green_share', 'storage_soc', 'zero_carbon'] as const;
export const ruleKindSchema = z.enum(RULE_KINDS);
export type RuleKind = z.infer<typeof ruleKindSchema>;

/** Counter marks a `counter_mark` rule may raise on (the ingestor's marks that need a person). */
export const ALERTABLE_MARKS = ['reset', 'suspect_negative', 'rollover', 'replaced', 'rebased', 'gap'] as const;

const nonNegativeMs = (what: string) => z.number().int(`${what}: expected whole milliseconds`).nonnegative(`${what}: expected 0 or more milliseconds`);

/**
 * Which meters a rule watches. Every given criterion must match; an empty subject means
 * every meter of the park. Meter ids that are not in the registry are reported at load.
 */
export const ruleSubjectSchema = z
  .object({
    meters: z.array(idSchema).min(1).optional(),
    carrier: carrierSchema.optional(),
    enterprise: idSchema.optional(),
  })
  .strict();

const ruleBase = {
  id: idSchema,
  name: z.string().min(1).optional(),
  severity: severitySchema,
  subject: ruleSubjectSchema.default({}),
  /** Who owns the alerts: the subject meter's enterprise, or the park operator. */
  owner: z.enum(['enterprise', 'park']).default('enterprise'),
  enabled: z.boolean().default(true),
  /** A recurrence within this window after a clear re-opens the same alert (flapping); file default otherwise. */
  flap_window_ms: nonNegativeMs('flap_window_ms').optional(),
};

/**
 * A quantity above (or below) a value for at least `min_duration_ms` of device time. Clears
 * only once the value is back past the hysteresis band (`value - hysteresis` for `above`),
 * so a reading hovering at the limit does not raise and clear on every sample.
 */
export const thresholdRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('threshold'),
    quantity: z.string().refine(isQuantityName, 'not a quantity of the catalogue (packages/schema/src/quantities.ts)'),
    op: z.enum(['above', 'below']),
    value: z.number(),
    min_duration_ms: nonNegativeMs('min_duration_ms').default(0),
    hysteresis: z.number().nonnegative().default(0),
  })
  .strict();

/** No reading received for `intervals` times the meter's registered `interval_s`. */
export const offlineRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('offline'),
    intervals: z.number().int().min(1).default(3),
  })
  .strict();

/**
 * A register mark from the ingestor's normalized stream (reset, suspect negative step, ...).
 * A mark is an event, not a condition: the alert stays until cleared by hand, or until
 * `auto_clear_ms` passes (receive time) without another mark.
 */
export const counterMarkRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('counter_mark'),
    marks: z.array(z.enum(ALERTABLE_MARKS)).min(1).default(['reset', 'suspect_negative']),
    auto_clear_ms: nonNegativeMs('auto_clear_ms').optional(),
  })
  .strict();

const quantityName = z.string().refine(isQuantityName, 'not a quantity of the catalogue (packages/schema/src/quantities.ts)');
const fraction = z.number().min(0).max(1);

/**
 * Maximum demand (最大需量): the current 15-minute window's demand is forecast from the energy
 * so far and the latest power (`forecastWindowDemand`), and raised before the window closes
 * when it reaches `warn_ratio` of `limit_kw` (contracted demand, or transformer capacity in
 * kW). The alert recommends discharging `storage` and then cutting `flexible_loads`,
 * largest first, by the kW that bring the window back under the warning level.
 */
export const maxDemandRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('max_demand'),
    limit_kw: z.number().positive(),
    warn_ratio: z.number().positive().max(2).default(0.95),
    /** No forecast in the window's first minutes: too little energy to extrapolate. */
    min_elapsed_ms: nonNegativeMs('min_elapsed_ms').default(180_000),
    hysteresis_kw: z.number().nonnegative().default(0),
    storage: z.object({ meter: idSchema, max_discharge_kw: z.number().positive(), min_soc_pct: z.number().min(0).max(100).default(10) }).strict().optional(),
    flexible_loads: z.array(idSchema).default([]),
  })
  .strict();

/**
 * Energy or carbon budget progress (能耗/碳排放预算, 双控) per enterprise or for the park, over
 * the current day, month or year in the park's time zone: the sum of `quantity` interval
 * deltas times `unit_factor` (e.g. 0.1229e-3 tce per kWh, 当量值), against `budget` (or the
 * subject's entry in `budgets`), judged by `budgetStatus` with the plan spread evenly over
 * the period. Raised at `raise_level` or worse; the recommendation names the meters driving it.
 *
 * `from_registry` instead judges the subject's total against its annual budget in the
 * registry (`budgets.year_tce` or `year_tco2` of the enterprise, or of the park for
 * scope park): every energy meter of the subject counts (the park's accounting meters:
 * electricity, heat, steam, gas, oil; sub-meters inside a meter of the same carrier left
 * out), each converted as the park's totals are (tce by GB/T 2589, tCO2 scope 1 + 2), and a
 * day's or a month's budget is the year's pro rata by time. `quantity`, `unit_factor`,
 * `unit`, `budget` and `budgets` are then not used; the unit is tce or tCO2.
 */
export const budgetRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('budget'),
    scope: z.enum(['enterprise', 'park']).default('enterprise'),
    period: z.enum(['day', 'month', 'year']),
    quantity: quantityName.default('energy_import_kwh'),
    unit_factor: z.number().positive().default(1),
    unit: z.string().min(1).default('kWh'),
    budget: z.number().positive().optional(),
    budgets: z.record(idSchema, z.number().positive()).default({}),
    from_registry: z.enum(['year_tce', 'year_tco2']).optional(),
    bands: z.object({ yellow: z.number().positive(), orange: z.number().positive(), red: z.number().positive() }).strict().default({ yellow: 0.9, orange: 1, red: 1.1 }),
    raise_level: z.enum(['yellow', 'orange', 'red']).default('orange'),
    /** Too early in the period to extrapolate before this share of it has passed. */
    min_elapsed_share: fraction.default(0.1),
  })
  .strict()
  .refine((r) => r.budget !== undefined || Object.keys(r.budgets).length > 0 || r.from_registry !== undefined, { message: 'expected budget, budgets or from_registry', path: ['budget'] })
  .refine((r) => r.from_registry === undefined || (r.budget === undefined && Object.keys(r.budgets).length === 0), {
    message: 'from_registry takes the budgets from the registry: leave budget and budgets out',
    path: ['from_registry'],
  });

/**
 * Consumption against the meter's own baseline for that weekday and hour (park time): each
 * closed quarter hour's mean of `quantity` is compared with the median of the same slot in
 * past weeks; beyond `k` robust standard deviations (1.4826 x MAD) and `min_deviation` it is
 * raised. A slot is judged only after `learning_samples` quarter hours (the learning period).
 */
export const anomalyRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('anomaly'),
    quantity: quantityName.default('power_kw'),
    direction: z.enum(['above', 'below', 'both']).default('above'),
    k: z.number().positive().default(4),
    min_deviation: z.number().nonnegative().default(0),
    learning_samples: z.number().int().min(3).default(12),
    max_samples: z.number().int().min(3).max(64).default(24),
  })
  .strict();

/** A value that should move but has not changed (within `tolerance`) for `intervals` readings in a row. */
export const stuckRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('stuck'),
    quantity: quantityName,
    intervals: z.number().int().min(2).default(20),
    tolerance: z.number().nonnegative().default(0),
    /** Values with magnitude at or below this may rest (an idle machine at 0 kW is not stuck). */
    ignore_at_or_below: z.number().nonnegative().default(0),
  })
  .strict();

/** Share of expected readings (window / interval_s) received over the last `window_ms`, below `min_ratio`. */
export const completenessRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('completeness'),
    window_ms: nonNegativeMs('window_ms').min(60_000).default(3_600_000),
    min_ratio: fraction.default(0.9),
    hysteresis: fraction.default(0.02),
  })
  .strict();

/**
 * Green electricity share of the park over the current day or month: generation of the
 * subject's pv meters (`energy_generated_kwh`) over that plus grid import of the `grid_meters`
 * (`energy_import_kwh`), below `min_share`. Judged once `min_kwh` have been used.
 */
export const greenShareRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('green_share'),
    period: z.enum(['day', 'month']).default('month'),
    grid_meters: z.array(idSchema).min(1),
    min_share: fraction,
    min_kwh: z.number().nonnegative().default(1000),
    hysteresis: fraction.default(0.01),
  })
  .strict();

/** Storage state of charge (`soc_pct`) outside [min_pct, max_pct] for `min_duration_ms`. */
export const storageSocRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('storage_soc'),
    min_pct: z.number().min(0).max(100).default(10),
    max_pct: z.number().min(0).max(100).default(95),
    min_duration_ms: nonNegativeMs('min_duration_ms').default(60_000),
    hysteresis: z.number().nonnegative().default(3),
  })
  .strict()
  .refine((r) => r.min_pct < r.max_pct, { message: 'expected min_pct below max_pct', path: ['max_pct'] });

/**
 * The zero-carbon park indicator (单位能耗碳排放, tCO2 per tce) over the year or month so far:
 * each source's `quantity` interval deltas on its meters times its tce and tCO2 factors,
 * against the threshold of the park's size class (发改环资〔2025〕910号, `thresholdOfClass`)
 * or `max_tco2_per_tce`. Raised once it drifts to `warn_ratio` of the threshold.
 */
export const zeroCarbonRuleSchema = z
  .object({
    ...ruleBase,
    kind: z.literal('zero_carbon'),
    period: z.enum(['month', 'year']).default('year'),
    sources: z
      .array(z.object({ meters: z.array(idSchema).min(1), quantity: quantityName, tce_per_unit: z.number().nonnegative(), tco2_per_unit: z.number().nonnegative() }).strict())
      .min(1),
    size_class: z.enum(['200k_to_1m_tce', 'over_1m_tce']).optional(),
    max_tco2_per_tce: z.number().positive().optional(),
    warn_ratio: z.number().positive().max(2).default(0.9),
    hysteresis: fraction.default(0.02),
    /** Judged once this much energy (tce) has been counted in the period. */
    min_tce: z.number().nonnegative().default(100),
  })
  .strict()
  .refine((r) => r.size_class !== undefined || r.max_tco2_per_tce !== undefined, { message: 'expected size_class or max_tco2_per_tce', path: ['size_class'] });

/** One rule of the rules file. */
export const ruleSchema = z.discriminatedUnion('kind', [
  thresholdRuleSchema,
  offlineRuleSchema,
  counterMarkRuleSchema,
  maxDemandRuleSchema,
  budgetRuleSchema,
  anomalyRuleSchema,
  stuckRuleSchema,
  completenessRuleSchema,
  greenShareRuleSchema,
  storageSocRuleSchema,
  zeroCarbonRuleSchema,
]);

/** The rules file (`LINGTAN_RULES_FILE`, YAML): rule ids are unique. */
export const rulesFileSchema = z
  .object({
    version: z.literal(1),
    /** Default flapping window: a condition that recurs this soon after clearing re-opens its alert. */
    flap_window_ms: nonNegativeMs('flap_window_ms').default(300_000),
    rules: z.array(ruleSchema),
    /** This many events or more for one receiver from one evaluation go out as one digest message. */
    digest_min_events: z.number().int().min(2).default(5),
    /** Where each owner's alerts are delivered (webhooks, DingTalk and WeCom robots). */
    notifications: z.array(receiverSchema).default([]),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${rule.id}"` });
      seen.add(rule.id);
    });
    const receivers = new Set<string>();
    file.notifications.forEach((r, i) => {
      if (receivers.has(r.id)) ctx.addIssue({ code: 'custom', path: ['notifications', i, 'id'], message: `duplicate receiver id "${r.id}"` });
      receivers.add(r.id);
    });
  });

export type RuleSubject = z.infer<typeof ruleSubjectSchema>;
export type ThresholdRule = z.infer<typeof thresholdRuleSchema>;
export type OfflineRule = z.infer<typeof offlineRuleSchema>;
export type CounterMarkRule = z.infer<typeof counterMarkRuleSchema>;
export type MaxDemandRule = z.infer<typeof maxDemandRuleSchema>;
export type BudgetRule = z.infer<typeof budgetRuleSchema>;
export type AnomalyRule = z.infer<typeof anomalyRuleSchema>;
export type StuckRule = z.infer<typeof stuckRuleSchema>;
export type CompletenessRule = z.infer<typeof completenessRuleSchema>;
export type GreenShareRule = z.infer<typeof greenShareRuleSchema>;
export type StorageSocRule = z.infer<typeof storageSocRuleSchema>;
export type ZeroCarbonRule = z.infer<typeof zeroCarbonRuleSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type RulesFile = z.infer<typeof rulesFileSchema>;
