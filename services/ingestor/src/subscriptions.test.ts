import { indexRegistry } from '@lingtan/domain';
import { registrySchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { WHOLE_PARK, partitionOf } from '@lingtan/domain';
import { subscriptionDiff } from '@lingtan/runtime';
import { subscriptionTopics } from './subscriptions.js';

const registry = indexRegistry(
  registrySchema.parse({
    park: { id: 'p', name: 'P' },
    enterprises: Array.from({ length: 12 }, (_, i) => ({ id: `ent-${i}`, name: `E${i}` })),
    meters: [],
  }),
);

describe('subscriptionTopics', () => {
  it('subscribes to everything with one partition, shared when a group is set', () => {
    expect(subscriptionTopics(registry, { index: 0, count: 1 }, undefined)).toEqual(['ems/v1/+/+/+/telemetry']);
    expect(subscriptionTopics(registry, { index: 0, count: 1 }, 'g')).toEqual(['$share/g/ems/v1/+/+/+/telemetry']);
  });

  it('splits the enterprises over partitions: each in exactly one', () => {
    const parts = [0, 1, 2].map((index) => subscriptionTopics(registry, { index, count: 3 }, undefined));
    const all = parts.flat();
    expect(all).toHaveLength(12);
    expect(new Set(all).size).toBe(12);
    expect(parts.every((p) => p.length > 0)).toBe(true);
    expect(all).toContain('ems/v1/p/ent-7/+/telemetry');
    expect(parts[partitionOf('ent-7', 3)]).toContain('ems/v1/p/ent-7/+/telemetry');
  });
});

describe('subscriptionDiff', () => {
  it('follows an enterprise added to and removed from this partition of the registry', () => {
    const partition = { index: partitionOf('ent-new', 3), count: 3 };
    const bigger = indexRegistry(registrySchema.parse({ ...registry.registry, enterprises: [...registry.registry.enterprises, { id: 'ent-new', name: 'New' }] }));
    const before = subscriptionTopics(registry, partition, 'g');
    const after = subscriptionTopics(bigger, partition, 'g');
    expect(subscriptionDiff(before, after)).toEqual({ subscribe: ['$share/g/ems/v1/p/ent-new/+/telemetry'], unsubscribe: [] });
    expect(subscriptionDiff(after, before)).toEqual({ subscribe: [], unsubscribe: ['$share/g/ems/v1/p/ent-new/+/telemetry'] });
  });

  it('changes nothing with one partition: the wildcard covers every enterprise', () => {
    const bigger = indexRegistry(registrySchema.parse({ ...registry.registry, enterprises: [...registry.registry.enterprises, { id: 'ent-new', name: 'New' }] }));
    expect(subscriptionDiff(subscriptionTopics(registry, WHOLE_PARK, undefined), subscriptionTopics(bigger, WHOLE_PARK, undefined))).toEqual({ subscribe: [], unsubscribe: [] });
  });
});
