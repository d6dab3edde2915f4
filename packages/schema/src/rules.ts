import { z } from 'zod';
import { carrierSchema } from './carriers.js';
import { idSchema } from './ids.js';
import { isQuantityName } from './quantities.js';

import { severitySchema } from './severity.js';
import { receiverSchema } from './notifications.js';

export { SEVERITIES, severitySchema } from './severity.js';
export type { Severity } from './severity.js';

/** Rule kinds of this version of the rules file. */
export const RULE_KINDS = ['threshold', 'offline', 'counter_mark'] as const;
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

/** One rule of the rules file. */
export const ruleSchema = z.discriminatedUnion('kind', [thresholdRuleSchema, offlineRuleSchema, counterMarkRuleSchema]);

/** The rules file (`LINGTAN_RULES_FILE`, YAML): rule ids are unique. */
export const rulesFileSchema = z
  .object({
    version: z.literal(1),
    /** Default flapping window: a condition that recurs this soon after clearing re-opens its alert. */
    flap_window_ms: nonNegativeMs('flap_window_ms').default(300_000),
    rules: z.array(ruleSchema),
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
export type Rule = z.infer<typeof ruleSchema>;
export type RulesFile = z.infer<typeof rulesFileSchema>;
