import { Router } from 'express';
import type { FactorChoice } from '@lingtan/domain';
import { monthlyReportQuerySchema } from '@lingtan/schema';
import type { RouteContext } from '../context.js';
import type { DailyReader } from '../query/accounting.js';
import { ApiFailure } from '../http/api-error.js';
import { allow } from '../http/context.js';
import { parseQuery } from '../http/parse.js';
import { buildMonthlyReport } from '../reports/monthly-report.js';
import { reportCsv, reportXlsx } from '../reports/report-files.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `GET /reports/monthly`: an enterprise's or the park's month as CSV or Excel. */
export function reportRoutes(ctx: RouteContext, choice: FactorChoice, daily: DailyReader): Router {
  const router = Router();
  const { registry } = ctx.deps;
  router.get('/reports/monthly', async (req, res) => {
    const q = parseQuery(monthlyReportQuerySchema, req);
    let scope: { kind: 'park' } | { kind: 'enterprise'; id: string };
    if (q.scope === 'park') {
      if (q.id !== undefined && q.id !== registry.parkId) throw new ApiFailure(404, 'not_found', `no park "${q.id}" here`, 'id');
      allow(res, 'reports:read', ctx.at.park());
      scope = { kind: 'park' };
    } else {
      allow(res, 'reports:read', ctx.at.enterprise(q.id!, 'id'));
      scope = { kind: 'enterprise', id: q.id! };
    }
    const report = await buildMonthlyReport({ daily, registry, choice, nowMs: ctx.deps.clock.nowMs() }, scope, q.month);
    const file = q.format === 'csv' ? reportCsv(report) : await reportXlsx(report);
    res
      .status(200)
      .type(q.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
      .attachment(`${report.fileStem}.${q.format}`)
      .setHeader('cache-control', 'no-store')
      .send(file);
  });
  return router;
}
