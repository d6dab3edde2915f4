import { z } from 'zod';
import { carrierSchema, meterRoleSchema } from './carriers.js';
import { idSchema } from './ids.js';
import { parkAccountingSchema } from './park-accounting.js';

const timeZoneSchema = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'not an IANA time zone (e.g. Asia/Shanghai)');

/**
 * Annual energy and carbon budgets (用能预算 / 碳排放预算: the 双控 totals a park or an
 * enterprise is held to), tce and tCO2 per calendar year.
 */
export const budgetsSchema = z.object({
  year_tce: z.number().positive().optional(),
  year_tco2: z.number().positive().optional(),
});

/** The park itself. */
export const parkSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  timezone: timeZoneSchema.default('Asia/Shanghai'),
  province: z.string().min(1).optional(),
  grid_region: z.string().min(1).optional(),
  /** Factor choices for energy and carbon figures; optional, defaults documented in park-accounting.ts. */
  accounting: parkAccountingSchema.optional(),
  /** The park's own budgets (its total, not the sum of its enterprises'). */
  budgets: budgetsSchema.optional(),
});

/** An enterprise in the park (a tenant: it sees only its own data). */
export const enterpriseSchema = z.object({
  id: idSchema,
  name: z.string().min(1),
  industry: z.string().min(1).optional(),
  budgets: budgetsSchema.optional(),
});

/** A meter: which enterprise owns it, what it measures, where it sits. */
export const meterSchema = z.object({
  id: idSchema,
  name: z.string().min(1).optional(),
  enterprise: idSchema,
  carrier: carrierSchema,
  role: meterRoleSchema.default('main'),
  parent: idSchema.nullable().default(null),
  interval_s: z.number().positive().max(86_400).default(60),
  /** Registers that wrap: quantity name -> the value after which they count from zero. */
  rollover_max: z.record(z.string(), z.number().positive()).optional(),
  /** Meter swaps: when, and the registers of the old meter at removal and the new one at fitting. */
  replacements: z
    .array(
      z.object({
        at: z.iso.datetime({ offset: true }),
        final: z.record(z.string(), z.number().nonnegative()).optional(),
        initial: z.record(z.string(), z.number().nonnegative()).optional(),
      }),
    )
    .optional(),
});

/**
 * The park registry file. Keys and meanings are stable: registries written for v1 keep
 * loading. Cross-references (meter -> enterprise, meter -> parent) are checked here.
 */
export const registrySchema = z
  .object({
    park: parkSchema,
    enterprises: z.array(enterpriseSchema).min(1),
    meters: z.array(meterSchema),
  })
  .superRefine((registry, ctx) => {
    const enterpriseIds = new Set<string>();
    registry.enterprises.forEach((e, i) => {
      if (enterpriseIds.has(e.id)) {
        ctx.addIssue({ code: 'custom', path: ['enterprises', i, 'id'], message: `duplicate enterprise id "${e.id}"` });
      }
      enterpriseIds.add(e.id);
    });
    const meterIds = new Set<string>();
    registry.meters.forEach((m, i) => {
      if (meterIds.has(m.id)) {
        ctx.addIssue({ code: 'custom', path: ['meters', i, 'id'], message: `duplicate meter id "${m.id}"` });
      }
      meterIds.add(m.id);
      if (!enterpriseIds.has(m.enterprise)) {
        ctx.addIssue({ code: 'custom', path: ['meters', i, 'enterprise'], message: `unknown enterprise "${m.enterprise}"` });
      }
    });
    const parents = new Map(registry.meters.map((m) => [m.id, m.parent]));
    registry.meters.forEach((m, i) => {
      if (m.parent === null) return;
      if (!meterIds.has(m.parent)) {
        ctx.addIssue({ code: 'custom', path: ['meters', i, 'parent'], message: `unknown parent meter "${m.parent}"` });
        return;
      }
      const seen = new Set([m.id]);
      for (let p: string | null | undefined = m.parent; p != null; p = parents.get(p)) {
        if (seen.has(p)) {
          ctx.addIssue({ code: 'custom', path: ['meters', i, 'parent'], message: `parent chain of "${m.id}" loops` });
          return;
        }
        seen.add(p);
      }
    });
  });

export type Registry = z.infer<typeof registrySchema>;
export type Park = z.infer<typeof parkSchema>;
export type Enterprise = z.infer<typeof enterpriseSchema>;
export type Meter = z.infer<typeof meterSchema>;
export type Budgets = z.infer<typeof budgetsSchema>;
