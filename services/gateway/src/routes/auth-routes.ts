import { Router } from 'express';
import type { Request } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { loginRequestSchema } from '@lingtan/schema';
import { DUMMY_HASH, verifyPassword } from '../auth/passwords.js';
import { SESSION_COOKIE, readCookie } from '../auth/session.js';
import type { RouteContext } from '../context.js';
import { ApiFailure } from '../http/api-error.js';
import { principalOf } from '../http/context.js';
import { parseBody } from '../http/parse.js';
import { rateLimited } from '../http/rate-limits.js';

const clientIp = (req: Request) => ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
const usernameOf = (req: Request) => {
  const name = (req.body as { username?: unknown } | undefined)?.username;
  return typeof name === 'string' ? name.slice(0, 128) : '';
};

/** Login (failed attempts rate-limited per client address and per username), logout, me. */
export function authRoutes(ctx: RouteContext): Router {
  const router = Router();
  const limit = ctx.deps.loginRatePerMin ?? 10;
  const cookie = (maxAgeMs: number) => ({ httpOnly: true, sameSite: 'strict' as const, secure: ctx.deps.cookieSecure ?? false, path: '/', maxAge: maxAgeMs });
  // Only failed attempts count (a successful login answers 200): guessing is what is limited.
  const byIp = rateLimit({ windowMs: 60_000, limit, keyGenerator: clientIp, skipSuccessfulRequests: true, handler: rateLimited(ctx, 'login'), standardHeaders: 'draft-8', legacyHeaders: false });
  const byUser = rateLimit({
    windowMs: 60_000,
    limit,
    keyGenerator: (req) => `user:${usernameOf(req)}`,
    skipSuccessfulRequests: true,
    handler: rateLimited(ctx, 'login'),
    standardHeaders: 'draft-8',
    legacyHeaders: false,
  });

  router.post('/auth/login', byIp, byUser, async (req, res) => {
    const body = parseBody(loginRequestSchema, req);
    const user = ctx.deps.users.user(body.username);
    const ok = await verifyPassword(body.password, user?.password ?? DUMMY_HASH);
    if (user === undefined || !ok) {
      throw new ApiFailure(401, 'invalid_credentials', 'wrong username or password', undefined, { action: 'login', resource: `user:${body.username}` });
    }
    const session = await ctx.auth.issueSession(user.username);
    ctx.audit.record({ outcome: 'allowed', action: 'login', actor: user.username, role: user.role, enterprise: user.enterprise, resource: `user:${user.username}`, ip: req.ip });
    res.cookie(SESSION_COOKIE, session.token, cookie(session.maxAgeS * 1000)).json({ principal: session.principal });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token !== undefined) await ctx.auth.revoke(token);
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: ctx.deps.cookieSecure ?? false, path: '/' }).status(204).end();
  });

  router.get('/me', (_req, res) => {
    res.json({ principal: principalOf(res) });
  });
  return router;
}
