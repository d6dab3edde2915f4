import { z } from 'zod';

/** Every energy carrier, supply asset or output a park meters. */
export const CARRIERS = [
  'electricity',
  'heat',
  'cooling',
  'steam',
  'gas',
  'oil',
  'water',
  'pv',
  'storage',
  'distribution',
  'production',
] as const;

export const carrierSchema = z.enum(CARRIERS);
export type Carrier = z.infer<typeof carrierSchema>;

/** Where a meter sits: main incomer, sub-meter, generator, storage, or equipment. */
export const METER_ROLES = ['main', 'sub', 'generation', 'storage', 'equipment'] as const;
export const meterRoleSchema = z.enum(METER_ROLES);
export type MeterRole = z.infer<typeof meterRoleSchema>;
