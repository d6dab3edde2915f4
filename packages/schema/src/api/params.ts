import { z } from 'zod';
import { idSchema } from '../ids.js';

/** Most ids in one comma list (`meter=a,b,c`). */
export const MAX_IDS_PER_LIST = 100;

/**
 * A time in a request: ISO 8601 with an offset (`2026-11-01T00:00:00+08:00`) or epoch ms.
 * Times without an offset are refused: a park's local time and the server's differ.
 */
export const timeParamSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    if (/^\d{1,15}$/.test(value)) return Number(value);
    const iso = z.iso.datetime({ offset: true }).safeParse(value);
    const ms = iso.success ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'expected ISO 8601 with an offset (2026-11-01T00:00:00+08:00) or epoch milliseconds' });
      return z.NEVER;
    }
    return ms;
  });

/** A comma-separated list of ids, each checked (so `*`, `%` or an empty item is refused). */
export const idListParamSchema = z
  .string()
  .max(MAX_IDS_PER_LIST * 65)
  .transform((value, ctx) => {
    const ids = value.split(',');
    if (ids.length > MAX_IDS_PER_LIST) {
      ctx.addIssue({ code: 'custom', message: `at most ${MAX_IDS_PER_LIST} ids` });
      return z.NEVER;
    }
    for (const id of ids) {
      if (!idSchema.safeParse(id).success) {
        ctx.addIssue({ code: 'custom', message: `"${id.slice(0, 64)}" is not an id (1 to 64 letters, digits, "_" or "-"; no wildcards)` });
        return z.NEVER;
      }
    }
    return [...new Set(ids)];
  });

/** Marks an issue whose API error code is more specific than `invalid_request`. */
export const apiCodeParams = (apiCode: string) => ({ apiCode });
