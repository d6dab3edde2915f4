import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Principal } from '@lingtan/schema';
import { SignJWT, jwtVerify } from 'jose';
import { apiKeyUserId } from './users.js';
import type { UserDirectory } from './users.js';

/** The session cookie's name. */
export const SESSION_COOKIE = 'lingtan_session';

/** How the gateway (REST and live feed alike) learns who a caller is. */
export interface Authenticator {
  /** The caller of an HTTP request or a socket.io handshake: `Authorization: Bearer <api key>`, else the session cookie. */
  principalFromRequest(req: IncomingMessage): Promise<Principal | undefined>;
  /** The principal of an API key, or undefined. */
  principalFromApiKey(token: string): Promise<Principal | undefined>;
  /** The principal of a bare token (socket.io's `auth.token`): a session JWT, else an API key. */
  principalFromToken(token: string): Promise<Principal | undefined>;
  /** A signed session JWT for a user who has just proved its password. */
  issueSession(username: string): Promise<{ token: string; principal: Principal; maxAgeS: number }>;
  /** End a session before its expiry (logout). */
  revoke(token: string): Promise<void>;
}

/** Cookie values of a `Cookie` header (RFC 6265 section 5.4; no decoding beyond %XX). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The token of an `Authorization: Bearer ...` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer\s+(\S{1,512})\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Sessions are HS256 JWTs (jose) holding the user id and a jti; the principal is rebuilt from
 * the users file on every request, so a changed role or removed user takes effect at once.
 * Logged-out jtis are remembered until their expiry.
 */
export function createAuthenticator(deps: { readonly users: UserDirectory; readonly secret: string; readonly ttlS: number; readonly park: string; readonly clock: { nowMs(): number } }): Authenticator {
  const key = new TextEncoder().encode(deps.secret);
  const revoked = new Map<string, number>();
  const issuer = `lingtan-gateway:${deps.park}`;

  const verify = async (token: string): Promise<{ sub: string; jti: string; exp: number } | undefined> => {
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], issuer, currentDate: new Date(deps.clock.nowMs()) });
      if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') return undefined;
      return { sub: payload.sub, jti: payload.jti, exp: payload.exp };
    } catch {
      return undefined;
    }
  };

  const principalFromApiKey = (token: string): Promise<Principal | undefined> => {
    const entry = deps.users.apiKey(token);
    return Promise.resolve(entry === undefined ? undefined : deps.users.principalOf(apiKeyUserId(entry.id), 'api_key'));
  };

  const principalFromSession = async (token: string): Promise<Principal | undefined> => {
    const claims = await verify(token);
    if (claims === undefined || revoked.has(claims.jti)) return undefined;
    return deps.users.principalOf(claims.sub, 'session');
  };

  return {
    principalFromApiKey,
    principalFromToken: async (token) => (token.split('.').length === 3 ? principalFromSession(token) : principalFromApiKey(token)),
    async principalFromRequest(req) {
      const bearer = bearerToken(req.headers.authorization);
      if (bearer !== undefined) return principalFromApiKey(bearer);
      const token = readCookie(req.headers.cookie, SESSION_COOKIE);
      return token === undefined ? undefined : principalFromSession(token);
    },
    async issueSession(username) {
      const principal = deps.users.principalOf(username, 'session');
      if (principal === undefined) throw new Error(`no user ${username}`);
      const nowS = Math.floor(deps.clock.nowMs() / 1000);
      const token = await new SignJWT({ role: principal.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(username)
        .setIssuer(issuer)
        .setJti(randomUUID())
        .setIssuedAt(nowS)
        .setExpirationTime(nowS + deps.ttlS)
        .sign(key);
      return { token, principal, maxAgeS: deps.ttlS };
    },
    async revoke(token) {
      const claims = await verify(token);
      if (claims === undefined) return;
      const nowS = deps.clock.nowMs() / 1000;
      for (const [jti, exp] of revoked) if (exp < nowS) revoked.delete(jti);
      revoked.set(claims.jti, claims.exp);
    },
  };
}
