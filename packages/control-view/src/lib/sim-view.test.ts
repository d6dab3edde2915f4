import type { SimStatus } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { commandState, formatBytes, replayPct } from './sim-view.js';

const status = (over: Partial<SimStatus> = {}): SimStatus => ({
  v: 1,
  park: 'p',
  mode: 'run',
  speed: 60,
  deviceTime: '2026-12-02T00:00:00.000Z',
  faults: [],
  replay: null,
  readingsPublished: 0,
  lastCommand: null,
  updatedAt: '2026-12-02T00:00:00.000Z',
  ...over,
});
const result = (commandId: string, ok: boolean) => ({ commandId, kind: 'pause', by: 'engineer', ok, at: '2026-12-02T00:00:00.000Z' });

describe('replayPct', () => {
  it('is published over total, null without a replay', () => {
    expect(replayPct(status())).toBeNull();
    // 10 of 40 messages: 25 %.
    expect(replayPct(status({ replay: { recording: 'r.gz', messagesPublished: 10, messagesTotal: 40, startedAt: '2026-12-02T00:00:00.000Z' } }))).toBe(25);
    expect(replayPct(status({ replay: { recording: 'r.gz', messagesPublished: 0, messagesTotal: 0, startedAt: '2026-12-02T00:00:00.000Z' } }))).toBe(0);
  });
});

describe('commandState', () => {
  it('is sent until the status answers that commandId, then the answer; unanswered after 10 s', () => {
    const sent = { commandId: 'c2', atMs: 1_000 };
    expect(commandState(undefined, undefined, 0)).toEqual({ kind: 'idle' });
    expect(commandState(sent, status({ lastCommand: result('c1', true) }), 1_000 + 9_999)).toEqual({ kind: 'sent', commandId: 'c2' });
    expect(commandState(sent, status({ lastCommand: result('c1', true) }), 1_000 + 10_001)).toEqual({ kind: 'unanswered', commandId: 'c2' });
    expect(commandState(sent, status({ lastCommand: result('c2', false) }), 60_000)).toEqual({ kind: 'answered', result: result('c2', false) });
    // Someone else's command answered last: shown as the last result.
    expect(commandState(undefined, status({ lastCommand: result('c9', true) }), 0)).toEqual({ kind: 'answered', result: result('c9', true) });
  });
});

describe('formatBytes', () => {
  it('rounds to B, kB and MB', () => {
    expect([formatBytes(12), formatBytes(340_400), formatBytes(1_234_567)]).toEqual(['12 B', '340 kB', '1.2 MB']);
  });
});

describe('the simulation page', () => {
  it('is /simulation, for engineers and admins only', async () => {
    const { parseRoute } = await import('./routes.js');
    const { drivesSimulator } = await import('./access.js');
    expect(parseRoute('/simulation')).toEqual({ page: 'simulation' });
    expect(parseRoute('/simulation/x')).toEqual({ page: 'not-found', path: '/simulation/x' });
    const who = (role: 'engineer' | 'admin' | 'park_operator' | 'enterprise_user') => drivesSimulator({ userId: 'u', displayName: 'U', role, park: 'p', via: 'session', ...(role === 'enterprise_user' ? { enterprise: 'e' } : {}) });
    expect([who('engineer'), who('admin'), who('park_operator'), who('enterprise_user')]).toEqual([true, true, false, false]);
  });
});
