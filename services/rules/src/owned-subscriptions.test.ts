import { createLiveRegistry, enterprisesOf, partitionOf } from '@lingtan/domain';
import { readingsTopic, registrySchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { subscriptionDiff } from '@lingtan/runtime';

describe('the readings subscriptions of a partition', () => {
  it("follows the enterprises a partition owns as the registry gains and loses them", () => {
    const ids = Array.from({ length: 40 }, (_, i) => `ent-${i}`);
    const mine = ids.filter((id) => partitionOf(id, 2) === 1);
    const live = createLiveRegistry(registrySchema.parse({ park: { id: 'p', name: 'P' }, enterprises: [{ id: mine[0]!, name: 'A' }], meters: [] }));
    const wanted = () => enterprisesOf(live, { index: 1, count: 2 }).map((id) => readingsTopic('p', id));
    const before = wanted();
    live.replace(registrySchema.parse({ ...live.registry, enterprises: [{ id: mine[0]!, name: 'A' }, { id: mine[1]!, name: 'B' }, { id: ids.find((id) => !mine.includes(id))!, name: 'Other' }] }));
    expect(subscriptionDiff(before, wanted())).toEqual({ subscribe: [readingsTopic('p', mine[1]!)], unsubscribe: [] });
  });
});
