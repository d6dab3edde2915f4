import { Router } from 'express';
import type { Response } from 'express';
import type { Meter } from '@lingtan/schema';
import { idSchema, latestQuerySchema, metersQuerySchema } from '@lingtan/schema';
import type { MeterInfo } from '@lingtan/schema';
import type { RouteContext } from '../context.js';
import { allow, may } from '../http/context.js';
import { parsePath, parseQuery } from '../http/parse.js';
import { factorSetName } from '../query/factor-set-name.js';

/** A meter as the API shows it (no rollover or replacement details). */
export const meterInfo = (m: Meter): MeterInfo => ({
  id: m.id,
  ...(m.name === undefined ? {} : { name: m.name }),
  enterprise: m.enterprise,
  carrier: m.carrier,
  role: m.role,
  parent: m.parent,
  interval_s: m.interval_s,
});

/**
 * Which meters a request names: `meter` (a list, each checked) or `enterprise` or, for park
 * roles, all. Every id is authorized; one foreign id refuses the whole request.
 */
export function selectMeters(ctx: RouteContext, res: Response, action: Parameters<typeof allow>[1], q: { enterprise?: string | undefined; meter?: readonly string[] | undefined }): Meter[] {
  const { registry } = ctx.deps;
  if (q.meter !== undefined) {
    const resources = q.meter.map((id) => ctx.at.meter(id));
    for (const r of resources) allow(res, action, r);
    if (q.enterprise !== undefined) allow(res, action, ctx.at.enterprise(q.enterprise));
    return q.meter.map((id) => registry.meter(id)!).filter((m) => q.enterprise === undefined || m.enterprise === q.enterprise);
  }
  if (q.enterprise !== undefined) {
    allow(res, action, ctx.at.enterprise(q.enterprise));
    return [...registry.metersOf(q.enterprise)];
  }
  allow(res, action, ctx.at.park());
  return [...registry.registry.meters];
}

/** `stale`: older than 3 nominal intervals of the meter. */
export const isStale = (m: Meter, tsMs: number, nowMs: number) => nowMs - tsMs > 3 * m.interval_s * 1000;

/** The park, enterprises, meters and their newest values. */
export function registryRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { registry } = ctx.deps;
  // The park's id never changes while running (the live registry refuses that); its name,
  // province and the rest may, so /park reads them per request.
  const parkId = registry.parkId;

  router.get('/park', (_req, res) => {
    const park = registry.registry.park;
    const enterprises = registry.registry.enterprises
      .filter((e) => may(res, 'registry:read', ctx.at.enterprise(e.id)))
      .map((e) => ({ id: e.id, name: e.name, ...(e.industry === undefined ? {} : { industry: e.industry }) }));
    res.json({
      park: { id: park.id, name: park.name, timezone: park.timezone, ...(park.province === undefined ? {} : { province: park.province }) },
      enterprises,
      factorSet: factorSetName(),
    });
  });

  router.get('/enterprises/:id', (req, res) => {
    const id = parsePath(idSchema, req.params.id, 'id');
    allow(res, 'registry:read', ctx.at.enterprise(id, 'id'));
    const e = registry.enterprise(id)!;
    res.json({ enterprise: { id: e.id, name: e.name, ...(e.industry === undefined ? {} : { industry: e.industry }) }, meters: registry.metersOf(id).map(meterInfo) });
  });

  router.get('/meters', (req, res) => {
    const q = parseQuery(metersQuerySchema, req);
    res.json({ meters: selectMeters(ctx, res, 'registry:read', q).map(meterInfo) });
  });

  router.get('/latest', async (req, res) => {
    const q = parseQuery(latestQuerySchema, req);
    const meters = selectMeters(ctx, res, 'latest:read', q);
    const wanted = new Set(meters.map((m) => m.id));
    const single = q.meter?.length === 1 ? q.meter[0] : undefined;
    const points = await ctx.deps.store.latest({ park: parkId, ...(q.enterprise === undefined ? {} : { enterprise: q.enterprise }), ...(single === undefined ? {} : { meter: single }) });
    const nowMs = ctx.deps.clock.nowMs();
    res.json({
      points: points
        .filter((p) => wanted.has(p.meter))
        .map((p) => ({ meter: p.meter, enterprise: p.enterprise, carrier: p.carrier, ts: p.tsMs, values: p.values, stale: isStale(registry.meter(p.meter)!, p.tsMs, nowMs) })),
    });
  });
  return router;
}
