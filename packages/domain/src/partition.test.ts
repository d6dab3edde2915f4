import { registrySchema } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { enterprisesOf, partitionOf } from './partition.js';
import { indexRegistry } from './registry-index.js';

const registry = indexRegistry(
  registrySchema.parse({ park: { id: 'p', name: 'P' }, enterprises: Array.from({ length: 20 }, (_, i) => ({ id: `ent-${i}`, name: `E${i}` })), meters: [] }),
);

describe('partitions', () => {
  it('give every enterprise to exactly one partition, and all to the whole park', () => {
    const parts = [0, 1, 2].map((index) => enterprisesOf(registry, { index, count: 3 }));
    expect(parts.flat().sort()).toEqual(registry.registry.enterprises.map((e) => e.id).sort());
    expect(parts.every((p) => p.length > 0)).toBe(true);
    expect(enterprisesOf(registry, { index: 0, count: 1 })).toHaveLength(20);
  });

  it('are stable: the same id always lands in the same partition', () => {
    // FNV-1a of "ent-7" is fixed; any instance on any machine agrees.
    expect(partitionOf('ent-7', 3)).toBe(partitionOf('ent-7', 3));
    expect(partitionOf('ent-7', 1)).toBe(0);
  });
});
