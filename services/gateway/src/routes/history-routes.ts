import { Router } from 'express';
import { historyQuerySchema } from '@lingtan/schema';
import type { RouteContext } from '../context.js';
import { parseQuery } from '../http/parse.js';
import { history } from '../query/history.js';
import { selectMeters } from './registry-routes.js';

/** `GET /history`: one quantity for a list of meters or an enterprise's meters. */
export function historyRoutes(ctx: RouteContext): Router {
  const router = Router();
  const park = ctx.deps.registry.registry.park;
  router.get('/history', async (req, res) => {
    const q = parseQuery(historyQuerySchema, req);
    const meters = selectMeters(ctx, res, 'history:read', q);
    const series = await history(ctx.deps.store, {
      park: park.id,
      timeZone: park.timezone,
      meters,
      quantity: q.quantity,
      fromMs: q.from,
      toMs: q.to,
      resolution: q.resolution,
      stat: q.stat,
    });
    res.json({ resolution: q.resolution, timezone: park.timezone, series });
  });
  return router;
}
