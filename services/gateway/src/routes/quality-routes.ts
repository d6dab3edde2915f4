import { Router } from 'express';
import { auditQuerySchema, noQuerySchema } from '@lingtan/schema';
import type { RouteContext } from '../context.js';
import { allow } from '../http/context.js';
import { parseQuery } from '../http/parse.js';
import { isStale } from './registry-routes.js';

/**
 * `GET /quality`: each meter's newest reading and whether it is online (a reading within 3
 * nominal intervals), per enterprise the share of meters online (completeness, percent), and
 * today's dead letters by reason. `GET /audit`: the audit ring (admins).
 */
export function qualityRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { registry, store, clock } = ctx.deps;

  router.get('/quality', async (req, res) => {
    parseQuery(noQuerySchema, req);
    allow(res, 'quality:read', ctx.at.park());
    const latest = new Map((await store.latest({ park: registry.parkId })).map((p) => [p.meter, p.tsMs]));
    const nowMs = clock.nowMs();
    const meters = registry.registry.meters.map((m) => {
      const lastReadingMs = latest.get(m.id) ?? null;
      return { meter: m.id, enterprise: m.enterprise, carrier: m.carrier, lastReadingMs, online: lastReadingMs !== null && !isStale(m, lastReadingMs, nowMs) };
    });
    const completeness = registry.registry.enterprises.map((e) => {
      const own = meters.filter((m) => m.enterprise === e.id);
      return { enterprise: e.id, pct: own.length === 0 ? 100 : (100 * own.filter((m) => m.online).length) / own.length };
    });
    res.json({ meters, completeness, deadLetters: ctx.deps.deadLetters?.today() ?? { today: 0, byCode: {} } });
  });

  router.get('/audit', (req, res) => {
    const q = parseQuery(auditQuerySchema, req);
    allow(res, 'audit:read', ctx.at.park());
    res.json({ entries: ctx.audit.recent(q.limit) });
  });
  return router;
}
