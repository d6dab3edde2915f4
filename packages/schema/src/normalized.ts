import { z } from 'zod';
import { carrierSchema } from './carriers.js';
import { idSchema } from './ids.js';

/**
 * How a cumulative register reading relates to the previous one (see
 * `@lingtan/domain` stepRegister): first, normal, gap, reset, rollover, replaced, late,
 * duplicate, suspect_negative, rebased.
 */
export const COUNTER_MARKS = ['first', 'normal', 'gap', 'reset', 'rollover', 'replaced', 'late', 'duplicate', 'suspect_negative', 'rebased'] as const;
export const counterMarkSchema = z.enum(COUNTER_MARKS);
export type CounterMark = z.infer<typeof counterMarkSchema>;

/** Suffix of the stored field that holds a register's interval delta: `energy_import_kwh_delta`. */
export const DELTA_SUFFIX = '_delta';

/**
 * One normalized reading, with short keys because the stream carries every reading:
 * `m` meter, `c` carrier, `ts` device time (epoch ms), `rx` receive time (epoch ms),
 * `v` values in canonical units (the wire units), `d` interval deltas of cumulative
 * registers, `k` marks of registers other than `normal`.
 */
export const normalizedReadingSchema = z.object({
  m: idSchema,
  c: carrierSchema,
  ts: z.number().int(),
  rx: z.number().int(),
  v: z.record(z.string(), z.number()),
  d: z.record(z.string(), z.number()).optional(),
  k: z.record(z.string(), counterMarkSchema).optional(),
});

/** A batch on `ems-int/v1/{parkId}/{enterpriseId}/readings`, in spool order. */
export const normalizedBatchSchema = z.object({
  v: z.literal(1),
  park: idSchema,
  enterprise: idSchema,
  readings: z.array(normalizedReadingSchema).min(1),
});

export type NormalizedReading = z.infer<typeof normalizedReadingSchema>;
export type NormalizedBatch = z.infer<typeof normalizedBatchSchema>;

/** Most readings in one normalized batch message. */
export const MAX_NORMALIZED_BATCH = 1000;
