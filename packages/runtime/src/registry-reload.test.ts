import { createLiveRegistry } from '@lingtan/domain';
import { silentLogger } from './logger.js';
import { Metrics } from './metrics.js';
import { registrySchema } from '@lingtan/schema';
import type { Registry } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { registryReloader } from './registry-reload.js';

const base: Registry = registrySchema.parse({
  park: { id: 'p', name: 'P' },
  enterprises: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }],
  meters: [{ id: 'm', enterprise: 'a', carrier: 'electricity' }],
});

const setUp = () => {
  const live = createLiveRegistry(base);
  const metrics = new Metrics();
  const reloader = registryReloader(live, { metrics, logger: silentLogger, nowMs: () => 1000, source: 'registry.yaml' });
  const outcomes = () => Object.fromEntries(['applied', 'unchanged', 'invalid', 'refused'].map((o) => [o, metrics.count('registry_reloads_total', { outcome: o })]));
  return { live, metrics, reloader, outcomes };
};

describe('registryReloader', () => {
  it('applies a change, counts a rewrite without one as unchanged', async () => {
    const { live, reloader, outcomes, metrics } = setUp();
    reloader.onRegistry(registrySchema.parse({ ...base, meters: [...base.meters, { id: 'n', enterprise: 'b', carrier: 'gas', interval_s: 60 }] }), '');
    reloader.onRegistry(live.registry, '');
    expect(outcomes()).toEqual({ applied: 1, unchanged: 1, invalid: 0, refused: 0 });
    expect(live.meter('n')?.enterprise).toBe('b');
    expect(metrics.snapshot().registry_revision).toBe(2);
    expect((await reloader.health()).detail).toEqual({ revision: 2, enterprises: 2, meters: 2 });
  });

  it('keeps the old registry on an invalid file or a refused change, and shows the last refusal until a change applies', async () => {
    const { live, reloader, outcomes } = setUp();
    reloader.onRefused('registry.yaml: meters.0.enterprise: unknown');
    reloader.onRegistry({ ...base, meters: [{ ...base.meters[0]!, enterprise: 'b' }] }, '');
    expect(outcomes()).toEqual({ applied: 0, unchanged: 0, invalid: 1, refused: 1 });
    expect(live.meter('m')?.enterprise).toBe('a');
    const health = await reloader.health();
    expect(health.ok).toBe(true);
    expect(health.detail).toMatchObject({ revision: 1, lastRefusal: { atMs: 1000, outcome: 'refused' } });
    reloader.onRegistry({ ...base, park: { ...base.park, name: 'Renamed' } }, '');
    expect((await reloader.health()).detail).toEqual({ revision: 2, enterprises: 2, meters: 1 });
  });

  it('counts a change whose listener failed as applied, and the failure apart', () => {
    const { live, reloader, outcomes, metrics } = setUp();
    live.onChange(() => {
      throw new Error('boom');
    });
    reloader.onRegistry({ ...base, park: { ...base.park, name: 'Renamed' } }, '');
    expect(outcomes().applied).toBe(1);
    expect(metrics.count('registry_listener_errors_total')).toBe(1);
    expect(live.revision).toBe(2);
  });
});
