import { z } from 'zod';

/** GB/T 2589-2020 bases: 当量值 (calorific value) and 等价值 (primary energy equivalent). */
export const COAL_BASES = ['当量值', '等价值'] as const;

/** The two GB/T 2589 natural-gas rows of the factor set; pick the one matching the gas's NCV. */
export const NATURAL_GAS_FACTOR_IDS = ['ce_ng_oilfield', 'ce_ng_gasfield'] as const;

/** Fuels an `oil` meter may burn (mass metered, kg); they have GB/T 2589 and GB/T 32150 rows. */
export const OIL_FUELS = ['diesel', 'gasoline', 'fuel_oil', 'lpg'] as const;

/**
 * Size classes of the NDRC 2025 zero-carbon park notice (发改环资〔2025〕910号), by annual
 * comprehensive energy consumption: below 200,000 tce, 200,000-1,000,000 tce, above.
 */
export const PARK_SIZE_CLASSES = ['under_200k_tce', '200k_to_1m_tce', 'over_1m_tce'] as const;

/** A 等价值 coefficient the park configures, in the unit of the matching 当量值 row. */
const equivalentFactorSchema = z.object({
  /** kgce/kWh for electricity, kgce/MJ for heat, kgce/kg for steam. */
  value: z.number().positive(),
  /** Where the value comes from, e.g. `国家统计局 2023年火电供电标准煤耗 (公报)`. */
  source: z.string().min(1),
  year: z.number().int().min(2000).max(2100).optional(),
});

/**
 * The park's factor choices (`park.accounting` in the registry). Every key is optional;
 * `@lingtan/domain` `factorChoiceOf` fills the documented defaults and lists the keys it
 * defaulted, so a figure always says which choices were made for it.
 */
export const parkAccountingSchema = z
  .object({
    /** Grid region for the location-based factor (`江苏`, `华东`, `全国`). Default: park.province, else park.grid_region, else 全国. */
    province: z.string().min(1).optional(),
    /** Data year of the MEE/NBS grid factors. Default: the newest year the factor set has for the region. */
    grid_factor_year: z.number().int().min(2000).max(2100).optional(),
    /** Default 当量值. 等价值 needs `equivalent_factors` for every secondary carrier metered. */
    coal_basis: z.enum(COAL_BASES, { error: `expected one of ${COAL_BASES.join(', ')}` }).optional(),
    /** Default ce_ng_oilfield (38,931 kJ/m3, matching the GB/T 32150 NCV of the scope 1 factor). */
    natural_gas_factor: z.enum(NATURAL_GAS_FACTOR_IDS, { error: `expected one of ${NATURAL_GAS_FACTOR_IDS.join(', ')}` }).optional(),
    /**
     * Factor for the market-based rest: a residual factor id of the factor set, or
     * `location_average`. Default: grid_excl_market_nonfossil_<grid year> when the set has it.
     */
    residual: z.string().min(1).optional(),
    /** Zero-carbon park size class. Default: from the year's comprehensive energy consumption. */
    size_class: z.enum(PARK_SIZE_CLASSES, { error: `expected one of ${PARK_SIZE_CLASSES.join(', ')}` }).optional(),
    /** 等价值 coefficients by secondary carrier. */
    equivalent_factors: z
      .object({ electricity: equivalentFactorSchema.optional(), heat: equivalentFactorSchema.optional(), steam: equivalentFactorSchema.optional() })
      .optional(),
    /** What `oil` meters burn. Default diesel; `oil_fuel_by_meter` overrides per meter id. */
    oil_fuel: z.enum(OIL_FUELS).optional(),
    oil_fuel_by_meter: z.record(z.string(), z.enum(OIL_FUELS)).optional(),
    /** Steam enthalpy for purchased-steam CO2, GJ/t. Default 3.763 (the GB/T 2589 low-pressure steam row). */
    steam_gj_per_t: z.number().positive().max(4).optional(),
    /** Whether retired GECs count towards green-electricity shares. Default true. */
    gec_counts_as_green: z.boolean().optional(),
  })
  .strict()
  .refine((a) => a.coal_basis !== '等价值' || a.equivalent_factors?.electricity !== undefined, {
    path: ['equivalent_factors', 'electricity'],
    message: 'coal_basis 等价值 needs equivalent_factors.electricity (kgce/kWh, e.g. the year\'s power supply coal rate)',
  });

export type ParkAccounting = z.infer<typeof parkAccountingSchema>;
export type CoalBasisName = (typeof COAL_BASES)[number];
export type OilFuel = (typeof OIL_FUELS)[number];
export type ParkSizeClass = (typeof PARK_SIZE_CLASSES)[number];
