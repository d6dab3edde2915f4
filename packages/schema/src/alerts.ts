import { z } from 'zod';
import { alertTextCodeSchema, alertTextParamsSchema } from './alert-messages.js';
import { alertEventTypeSchema } from './alert-types.js';
import { idSchema } from './ids.js';
import { ruleKindSchema } from './rules.js';
import { severitySchema } from './severity.js';

/** Where an alert stands: open (active or acknowledged) or cleared. */
export const ALERT_STATES = ['active', 'acknowledged', 'cleared'] as const;
export const alertStateSchema = z.enum(ALERT_STATES);
export type AlertState = z.infer<typeof alertStateSchema>;

export { ALERT_EVENT_TYPES, alertEventTypeSchema } from './alert-types.js';
export type { AlertEventType } from './alert-types.js';

/**
 * Why the service itself cleared an alert (`cleared.by` "system"): its subject (meter or
 * enterprise) was removed from the registry, or its rule can no longer run against the
 * registry (it names a meter or enterprise that is gone) and was dropped.
 */
export const ALERT_CLEAR_REASONS = ['subject_removed', 'rule_dropped'] as const;
export const alertClearReasonSchema = z.enum(ALERT_CLEAR_REASONS);
export type AlertClearReason = z.infer<typeof alertClearReasonSchema>;

/** Who sees and handles the alert: an enterprise (tenant), or the park operator. */
export const alertOwnerSchema = z.object({ scope: z.enum(['enterprise', 'park']), id: idSchema });

/**
 * What someone can do about an alert (the warning-to-optimization loop): a summary in
 * words, and the actions behind it, e.g. discharge storage meter `m-park-ess1` by 1,200 kW,
 * or look at the meters driving a budget overrun with their shares.
 */
export const recommendationSchema = z.object({
  /** English; a view shows `summaryCode` in its language when it knows the code. */
  summary: z.string().min(1),
  summaryCode: alertTextCodeSchema.optional(),
  summaryParams: alertTextParamsSchema.optional(),
  actions: z.array(
    z.object({
      action: z.enum(['discharge_storage', 'reduce_load', 'review_consumption', 'check_meter', 'stop_charging', 'stop_discharging']),
      /** A meter or enterprise id. */
      target: idSchema,
      kw: z.number().optional(),
      /** Share of the total the target accounts for (0-1). */
      share: z.number().optional(),
    }),
  ),
});

/**
 * One alert. `key` is the dedup key (rule id and subject): at most one open alert per key.
 * `occurrence` numbers the alerts of one key (1, 2, ...), `previousAlertId` links a
 * recurrence to the alert before it; `count` is how often the condition was raised into
 * this alert (a flap or a repeated mark adds one). Times are epoch milliseconds.
 */
export const alertSchema = z.object({
  alertId: z.string().min(1),
  key: z.string().min(1),
  ruleId: idSchema,
  kind: ruleKindSchema,
  severity: severitySchema,
  park: idSchema,
  owner: alertOwnerSchema,
  meter: idSchema,
  state: alertStateSchema,
  firstSeenMs: z.number().int(),
  lastSeenMs: z.number().int(),
  occurrence: z.number().int().positive(),
  count: z.number().int().positive(),
  previousAlertId: z.string().min(1).optional(),
  /** English, rendered from `messageCode` and `messageParams` (see alert-messages.ts); events stored before codes have the text only. */
  message: z.string(),
  messageCode: alertTextCodeSchema.optional(),
  messageParams: alertTextParamsSchema.optional(),
  value: z.number().optional(),
  /**
   * What `meter` names when it is not a meter: an enterprise (budgets per enterprise) or the
   * park (park budgets, green share). Absent for meter subjects.
   */
  subjectScope: z.enum(['enterprise', 'park']).optional(),
  recommendation: recommendationSchema.optional(),
  acknowledged: z.object({ by: z.string().min(1), atMs: z.number().int(), comment: z.string().optional() }).optional(),
  /**
   * `by` is "condition" when the condition itself cleared, "system" when the service did
   * (with `reason`), else the person who cleared it.
   */
  cleared: z.object({ by: z.string().min(1), atMs: z.number().int(), comment: z.string().optional(), reason: alertClearReasonSchema.optional() }).optional(),
  /**
   * On an alert cleared by its condition: whether it had been acknowledged first (someone
   * acted and the condition went away), the figure the warning-to-optimization loop counts.
   */
  clearedAfterAck: z.boolean().optional(),
});

/**
 * A lifecycle event on `ems-int/v1/{parkId}/alerts`: the alert as it is after the change.
 * `eventId` is `{alertId}:{revision}`, so a consumer that sees one twice can drop it.
 */
export const alertEventSchema = alertSchema.extend({
  v: z.literal(1),
  eventId: z.string().min(1),
  type: alertEventTypeSchema,
  atMs: z.number().int(),
});

export type AlertOwner = z.infer<typeof alertOwnerSchema>;
export type Alert = z.infer<typeof alertSchema>;
export type Recommendation = z.infer<typeof recommendationSchema>;
export type AlertEvent = z.infer<typeof alertEventSchema>;
