import type { IncomingMessage } from 'node:http';
import { fixedClock, indexRegistry } from '@lingtan/domain';
import { registrySchema, usersFileSchema } from '@lingtan/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey, hashPassword, verifyPassword } from './passwords.js';
import { bearerToken, createAuthenticator, readCookie } from './session.js';
import type { Authenticator } from './session.js';
import { userDirectory } from './users.js';

const registry = indexRegistry(registrySchema.parse({ park: { id: 'p1', name: 'P' }, enterprises: [{ id: 'ent-a', name: 'A' }], meters: [] }));
const clock = fixedClock(Date.parse('2026-11-10T00:00:00Z'));
const requestWith = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
let auth: Authenticator;

beforeAll(async () => {
  const users = userDirectory(
    usersFileSchema.parse({
      users: [{ username: 'alice', displayName: 'Alice', role: 'enterprise_user', enterprise: 'ent-a', password: await hashPassword('secret') }],
      api_keys: [{ id: 'erp', displayName: 'ERP', role: 'park_operator', sha256: hashApiKey('lt_key') }],
    }),
    registry,
  );
  auth = createAuthenticator({ users, secret: 'x'.repeat(32), ttlS: 60, park: 'p1', clock });
});

describe('sessions', () => {
  it('a session is good until its expiry, then nobody', async () => {
    const { token } = await auth.issueSession('alice');
    const req = requestWith({ cookie: `other=1; lingtan_session=${token}` });
    expect(await auth.principalFromRequest(req)).toMatchObject({ userId: 'alice', enterprise: 'ent-a', via: 'session' });
    clock.set(clock.nowMs() + 61_000);
    expect(await auth.principalFromRequest(req)).toBeUndefined();
  });

  it('a revoked session is nobody; a bare token may be a session or an API key', async () => {
    const { token } = await auth.issueSession('alice');
    expect(await auth.principalFromToken(token)).toMatchObject({ userId: 'alice' });
    expect(await auth.principalFromToken('lt_key')).toMatchObject({ userId: 'key:erp', via: 'api_key' });
    await auth.revoke(token);
    expect(await auth.principalFromToken(token)).toBeUndefined();
  });

  it('a Bearer header is an API key, checked before any cookie', async () => {
    const { token } = await auth.issueSession('alice');
    expect(await auth.principalFromRequest(requestWith({ authorization: 'Bearer lt_key', cookie: `lingtan_session=${token}` }))).toMatchObject({ role: 'park_operator' });
    expect(await auth.principalFromRequest(requestWith({ authorization: 'Bearer wrong', cookie: `lingtan_session=${token}` }))).toBeUndefined();
  });

  it('passwords: scrypt with a salt per hash', async () => {
    const [a, b] = [await hashPassword('pw'), await hashPassword('pw')];
    expect(a).not.toBe(b);
    expect(await verifyPassword('pw', a)).toBe(true);
    expect(await verifyPassword('pW', a)).toBe(false);
    expect(await verifyPassword('pw', 'plain-text')).toBe(false);
  });

  it('reads cookies and bearer tokens', () => {
    expect(readCookie('a=1; lingtan_session=x%2Fy', 'lingtan_session')).toBe('x/y');
    expect(readCookie('a=1', 'lingtan_session')).toBeUndefined();
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('Basic abc')).toBeUndefined();
  });
});
