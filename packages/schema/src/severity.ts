import { z } from 'zod';

/** Alert severities, most urgent first (the order a control view sorts by). */
export const SEVERITIES = ['critical', 'major', 'minor', 'warning', 'info'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;
