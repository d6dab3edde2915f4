import { z } from 'zod';

/** What happened to an alert. */
export const ALERT_EVENT_TYPES = ['raised', 'updated', 'acknowledged', 'cleared'] as const;
export const alertEventTypeSchema = z.enum(ALERT_EVENT_TYPES);
export type AlertEventType = z.infer<typeof alertEventTypeSchema>;
