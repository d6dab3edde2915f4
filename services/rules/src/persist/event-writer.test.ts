import { Metrics, silentLogger } from '@lingtan/runtime';
import type { AlertEvent } from '@lingtan/schema';
import { StoreError } from '@lingtan/store';
import { describe, expect, it } from 'vitest';
import { AlertEventWriter } from './event-writer.js';

const ev = (n: number): AlertEvent => ({
  v: 1,
  eventId: `a${n}:1`,
  type: 'raised',
  atMs: n,
  alertId: `a${n}`,
  key: `r/m${n}`,
  ruleId: 'r',
  kind: 'threshold',
  severity: 'major',
  park: 'p',
  owner: { scope: 'park', id: 'p' },
  meter: `m${n}`,
  state: 'active',
  firstSeenMs: n,
  lastSeenMs: n,
  occurrence: 1,
  count: 1,
  message: 'x',
});

const waits: number[] = [];
const sleep = (ms: number) => {
  waits.push(ms);
  return Promise.resolve();
};

describe('AlertEventWriter', () => {
  it('writes in batches, in order, without making the caller wait', async () => {
    const written: string[][] = [];
    const w = new AlertEventWriter({ write: (b) => (written.push(b.map((e) => e.eventId)), Promise.resolve()), logger: silentLogger, metrics: new Metrics(), batchSize: 2, sleep });
    w.enqueue([ev(1), ev(2), ev(3)]);
    expect(w.queued).toBe(3); // nothing awaited yet: enqueue returned at once
    expect(await w.drain(1000)).toBe(true);
    expect(written).toEqual([['a1:1', 'a2:1'], ['a3:1']]);
  });

  it('retries a retriable failure with doubling waits, then writes the same batch', async () => {
    // fails twice (store down): waits 100, 200; third attempt succeeds
    waits.length = 0;
    let calls = 0;
    const metrics = new Metrics();
    const got: string[] = [];
    const w = new AlertEventWriter({
      write: (b) => {
        calls += 1;
        if (calls <= 2) return Promise.reject(new StoreError('down', 'store_unavailable', true));
        got.push(...b.map((e) => e.eventId));
        return Promise.resolve();
      },
      logger: silentLogger,
      metrics,
      retryBaseMs: 100,
      sleep,
    });
    w.enqueue([ev(1), ev(2)]);
    await w.drain(1000);
    expect(waits).toEqual([100, 200]);
    expect(got).toEqual(['a1:1', 'a2:1']);
    expect(metrics.count('rules_alert_store_failures_total')).toBe(2);
    expect(metrics.count('rules_alert_store_written_total')).toBe(2);
  });

  it('drops a refused batch (counted) and goes on with the next', async () => {
    const metrics = new Metrics();
    const got: string[] = [];
    const w = new AlertEventWriter({
      write: (b) => (b[0]?.eventId === 'a1:1' ? Promise.reject(new StoreError('bad', 'store_rejected', false)) : (got.push(...b.map((e) => e.eventId)), Promise.resolve())),
      logger: silentLogger,
      metrics,
      batchSize: 1,
      sleep,
    });
    w.enqueue([ev(1), ev(2)]);
    await w.drain(1000);
    expect(got).toEqual(['a2:1']);
    expect(metrics.count('rules_alert_store_dropped_total', { reason: 'refused' })).toBe(1);
  });

  it('bounds the queue while the store hangs: the oldest events are dropped and counted', async () => {
    const metrics = new Metrics();
    let release: () => void = () => undefined;
    const got: string[] = [];
    const w = new AlertEventWriter({
      write: (b) => new Promise<void>((r) => (release = () => (got.push(...b.map((e) => e.eventId)), r()))),
      logger: silentLogger,
      metrics,
      batchSize: 10,
      maxQueued: 3,
      sleep,
    });
    // a1 is in flight (the write hangs); a2..a5 arrive: the queue keeps 3, so a1 and a2 go
    w.enqueue([ev(1)]);
    w.enqueue([ev(2), ev(3), ev(4), ev(5)]);
    expect(w.queued).toBe(3);
    expect(metrics.count('rules_alert_store_dropped_total', { reason: 'queue_full' })).toBe(2);
    release();
    await new Promise((r) => setImmediate(r));
    release();
    await w.drain(1000);
    // The in-flight a1 still reached the store; a3..a5 follow.
    expect(got).toEqual(['a1:1', 'a3:1', 'a4:1', 'a5:1']);
  });
});
