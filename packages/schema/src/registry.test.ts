import { describe, expect, it } from 'vitest';
import { registrySchema } from './registry.js';

const base = {
  park: { id: 'yc-binhai', name: '滨海港零碳产业园', timezone: 'Asia/Shanghai', province: '江苏', grid_region: '华东' },
  enterprises: [{ id: 'ent-steel', name: '联鑫钢铁', industry: 'steel' }],
  meters: [{ id: 'm-steel-main', enterprise: 'ent-steel', carrier: 'electricity', role: 'main', parent: null, interval_s: 15 }],
};

describe('registrySchema', () => {
  it('loads the documented example and fills defaults', () => {
    const parsed = registrySchema.parse({
      ...base,
      meters: [...base.meters, { id: 'm-steel-sub', enterprise: 'ent-steel', carrier: 'electricity', parent: 'm-steel-main' }],
    });
    expect(parsed.meters[1]).toEqual({
      id: 'm-steel-sub',
      enterprise: 'ent-steel',
      carrier: 'electricity',
      role: 'main',
      parent: 'm-steel-main',
      interval_s: 60,
    });
  });

  it.each([
    ['meters.0.enterprise', { meters: [{ ...base.meters[0], enterprise: 'ent-x' }] }, 'unknown enterprise'],
    ['meters.0.parent', { meters: [{ ...base.meters[0], parent: 'nope' }] }, 'unknown parent'],
    ['meters.1.id', { meters: [base.meters[0], base.meters[0]] }, 'duplicate meter'],
    ['meters.0.carrier', { meters: [{ ...base.meters[0], carrier: 'hydrogen' }] }, ''],
    ['park.timezone', { park: { ...base.park, timezone: 'China/Beijing' } }, 'IANA'],
    ['park.id', { park: { ...base.park, id: 'yc binhai' } }, 'ids are'],
  ])('refuses a bad %s', (path, patch, message) => {
    const result = registrySchema.safeParse({ ...base, ...patch });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((i) => i.path.join('.') === path);
    expect(issue, JSON.stringify(result.error?.issues)).toBeDefined();
    expect(issue?.message).toContain(message);
  });

  it('refuses a parent loop', () => {
    const result = registrySchema.safeParse({
      ...base,
      meters: [
        { id: 'a', enterprise: 'ent-steel', carrier: 'electricity', parent: 'b' },
        { id: 'b', enterprise: 'ent-steel', carrier: 'electricity', parent: 'a' },
      ],
    });
    expect(result.error?.issues.map((i) => i.message)).toContain('parent chain of "a" loops');
  });
});
