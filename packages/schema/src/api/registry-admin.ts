// Bodies and responses of the registry admin API (`/api/v1/admin/*`): admins edit the park
// registry through the gateway, which writes the file every service watches.
import { z } from 'zod';
import { carrierSchema, meterRoleSchema } from '../carriers.js';
import { idSchema } from '../ids.js';
import { budgetsSchema, registrySchema } from '../registry.js';

const registerValues = z.record(z.string().min(1), z.number().nonnegative());

/** `POST /api/v1/admin/enterprises`: a new enterprise (tenant). */
export const enterpriseCreateSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1),
  industry: z.string().trim().min(1).optional(),
  budgets: budgetsSchema.strict().optional(),
});

/** `PATCH /api/v1/admin/enterprises/:id`: fields to change; null removes an optional one. */
export const enterprisePatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).optional(),
    industry: z.string().trim().min(1).nullable().optional(),
    budgets: budgetsSchema.strict().nullable().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change');

/** `POST /api/v1/admin/meters`: a new meter (role, parent and interval default as in the registry file). */
export const meterCreateSchema = z.strictObject({
  id: idSchema,
  name: z.string().trim().min(1).optional(),
  enterprise: idSchema,
  carrier: carrierSchema,
  role: meterRoleSchema.optional(),
  parent: idSchema.nullable().optional(),
  interval_s: z.number().positive().max(86_400).optional(),
  rollover_max: z.record(z.string().min(1), z.number().positive()).optional(),
});

/**
 * `PATCH /api/v1/admin/meters/:id`: fields to change; null removes an optional one.
 * `carrier` and `enterprise` are accepted so that a change of either is answered with the
 * reason it is refused (409), not as an unknown field.
 */
export const meterPatchSchema = z
  .strictObject({
    name: z.string().trim().min(1).nullable().optional(),
    role: meterRoleSchema.optional(),
    parent: idSchema.nullable().optional(),
    interval_s: z.number().positive().max(86_400).optional(),
    rollover_max: z.record(z.string().min(1), z.number().positive()).nullable().optional(),
    carrier: carrierSchema.optional(),
    enterprise: idSchema.optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'name at least one field to change');

/**
 * `POST /api/v1/admin/meters/:id/replacements`: a meter swap, the registry event the
 * ingestor's counters use: when, the old meter's registers at removal (`final`) and the new
 * one's at fitting (`initial`), so the delta across the swap is neither lost nor negative.
 */
export const meterReplacementSchema = z.strictObject({
  at: z.iso.datetime({ offset: true }),
  final: registerValues.optional(),
  initial: registerValues.optional(),
});

/** What one write changed, by id (as `RegistryChange` has it). */
export const registryIdChangesSchema = z.object({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  changed: z.array(z.string()),
});

/** `GET /api/v1/admin/registry`: the whole registry, its revision and ETag (also the `ETag` header). */
export const registryAdminResponseSchema = z.object({
  registry: registrySchema,
  /** The gateway's live revision: 1 at start, +1 per applied change. */
  revision: z.number().int().positive(),
  /** Quoted SHA-256 of the file's text: send it back as `If-Match`. */
  etag: z.string().min(1),
  writable: z.boolean(),
  /** Why writes are refused (503 `registry_read_only`), when they are. */
  readOnlyReason: z.string().optional(),
});

/** The answer to every accepted write. */
export const registryWriteResponseSchema = z.object({
  revision: z.number().int().positive(),
  etag: z.string().min(1),
  enterprises: registryIdChangesSchema,
  meters: registryIdChangesSchema,
});

export type EnterpriseCreate = z.infer<typeof enterpriseCreateSchema>;
export type EnterprisePatch = z.infer<typeof enterprisePatchSchema>;
export type MeterCreate = z.infer<typeof meterCreateSchema>;
export type MeterPatch = z.infer<typeof meterPatchSchema>;
export type MeterReplacement = z.infer<typeof meterReplacementSchema>;
export type RegistryAdminResponse = z.infer<typeof registryAdminResponseSchema>;
export type RegistryWriteResponse = z.infer<typeof registryWriteResponseSchema>;
