// LINGTAN_GATEWAY_TRUST_PROXY: behind nginx or an ingress every socket is the proxy's, so the
// login limiter and the audit need X-Forwarded-For; believed from anyone, it lets a client pick
// its own address. Off, the header is ignored; with a hop count, each forwarded client counts alone.
import { describe, expect, it } from 'vitest';
import { gatewayConfigSchema } from '@lingtan/schema';
import { PASSWORDS, startGateway } from './fixture.js';
import type { TestGateway } from './fixture.js';

const loginFrom = (gw: TestGateway, forwardedFor: string, username: string, password = 'wrong') =>
  fetch(`${gw.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
    body: JSON.stringify({ username, password }),
  }).then((r) => r.status);

// Each "client" guesses a different username, so only the per-address budget can join them.
async function guesses(gw: TestGateway): Promise<{ first: number[]; second: number }> {
  const first = [await loginFrom(gw, '198.51.100.1', 'guess-1'), await loginFrom(gw, '198.51.100.1', 'guess-2')];
  const second = await loginFrom(gw, '198.51.100.2', 'guess-3');
  return { first, second };
}

describe('trust proxy', () => {
  it('off (the default): X-Forwarded-For is ignored, two forwarded clients share one login budget', async () => {
    const gw = await startGateway({ loginRatePerMin: 2 });
    try {
      // Budget 2 failed logins per address: the third attempt from the same socket is refused,
      // whatever address it claims.
      expect(await guesses(gw)).toEqual({ first: [401, 401], second: 429 });
      expect(await loginFrom(gw, '198.51.100.3', 'admin', PASSWORDS.admin)).toBe(429);
      const refused = gw.audit.recent(10).find((e) => e.code === 'rate_limited');
      expect(refused?.ip).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
    } finally {
      await gw.close();
    }
  });

  it('one hop trusted: each forwarded client has its own budget, and the audit names the forwarded address', async () => {
    const gw = await startGateway({ loginRatePerMin: 2, trustProxy: 1 });
    try {
      expect(await guesses(gw)).toEqual({ first: [401, 401], second: 401 });
      expect(await loginFrom(gw, '198.51.100.1', 'guess-4')).toBe(429);
      expect(await loginFrom(gw, '198.51.100.3', 'admin', PASSWORDS.admin)).toBe(200);
      const entries = gw.audit.recent(10);
      expect(entries.find((e) => e.action === 'login' && e.outcome === 'allowed')?.ip).toBe('198.51.100.3');
      expect(entries.find((e) => e.code === 'rate_limited')?.ip).toBe('198.51.100.1');
      // A client in front of the proxy cannot add a hop of its own: with 1 trusted hop only the
      // address the proxy appended (the last one) counts.
      expect(await loginFrom(gw, '203.0.113.9, 198.51.100.1', 'guess-5')).toBe(429);
    } finally {
      await gw.close();
    }
  });

  it('a list of proxy addresses: a forwarded address is believed only from a listed proxy', async () => {
    const fromLoopback = await startGateway({ loginRatePerMin: 1, trustProxy: ['loopback'] });
    const fromElsewhere = await startGateway({ loginRatePerMin: 1, trustProxy: ['10.0.0.0/8'] });
    try {
      expect([await loginFrom(fromLoopback, '198.51.100.1', 'g1'), await loginFrom(fromLoopback, '198.51.100.2', 'g2')]).toEqual([401, 401]);
      // The test's socket is loopback, not in 10.0.0.0/8: its X-Forwarded-For is not believed.
      expect([await loginFrom(fromElsewhere, '198.51.100.1', 'g1'), await loginFrom(fromElsewhere, '198.51.100.2', 'g2')]).toEqual([401, 429]);
    } finally {
      await fromLoopback.close();
      await fromElsewhere.close();
    }
  });
});

describe('LINGTAN_GATEWAY_TRUST_PROXY', () => {
  const parse = (value?: string) => gatewayConfigSchema.safeParse(value === undefined ? {} : { LINGTAN_GATEWAY_TRUST_PROXY: value });
  const trustOf = (value?: string) => {
    const r = parse(value);
    if (!r.success) throw new Error(r.error.message);
    return r.data.trustProxy;
  };

  it('is off unless set: unset, empty, false and 0', () => {
    expect([trustOf(), trustOf(''), trustOf('false'), trustOf('0')]).toEqual([false, false, false, false]);
  });

  it('takes a hop count or a list of addresses, CIDRs and named ranges', () => {
    expect(trustOf('2')).toBe(2);
    expect(trustOf('loopback')).toEqual(['loopback']);
    expect(trustOf(' 10.0.0.0/8, 192.168.1.10 ,::1,fd00::/8,uniquelocal')).toEqual(['10.0.0.0/8', '192.168.1.10', '::1', 'fd00::/8', 'uniquelocal']);
  });

  it('refuses true and anything that is not an address, naming the key and what it expects', () => {
    for (const [value, said] of [
      ['true', 'trusts every hop'],
      ['nginx', '"nginx"'],
      ['10.0.0.0/33', '"10.0.0.0/33"'],
      ['-1', '"-1"'],
      ['loopback,', '""'],
    ] as const) {
      const r = parse(value);
      expect(r.success, value).toBe(false);
      const issue = r.error?.issues[0];
      expect(issue?.path, value).toEqual(['LINGTAN_GATEWAY_TRUST_PROXY']);
      expect(issue?.message, value).toContain(said);
      expect(issue?.message, value).toContain('expected a hop count');
    }
  });
});
