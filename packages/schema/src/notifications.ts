import { z } from 'zod';
import { alertEventTypeSchema } from './alert-types.js';
import { idSchema } from './ids.js';
import { severitySchema } from './severity.js';

/** Message formats: Lingtan's signed JSON, or the robot webhooks Chinese enterprises use. */
export const RECEIVER_FORMATS = ['json', 'dingtalk', 'wecom'] as const;

const httpUrl = z.string().refine((value) => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}, 'expected an http:// or https:// URL');

/**
 * Where one owner's alerts are delivered. `owner` is an enterprise id, or `park` for the park
 * operator's alerts: a receiver only ever gets the alerts of its owner. `json` bodies are
 * signed with HMAC-SHA256 of the body (header `x-lingtan-signature: sha256=<hex>`);
 * DingTalk robots sign the URL (`timestamp`, `sign`) when a secret is given.
 */
export const receiverSchema = z
  .object({
    id: idSchema,
    owner: idSchema,
    format: z.enum(RECEIVER_FORMATS).default('json'),
    url: httpUrl,
    secret: z.string().min(16, 'a secret of at least 16 characters').optional(),
    /** The least severe alert sent (severities from critical to info). */
    min_severity: severitySchema.default('warning'),
    /** Which lifecycle events are sent. */
    events: z.array(alertEventTypeSchema).min(1).default(['raised', 'cleared']),
    /** At most this many messages a minute; the rest are counted and logged as dropped. */
    max_per_minute: z.number().int().positive().default(20),
  })
  .strict();

export type Receiver = z.infer<typeof receiverSchema>;
