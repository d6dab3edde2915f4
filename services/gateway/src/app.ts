import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import express, { Router } from 'express';
import type { NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import { factorChoiceOf } from '@lingtan/domain';
import type { HealthChecks } from '@lingtan/runtime';
import { createAuditLog } from './audit.js';
import type { AuditLog } from './audit.js';
import { createAuthenticator } from './auth/session.js';
import type { Authenticator } from './auth/session.js';
import type { GatewayDeps, RouteContext } from './context.js';
import { ApiFailure } from './http/api-error.js';
import { principalOf, resources } from './http/context.js';
import { errorHandler } from './http/errors.js';
import { healthHandler, observeRequests } from './http/observe.js';
import { rateLimited } from './http/rate-limits.js';
import { cachedDailyReader } from './query/accounting.js';
import { costReader } from './query/cost.js';
import { cors, securityHeaders } from './http/security.js';
import { isLiveRegistry } from './registry/is-live.js';
import { adminRegistryRoutes } from './routes/admin-registry-routes.js';
import { alertRoutes } from './routes/alert-routes.js';
import { authRoutes } from './routes/auth-routes.js';
import { budgetRoutes } from './routes/budget-routes.js';
import { docsRoutes } from './routes/docs-routes.js';
import { historyRoutes } from './routes/history-routes.js';
import { qualityRoutes } from './routes/quality-routes.js';
import { registryRoutes } from './routes/registry-routes.js';
import { reportRoutes } from './routes/report-routes.js';
import { simRoutes } from './routes/sim-routes.js';
import type { SimRouteDeps } from './routes/sim-routes.js';
import { staticRoutes } from './routes/static-routes.js';
import { summaryRoutes } from './routes/summary-routes.js';

export type { AlertCommandPublisher, GatewayDeps } from './context.js';

/** The built gateway: the express app, the HTTP server (not listening yet; the live feed attaches to it), and what the live feed shares. */
export interface Gateway {
  readonly app: express.Express;
  readonly server: Server;
  readonly auth: Authenticator;
  readonly audit: AuditLog;
}

/** Bodies above this are refused with 413 before they are parsed. */
export const JSON_BODY_LIMIT = '64kb';

/** The gateway's readiness checks: the store, then the ones main.ts adds (broker, registry). */
export function gatewayHealthChecks(deps: Pick<GatewayDeps, 'store' | 'health'>): HealthChecks {
  return { store: () => deps.store.ping().then(() => ({ ok: true })), ...deps.health };
}

const notFound = (req: Request): never => {
  throw new ApiFailure(404, 'not_found', `no route ${req.method} ${req.path}`);
};

/**
 * Build the gateway from its dependencies: helmet, CORS, `/healthz` (`{ok}` only), the OpenAPI
 * document and docs, `/api/v1` (auth, then every route authorized per role and enterprise),
 * the control view's files, and one error shape for everything.
 */
export function buildGateway(deps: GatewayDeps & { readonly sim?: SimRouteDeps }): Gateway {
  const audit = deps.audit ?? createAuditLog({ logger: deps.logger, metrics: deps.metrics, clock: deps.clock });
  const auth = createAuthenticator({ users: deps.users, secret: deps.sessionSecret, ttlS: deps.sessionTtlS ?? 3600, park: deps.registry.parkId, clock: deps.clock });
  const ctx: RouteContext = { deps, audit, auth, at: resources(deps.registry), newId: deps.newId ?? randomUUID };
  // Fails fast at boot when the park's accounting names a factor the set lacks.
  const choice = factorChoiceOf(deps.registry.registry.park);
  // Routes hold this one object: a changed park accounting is copied into it (a bad one is refused by the listener, the old choice stays).
  if (isLiveRegistry(deps.registry)) {
    deps.registry.onChange((c) => {
      if (c.parkChanged) Object.assign(choice, factorChoiceOf(c.current.park));
    });
  }
  const park = deps.registry.registry.park;
  const daily = cachedDailyReader(deps.store, park.id, park.timezone, deps.clock, deps.summaryCacheMs);
  const cost = deps.tariff === undefined ? undefined : costReader({ store: deps.store, registry: deps.registry, tariff: deps.tariff, clock: deps.clock, ...(deps.summaryCacheMs === undefined ? {} : { ttlMs: deps.summaryCacheMs }) });

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Behind nginx or an ingress every socket is the proxy's; only hops named here may say who the client is.
  const trust = deps.trustProxy ?? false;
  app.set('trust proxy', typeof trust === 'object' ? [...trust] : trust);
  app.use(observeRequests(deps.metrics));
  app.use(securityHeaders());
  app.use(cors(deps.corsOrigins ?? []));
  // Details and /metrics are on the ops listener (main.ts), never on the public port.
  app.get('/healthz', healthHandler(gatewayHealthChecks(deps)));
  app.use(docsRoutes(deps.version ?? '0.1.0'));

  const api = Router();
  api.use(express.json({ limit: JSON_BODY_LIMIT }));
  api.use(async (req: Request, res: Response, next: NextFunction) => {
    const principal = await auth.principalFromRequest(req);
    if (principal !== undefined) (res.locals as { principal?: unknown }).principal = principal;
    next();
  });
  api.use(authRoutes(ctx));
  api.use((_req, res, next) => {
    principalOf(res);
    next();
  });
  api.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.ratePerMin ?? 600,
      keyGenerator: (_req, res) => `principal:${principalOf(res).userId}`,
      handler: rateLimited(ctx, 'api'),
      standardHeaders: 'draft-8',
      legacyHeaders: false,
    }),
  );
  api.use(registryRoutes(ctx));
  api.use(adminRegistryRoutes(ctx));
  api.use(historyRoutes(ctx));
  api.use(summaryRoutes(ctx, choice, daily, cost));
  api.use(budgetRoutes(ctx, choice, daily));
  api.use(alertRoutes(ctx));
  api.use(qualityRoutes(ctx));
  api.use(simRoutes(ctx, deps.sim));
  api.use(reportRoutes(ctx, choice, daily));
  api.use(notFound);
  app.use('/api/v1', api);
  app.use('/api', notFound);
  app.use(staticRoutes(deps.staticDir));
  app.use(notFound);
  app.use(errorHandler(audit, deps.logger));

  return { app, server: createServer(app), auth, audit };
}
