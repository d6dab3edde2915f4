import { z } from 'zod';
import { principalSchema } from '../access.js';
import { alertSchema } from '../alerts.js';
import { carrierSchema, meterRoleSchema } from '../carriers.js';
import { idSchema } from '../ids.js';
import { HISTORY_RESOLUTIONS } from './queries.js';

/** `{ principal }`: login and `GET /api/v1/me`. */
export const principalResponseSchema = z.object({ principal: principalSchema });

export const enterpriseInfoSchema = z.object({ id: idSchema, name: z.string(), industry: z.string().optional() });

/** `GET /api/v1/park`; an enterprise user's list holds only its own enterprise. */
export const parkResponseSchema = z.object({
  park: z.object({ id: idSchema, name: z.string(), timezone: z.string(), province: z.string().optional() }),
  enterprises: z.array(enterpriseInfoSchema),
  /** The factor set every carbon figure uses, `id@version`. */
  factorSet: z.string(),
});

export const meterInfoSchema = z.object({
  id: idSchema,
  name: z.string().optional(),
  enterprise: idSchema,
  carrier: carrierSchema,
  role: meterRoleSchema,
  parent: idSchema.nullable(),
  interval_s: z.number(),
});

/** `GET /api/v1/enterprises/:id` */
export const enterpriseResponseSchema = z.object({ enterprise: enterpriseInfoSchema, meters: z.array(meterInfoSchema) });
/** `GET /api/v1/meters` */
export const metersResponseSchema = z.object({ meters: z.array(meterInfoSchema) });

/** `GET /api/v1/latest`; `stale` = older than 3 nominal intervals. */
export const latestResponseSchema = z.object({
  points: z.array(
    z.object({ meter: idSchema, enterprise: idSchema, carrier: carrierSchema, ts: z.number().int(), values: z.record(z.string(), z.number()), stale: z.boolean() }),
  ),
});

/** `GET /api/v1/history`: `[bucketStartMs, value]` pairs (raw: `[tsMs, value]`). */
export const historyResponseSchema = z.object({
  resolution: z.enum(HISTORY_RESOLUTIONS),
  timezone: z.string(),
  series: z.array(
    z.object({
      meter: idSchema,
      enterprise: idSchema,
      quantity: z.string(),
      unit: z.string(),
      points: z.array(z.tuple([z.number(), z.number()])),
    }),
  ),
});

const co2Schema = z.object({ total: z.number(), scope1: z.number(), scope2Location: z.number() });

/** `GET /api/v1/summary`: tce (GB/T 2589-2020), tCO2 (scope 1 + scope 2 location-based), with the factor set named. */
export const summaryResponseSchema = z.object({
  scope: z.enum(['park', 'enterprise', 'meter']),
  id: idSchema,
  period: z.object({ startMs: z.number().int(), endMs: z.number().int(), label: z.string() }),
  factorSet: z.string(),
  energyTce: z.number(),
  co2T: co2Schema,
  electricityKwh: z.number(),
  /** Time-of-use cost where the park has a tariff and the caller may see costs; else null. */
  costCny: z.number().nullable(),
  byEnterprise: z.array(z.object({ enterprise: idSchema, name: z.string(), energyTce: z.number(), co2T: z.number() })).optional(),
  byMeter: z.array(z.object({ meter: idSchema, name: z.string().optional(), energyTce: z.number(), co2T: z.number(), electricityKwh: z.number() })).optional(),
});

/** `GET /api/v1/alerts`: the newest state of each alert, newest first. */
export const alertsResponseSchema = z.object({ alerts: z.array(alertSchema) });

/** 202 of an alert action: the command is on its way to the rules service. */
export const commandAcceptedSchema = z.object({ accepted: z.literal(true), commandId: z.string() });

/** `GET /api/v1/quality` */
export const qualityResponseSchema = z.object({
  meters: z.array(z.object({ meter: idSchema, enterprise: idSchema, carrier: carrierSchema, lastReadingMs: z.number().int().nullable(), online: z.boolean() })),
  completeness: z.array(z.object({ enterprise: idSchema, pct: z.number() })),
  deadLetters: z.object({ today: z.number().int(), byCode: z.record(z.string(), z.number().int()) }),
});

/** One audited decision: a refusal, a login, an alert action. */
export const auditEntrySchema = z.object({
  atMs: z.number().int(),
  outcome: z.enum(['allowed', 'refused']),
  action: z.string(),
  /** userId, or `anonymous`. */
  actor: z.string(),
  role: z.string().optional(),
  enterprise: z.string().optional(),
  resource: z.string(),
  code: z.string().optional(),
  detail: z.string().optional(),
  ip: z.string().optional(),
  requestId: z.string().optional(),
});

/** `GET /api/v1/audit` (admins), newest first. */
export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema) });

export type ParkResponse = z.infer<typeof parkResponseSchema>;
export type MeterInfo = z.infer<typeof meterInfoSchema>;
export type LatestResponse = z.infer<typeof latestResponseSchema>;
export type HistoryResponse = z.infer<typeof historyResponseSchema>;
export type SummaryResponse = z.infer<typeof summaryResponseSchema>;
export type QualityResponse = z.infer<typeof qualityResponseSchema>;
export type AuditEntry = z.infer<typeof auditEntrySchema>;
