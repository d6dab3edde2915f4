import { Router } from 'express';
import type { Response } from 'express';
import { alertActionBodySchema, alertIdParamSchema, alertsQuerySchema } from '@lingtan/schema';
import type { Alert, AlertCommand, AlertEvent, AlertOwner } from '@lingtan/schema';
import type { RouteContext } from '../context.js';
import type { Resource } from '../auth/authorize.js';
import { ApiFailure } from '../http/api-error.js';
import { allow, principalOf } from '../http/context.js';
import { parseBody, parsePath, parseQuery } from '../http/parse.js';
import { foldAlerts, stateMatches } from '../query/alert-fold.js';
import { alertWindow } from '../query/alert-window.js';

/** Commands go one alert at a time; an alert's whole history is read to find its owner. */
const ALL_TIME = { fromMs: 0 };

/** Who an alert belongs to, as an authorization resource. */
export const ownerResource = (park: string, owner: AlertOwner): Resource =>
  owner.scope === 'enterprise' ? { kind: 'enterprise', park, enterprise: owner.id } : { kind: 'park', park };

/**
 * Alerts list (active and acknowledged from the in-memory book, cleared ones from the store over
 * a bounded window), acknowledge, clear.
 */
export function alertRoutes(ctx: RouteContext): Router {
  const router = Router();
  const { store, registry, clock } = ctx.deps;
  const park = registry.parkId;

  router.get('/alerts', async (req, res) => {
    const q = parseQuery(alertsQuerySchema, req);
    // Park-wide lists are for park roles; an enterprise user names its enterprise.
    allow(res, 'alerts:read', q.enterprise === undefined ? ctx.at.park() : ctx.at.enterprise(q.enterprise));
    const window = alertWindow(q, clock.nowMs());
    const book = ctx.deps.openAlerts?.ready() === true ? ctx.deps.openAlerts : undefined;
    const owned = (e: AlertEvent) => q.enterprise === undefined || (e.owner.scope === 'enterprise' && e.owner.id === q.enterprise);
    // Open alerts come from memory; the store is read only for history (cleared ones), or when there is no book yet.
    const events: AlertEvent[] = book === undefined ? [] : book.events().filter((e) => owned(e) && e.atMs >= window.fromMs && e.atMs < window.toMs);
    if (book === undefined || q.state === undefined || q.state === 'cleared') {
      events.push(
        ...(await store.queryAlertEvents({
          park,
          ...(q.enterprise === undefined ? {} : { owner: { scope: 'enterprise' as const, id: q.enterprise } }),
          ...window,
        })),
      );
    }
    const alerts = foldAlerts(events).filter((a) => stateMatches(a, q.state) && (q.severity === undefined || a.severity === q.severity));
    res.json({ alerts: alerts.slice(0, q.limit) });
  });

  const act = (type: AlertCommand['type']) => async (req: Parameters<Parameters<typeof router.post>[1]>[0], res: Response) => {
    const alertId = parsePath(alertIdParamSchema, req.params.alertId, 'alertId');
    const body = parseBody(alertActionBodySchema, req);
    const principal = principalOf(res);
    const alert: Alert | undefined = foldAlerts(await store.queryAlertEvents({ park, alertId, fromMs: ALL_TIME.fromMs, toMs: clock.nowMs() + 60_000 }))[0];
    if (alert === undefined) throw new ApiFailure(404, 'not_found', `no alert "${alertId}"`, 'alertId', { action: `alerts:${type}`, resource: `alert:${alertId}` });
    allow(res, 'alerts:handle', ownerResource(park, alert.owner));
    const command: AlertCommand = {
      v: 1,
      commandId: ctx.newId(),
      type,
      alertId,
      by: principal.userId,
      ...(body.comment === undefined ? {} : { comment: body.comment }),
      atMs: clock.nowMs(),
    };
    try {
      await ctx.deps.publishCommand(command);
    } catch (error) {
      ctx.deps.logger.error({ err: String(error), alertId }, 'alert command not published');
      throw new ApiFailure(503, 'broker_unavailable', 'the message broker did not take the command; try again');
    }
    ctx.audit.record({ outcome: 'allowed', action: `alerts:${type}`, actor: principal.userId, role: principal.role, enterprise: principal.enterprise, resource: `alert:${alertId}`, detail: command.commandId });
    res.status(202).json({ accepted: true, commandId: command.commandId });
  };
  router.post('/alerts/:alertId/acknowledge', act('acknowledge'));
  router.post('/alerts/:alertId/clear', act('clear'));
  return router;
}
