import { z } from 'zod';
import { idSchema } from './ids.js';
import { rejectCodeSchema } from './reject-codes.js';

/** Longest excerpt of a rejected payload carried in a dead letter. */
export const DEAD_LETTER_EXCERPT_CHARS = 512;

/**
 * A rejected message or reading, published to `ems-int/v1/{parkId}/dead-letter`.
 * `readingIndex` is set when one reading of a batch was refused and the rest were kept.
 */
export const deadLetterSchema = z.object({
  v: z.literal(1),
  receivedAtMs: z.number().int(),
  topic: z.string(),
  code: rejectCodeSchema,
  detail: z.string(),
  path: z.string().optional(),
  park: idSchema.optional(),
  enterprise: idSchema.optional(),
  meter: idSchema.optional(),
  readingIndex: z.number().int().nonnegative().optional(),
  payloadBytes: z.number().int().nonnegative(),
  payloadExcerpt: z.string(),
});

export type DeadLetter = z.infer<typeof deadLetterSchema>;
