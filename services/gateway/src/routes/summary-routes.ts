import { Router } from 'express';
import { periodOf } from '@lingtan/domain';
import type { CarbonTotals, FactorChoice } from '@lingtan/domain';
import { summaryQuerySchema } from '@lingtan/schema';
import type { SummaryResponse } from '@lingtan/schema';
import type { RouteContext } from '../context.js';
import { ApiFailure } from '../http/api-error.js';
import type { Resource } from '../auth/authorize.js';
import { allow, may } from '../http/context.js';
import { parseQuery } from '../http/parse.js';
import { perMeterTotals, periodTotals, tonnes, zeroTotals } from '../query/accounting.js';
import type { DailyReader, Scope } from '../query/accounting.js';
import type { CostReader } from '../query/cost.js';
import { factorSetName } from '../query/factor-set-name.js';

const figures = (t: CarbonTotals) => ({
  energyTce: t.tce,
  co2T: { total: tonnes(t.co2Kg), scope1: tonnes(t.scope1Co2Kg), scope2Location: tonnes(t.scope2LocationCo2Kg) },
  electricityKwh: t.activity.electricityImportKwh,
});

/** `GET /summary`: tce and CO2 of a local day, month or year for the park, an enterprise or a meter. */
export function summaryRoutes(ctx: RouteContext, choice: FactorChoice, daily: DailyReader, cost?: CostReader): Router {
  const router = Router();
  const { registry } = ctx.deps;
  const park = registry.registry.park;

  router.get('/summary', async (req, res) => {
    const q = parseQuery(summaryQuerySchema, req);
    let scope: Scope;
    let resource: Resource;
    if (q.scope === 'park') {
      if (q.id !== undefined && q.id !== park.id) throw new ApiFailure(404, 'not_found', `no park "${q.id}" here`, 'id');
      resource = ctx.at.park();
      scope = { kind: 'park' };
    } else if (q.scope === 'enterprise') {
      resource = ctx.at.enterprise(q.id!, 'id');
      scope = { kind: 'enterprise', id: q.id! };
    } else {
      const r = ctx.at.meter(q.id!, 'id');
      resource = r;
      scope = { kind: 'meter', id: r.meter, enterprise: r.enterprise };
    }
    allow(res, 'summary:read', resource);
    const period = periodOf(q.period, q.at ?? ctx.deps.clock.nowMs(), park.timezone);
    const points = await daily(scope, period.startMs, period.endMs);
    const base = { scope: q.scope, id: q.scope === 'park' ? park.id : q.id!, period: { startMs: period.startMs, endMs: period.endMs, label: period.label }, factorSet: factorSetName() };
    // Without a tariff, or for callers who may not see costs (engineers), no cost is given.
    const costCny = cost !== undefined && may(res, 'cost:read', resource) ? await cost(scope, period) : null;
    let body: SummaryResponse;
    if (scope.kind === 'meter') {
      body = { ...base, ...figures(perMeterTotals(points, choice).get(scope.id) ?? zeroTotals(choice)), costCny };
    } else {
      const totals = periodTotals(points, [period], registry, choice)[0]!;
      if (scope.kind === 'park') {
        const showEnterprises = registry.registry.enterprises.every((e) => may(res, 'summary:read', ctx.at.enterprise(e.id)));
        body = {
          ...base,
          ...figures(totals.park),
          costCny,
          ...(showEnterprises
            ? {
                byEnterprise: registry.registry.enterprises.map((e) => {
                  const t = totals.enterprises[e.id] ?? zeroTotals(choice);
                  return { enterprise: e.id, name: e.name, energyTce: t.tce, co2T: tonnes(t.co2Kg) };
                }),
              }
            : {}),
        };
      } else {
        const byMeter = perMeterTotals(points, choice);
        body = {
          ...base,
          ...figures(totals.enterprises[scope.id] ?? zeroTotals(choice)),
          costCny,
          byMeter: registry.metersOf(scope.id).flatMap((m) => {
            const t = byMeter.get(m.id);
            return t === undefined ? [] : [{ meter: m.id, ...(m.name === undefined ? {} : { name: m.name }), energyTce: t.tce, co2T: tonnes(t.co2Kg), electricityKwh: t.activity.electricityImportKwh }];
          }),
        };
      }
    }
    res.json(body);
  });
  return router;
}
