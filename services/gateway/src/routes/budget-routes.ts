import { Router } from 'express';
import { DEFAULT_BUDGET_SETTINGS, periodOf } from '@lingtan/domain';
import type { BudgetSettings, FactorChoice } from '@lingtan/domain';
import { baselineQuerySchema, budgetsQuerySchema } from '@lingtan/schema';
import type { BudgetsResponse } from '@lingtan/schema';
import type { RouteContext } from '../context.js';
import { allow } from '../http/context.js';
import { parseQuery } from '../http/parse.js';
import type { DailyReader } from '../query/accounting.js';
import { baselineProfile, profileMeters } from '../query/baseline-profile.js';
import { budgetProgress } from '../query/budget-progress.js';
import { factorSetName } from '../query/factor-set-name.js';

/**
 * `GET /baseline` (an enterprise's or a meter's expected profile of a local date) and
 * `GET /budgets` (year and month budget progress of an enterprise or, for park roles, the park).
 * Budgets are judged with the live feed's settings (`DEFAULT_BUDGET_SETTINGS` unless given).
 */
export function budgetRoutes(ctx: RouteContext, choice: FactorChoice, daily: DailyReader, settings: BudgetSettings = DEFAULT_BUDGET_SETTINGS): Router {
  const router = Router();
  const { registry } = ctx.deps;
  const park = registry.registry.park;

  router.get('/baseline', async (req, res) => {
    const q = parseQuery(baselineQuerySchema, req);
    let meters;
    if (q.meter !== undefined) {
      allow(res, 'history:read', ctx.at.meter(q.meter));
      meters = [registry.meter(q.meter)!];
    } else {
      allow(res, 'history:read', ctx.at.enterprise(q.enterprise!));
      meters = profileMeters(registry.metersOf(q.enterprise!), q.quantity);
    }
    const body = await baselineProfile(ctx.deps.store, {
      park: park.id,
      timeZone: park.timezone,
      scope: q.meter === undefined ? 'enterprise' : 'meter',
      id: q.meter ?? q.enterprise!,
      meters,
      quantity: q.quantity,
      date: q.date,
      weeks: q.weeks,
      resolution: q.resolution,
    });
    res.json(body);
  });

  router.get('/budgets', async (req, res) => {
    const q = parseQuery(budgetsQuerySchema, req);
    const id = q.enterprise;
    allow(res, 'summary:read', id === undefined ? ctx.at.park() : ctx.at.enterprise(id));
    const scope = id === undefined ? ({ kind: 'park' } as const) : ({ kind: 'enterprise', id } as const);
    const nowMs = ctx.deps.clock.nowMs();
    const year = periodOf('year', nowMs, park.timezone);
    const budgets = id === undefined ? park.budgets : registry.enterprise(id)?.budgets;
    const progress = budgetProgress({
      scope,
      budgets,
      // The whole local year: the month's days are inside it, and one cached read serves both.
      points: await daily(scope, year.startMs, year.endMs),
      registry,
      choice,
      settings,
      timeZone: park.timezone,
      nowMs,
    });
    const body: BudgetsResponse = { scope: scope.kind, id: id ?? park.id, timezone: park.timezone, factorSet: factorSetName(), ...progress };
    res.json(body);
  });
  return router;
}

