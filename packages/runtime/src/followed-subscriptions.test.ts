import { describe, expect, it } from 'vitest';
import { followSubscriptions, subscriptionDiff } from './followed-subscriptions.js';
import { silentLogger } from './logger.js';
import { Metrics } from './metrics.js';
import type { MqttClient } from './mqtt.js';

describe('subscriptionDiff', () => {
  it('adds new filters, drops gone ones, leaves the rest alone', () => {
    expect(subscriptionDiff(['a', 'b', 'cmd'], ['b', 'cmd', 'd'])).toEqual({ subscribe: ['d'], unsubscribe: ['a'] });
    expect(subscriptionDiff(['a'], ['a'])).toEqual({ subscribe: [], unsubscribe: [] });
  });
});

describe('followSubscriptions', () => {
  /** A client that records what it is asked, refusing filters named "bad". */
  const fakeClient = () => {
    const calls: string[] = [];
    const client = {
      subscribeAsync: (topics: string[]) => {
        calls.push(`sub ${topics.join(',')}`);
        return Promise.resolve(topics.map((topic) => ({ topic, qos: topic === 'bad' ? 128 : 1 })));
      },
      unsubscribeAsync: (topics: string[]) => {
        calls.push(`unsub ${topics.join(',')}`);
        return Promise.resolve();
      },
    } as unknown as MqttClient;
    return { client, calls };
  };

  it('subscribes new filters before dropping gone ones, and retries a failed change from the old set', async () => {
    const { client, calls } = fakeClient();
    let wanted = ['a', 'b'];
    const metrics = new Metrics();
    const subs = followSubscriptions(client, () => wanted, { logger: silentLogger, metrics, failureMetric: 'x_resubscribe_failures_total' });
    await subs.start();
    wanted = ['b', 'c'];
    subs.follow();
    await subs.idle();
    expect(calls).toEqual(['sub a,b', 'sub c', 'unsub a']);
    expect(subs.current).toEqual(['b', 'c']);
    wanted = ['b', 'c', 'bad'];
    subs.follow();
    await subs.idle();
    expect(metrics.count('x_resubscribe_failures_total')).toBe(1);
    expect(subs.current).toEqual(['b', 'c']);
  });

  it('changes nothing while paused (the service is stopping)', async () => {
    const { client, calls } = fakeClient();
    let wanted = ['a'];
    const subs = followSubscriptions(client, () => wanted, { logger: silentLogger, metrics: new Metrics(), failureMetric: 'f', paused: () => true });
    await subs.start();
    wanted = ['b'];
    subs.follow();
    await subs.idle();
    expect(calls).toEqual(['sub a']);
  });
});
