import { z } from 'zod';
import { idSchema } from '../ids.js';
import { QUANTITIES } from '../quantities.js';
import type { QuantityName } from '../quantities.js';
import { severitySchema } from '../severity.js';
import { apiCodeParams, idListParamSchema, timeParamSchema } from './params.js';

/** History resolutions: raw points, local-time buckets of 1 min, 15 min, 1 h, 1 day, 1 month. */
export const HISTORY_RESOLUTIONS = ['raw', '1m', '15m', '1h', '1d', '1mo'] as const;
export type HistoryResolution = (typeof HISTORY_RESOLUTIONS)[number];

const DAY_MS = 86_400_000;
/** Longest range per resolution, so one request cannot ask for millions of points. */
export const MAX_RANGE_MS: Readonly<Record<HistoryResolution, number>> = {
  raw: 2 * DAY_MS,
  '1m': 7 * DAY_MS,
  '15m': 93 * DAY_MS,
  '1h': 400 * DAY_MS,
  '1d': 3700 * DAY_MS,
  '1mo': 3700 * DAY_MS,
};

/** Routes that take no query parameters (unknown ones are refused, not ignored). */
export const noQuerySchema = z.strictObject({});

/** `GET /api/v1/meters` */
export const metersQuerySchema = z.strictObject({ enterprise: idSchema.optional() });

/** `GET /api/v1/latest`: one enterprise, some meters, or (park roles) the whole park. */
export const latestQuerySchema = z.strictObject({ enterprise: idSchema.optional(), meter: idListParamSchema.optional() });

/** `GET /api/v1/history` */
export const historyQuerySchema = z
  .strictObject({
    meter: idListParamSchema.optional(),
    enterprise: idSchema.optional(),
    quantity: z.enum(Object.keys(QUANTITIES) as [QuantityName, ...QuantityName[]], { error: 'not a quantity of the catalogue (e.g. power_kw, energy_import_kwh)' }),
    from: timeParamSchema,
    to: timeParamSchema,
    resolution: z.enum(HISTORY_RESOLUTIONS).default('1h'),
    /** Power: the mean (default) or the maximum per bucket. Energy is always the sum. */
    stat: z.enum(['mean', 'max']).default('mean'),
  })
  .superRefine((q, ctx) => {
    if ((q.meter === undefined) === (q.enterprise === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['meter'], message: 'give either meter (a comma list) or enterprise' });
    }
    if (!(q.from < q.to)) ctx.addIssue({ code: 'custom', path: ['from'], message: '"from" must be before "to"' });
    else if (q.to - q.from > MAX_RANGE_MS[q.resolution]) {
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `at resolution ${q.resolution} a range is at most ${MAX_RANGE_MS[q.resolution] / DAY_MS} days; choose a coarser resolution`,
        params: apiCodeParams('range_too_large'),
      });
    }
  });

/** `GET /api/v1/summary` */
export const summaryQuerySchema = z
  .strictObject({
    scope: z.enum(['park', 'enterprise', 'meter']),
    id: idSchema.optional(),
    period: z.enum(['day', 'month', 'year']).default('day'),
    /** Any instant inside the wanted period; default now. */
    at: timeParamSchema.optional(),
  })
  .refine((q) => q.scope === 'park' || q.id !== undefined, { path: ['id'], message: 'id is required for scope enterprise or meter' });

/** Alert states a list can ask for; `open` = active or acknowledged. */
export const ALERT_LIST_STATES = ['active', 'acknowledged', 'cleared', 'open'] as const;

/** `GET /api/v1/alerts` */
export const alertsQuerySchema = z
  .strictObject({
    state: z.enum(ALERT_LIST_STATES).optional(),
    severity: severitySchema.optional(),
    enterprise: idSchema.optional(),
    from: timeParamSchema.optional(),
    to: timeParamSchema.optional(),
    limit: z.coerce.number({ error: 'expected a whole number from 1 to 1000' }).int().min(1).max(1000).default(200),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { path: ['from'], message: '"from" must be before "to"' });

/** `POST /api/v1/alerts/:alertId/acknowledge` and `/clear` body. */
export const alertActionBodySchema = z.strictObject({ comment: z.string().max(2000).optional() });

/** Path parameter of the alert actions. */
export const alertIdParamSchema = z.string().min(1).max(256).regex(/^[A-Za-z0-9_.:-]+$/, 'not an alert id');

/** `GET /api/v1/reports/monthly` */
export const monthlyReportQuerySchema = z
  .strictObject({
    scope: z.enum(['park', 'enterprise']),
    id: idSchema.optional(),
    month: z.string().regex(/^(19|20|21)\d\d-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM, e.g. 2026-11'),
    format: z.enum(['csv', 'xlsx']).default('csv'),
  })
  .refine((q) => q.scope === 'park' || q.id !== undefined, { path: ['id'], message: 'id is required for scope enterprise' });

/** `GET /api/v1/audit` */
export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number({ error: 'expected a whole number from 1 to 1000' }).int().min(1).max(1000).default(200),
});

export type HistoryQuery = z.infer<typeof historyQuerySchema>;
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;
export type MonthlyReportQuery = z.infer<typeof monthlyReportQuerySchema>;
export type LatestQuery = z.infer<typeof latestQuerySchema>;
