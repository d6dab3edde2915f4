import { z } from 'zod';
import { ALERT_PARAM_MAX_CHARS, ALERT_PARAMS_MAX } from './alert-templates.js';

/**
 * A stable code such as `max_demand.forecast_over`. Any well-formed code parses (not only
 * today's), so a newer rules service's events still pass an older gateway.
 */
export const alertTextCodeSchema = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/).max(64);

/** A text's parameters: a bounded record of strings, finite numbers and booleans. */
export const alertTextParamsSchema = z
  .record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,31}$/), z.union([z.string().max(ALERT_PARAM_MAX_CHARS), z.number().refine(Number.isFinite), z.boolean()]))
  .refine((p) => Object.keys(p).length <= ALERT_PARAMS_MAX, { message: `at most ${ALERT_PARAMS_MAX} parameters` });
