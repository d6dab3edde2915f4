import { z } from 'zod';

/**
 * A person's action on an alert, sent by the gateway on `ems-int/v1/{parkId}/alert-commands`
 * (QoS 1). The rules service owns the lifecycle: it applies the command and publishes the
 * resulting alert event, or drops a command for an unknown or already-cleared alert
 * (counted). `commandId` makes a redelivered command harmless. `by` is the authenticated
 * user's id, set by the gateway from the session, never taken from the client.
 */
export const alertCommandSchema = z.object({
  v: z.literal(1),
  commandId: z.string().min(1).max(128),
  type: z.enum(['acknowledge', 'clear']),
  alertId: z.string().min(1).max(256),
  by: z.string().min(1).max(128),
  comment: z.string().max(2000).optional(),
  atMs: z.number().int(),
});

export type AlertCommand = z.infer<typeof alertCommandSchema>;
