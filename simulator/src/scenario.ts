import type { Registry } from '@lingtan/schema';
import { budgetsSchema, carrierSchema, idSchema, meterRoleSchema, parkSchema, registrySchema } from '@lingtan/schema';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatIssues } from './fault-spec.js';

/** Industry profiles a person recognises from a park's load curves. */
export const INDUSTRY_PROFILES = ['continuous_chemical', 'two_shift_machining', 'data_centre', 'cold_chain', 'office', 'steel', 'park_utility'] as const;

const localDateSchema = z.iso.date({ error: 'expected a local date YYYY-MM-DD' });

const hourWindowSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, { error: 'expected a local window HH:MM-HH:MM' }).refine((w) => w.slice(0, 5) < w.slice(6), { error: 'expected a window within one day, its start before its end' });

const meterSpecSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1).optional(),
    carrier: carrierSchema,
    role: meterRoleSchema.default('main'),
    parent: idSchema.nullable().default(null),
    interval_s: z.number().positive().max(86_400).default(60),
    /** Typical peak of the meter's own quantity, in its carrier's power unit (kW, Nm³/h, t/h). */
    peak: z.number().positive().optional(),
    /** PV: DC capacity, kWp. */
    capacity_kwp: z.number().positive().optional(),
    /** Storage: usable energy and power. */
    capacity_kwh: z.number().positive().optional(),
    power_kw: z.number().positive().optional(),
    strategy: z.enum(['tou_arbitrage', 'peak_shaving']).optional(),
    soc_min_pct: z.number().min(0).max(100).default(10),
    soc_max_pct: z.number().min(0).max(100).default(95),
    /** Storage: AC-to-AC round-trip efficiency. */
    round_trip_efficiency: z.number().gt(0).max(1).default(0.88),
    /** Storage, time-of-use arbitrage: local windows to charge in (低谷) and discharge in (高峰/尖峰). */
    valley_hours: z.array(hourWindowSchema).default(['00:00-08:00']),
    peak_hours: z.array(hourWindowSchema).default(['08:00-11:00', '17:00-22:00']),
    /** Production: output value per unit made, CNY (e.g. per tonne of steel). */
    unit_value_cny: z.number().positive().default(120),
    /** Storage, peak shaving: the site import to stay under, kW. */
    threshold_kw: z.number().positive().optional(),
  })
  .strict()
  .superRefine((meter, ctx) => {
    if (meter.carrier === 'pv' && meter.capacity_kwp === undefined) ctx.addIssue({ code: 'custom', path: ['capacity_kwp'], message: 'a pv meter needs capacity_kwp' });
    if (meter.carrier === 'storage') {
      for (const key of ['capacity_kwh', 'power_kw', 'strategy'] as const) if (meter[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: `a storage meter needs ${key}` });
      if (meter.strategy === 'peak_shaving' && meter.threshold_kw === undefined) ctx.addIssue({ code: 'custom', path: ['threshold_kw'], message: 'a peak_shaving storage meter needs threshold_kw' });
      if (meter.soc_min_pct >= meter.soc_max_pct) ctx.addIssue({ code: 'custom', path: ['soc_min_pct'], message: 'soc_min_pct must be below soc_max_pct' });
    }
  });

const enterpriseSpecSchema = z
  .object({
    id: idSchema,
    name: z.string().min(1),
    profile: z.enum(INDUSTRY_PROFILES),
    /** The registry's `industry` label, when it differs from the profile's name. */
    industry: z.string().min(1).optional(),
    /** Annual energy and carbon budgets, copied to the registry. */
    budgets: budgetsSchema.optional(),
    meters: z.array(meterSpecSchema).min(1),
  })
  .strict();

/**
 * A scenario: the park (with its site, for solar position and climate), its calendar and
 * its enterprises with their meters. `toRegistry` gives the registry the platform loads.
 */
export const scenarioSchema = z
  .object({
    park: parkSchema.extend({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      /** Annual mean outdoor temperature and the half-range of its seasonal swing, °C. */
      mean_temp_c: z.number().min(-30).max(40).default(15),
      seasonal_swing_c: z.number().min(0).max(30).default(12),
      /** Chance that a given day is overcast, for PV variability. */
      cloudy_day_share: z.number().min(0).max(1).default(0.35),
    }).strict(),
    calendar: z
      .object({
        /** Public holidays (法定节假日): run like Sundays. */
        holidays: z.array(localDateSchema).default([]),
        /** Weekend days worked to make up for holidays (调休): run like weekdays. */
        workdays: z.array(localDateSchema).default([]),
      })
      .strict()
      .default({ holidays: [], workdays: [] }),
    enterprises: z.array(enterpriseSpecSchema).min(1),
  })
  .strict();

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioMeter = Scenario['enterprises'][number]['meters'][number];

/** The registry of a scenario: the same ids, carriers, roles and tree; checked like any registry file. */
export function toRegistry(scenario: Scenario, source = 'the scenario'): Registry {
  const { park } = scenario;
  const registry = registrySchema.safeParse({
    park: {
      id: park.id,
      name: park.name,
      timezone: park.timezone,
      ...(park.province === undefined ? {} : { province: park.province }),
      ...(park.grid_region === undefined ? {} : { grid_region: park.grid_region }),
      ...(park.budgets === undefined ? {} : { budgets: park.budgets }),
    },
    enterprises: scenario.enterprises.map((e) => ({ id: e.id, name: e.name, industry: e.industry ?? e.profile, ...(e.budgets === undefined ? {} : { budgets: e.budgets }) })),
    meters: scenario.enterprises.flatMap((e) =>
      e.meters.map((m) => ({ id: m.id, ...(m.name === undefined ? {} : { name: m.name }), enterprise: e.id, carrier: m.carrier, role: m.role, parent: m.parent, interval_s: m.interval_s })),
    ),
  });
  if (!registry.success) throw new Error(formatIssues(`${source}: as a park registry`, registry.error));
  return registry.data;
}

/** Parse and validate scenario YAML; errors name `source` and every bad path. */
export function parseScenario(text: string, source: string): Scenario {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new Error(`${source} is not valid YAML: ${(error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) throw new Error(formatIssues(source, parsed.error));
  toRegistry(parsed.data, source); // cross-references: unknown parents, duplicate ids
  return parsed.data;
}
