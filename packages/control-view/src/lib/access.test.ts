import type { Principal } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { homePath, mayAcknowledge, seesEnterprise, seesPark } from './access.js';

const operator: Principal = { userId: 'op', displayName: 'Op', role: 'park_operator', park: 'yc-binhai', via: 'session' };
const steel: Principal = { userId: 'u', displayName: 'U', role: 'enterprise_user', park: 'yc-binhai', enterprise: 'ent-steel', via: 'session' };

describe('what a person may open', () => {
  it('an enterprise user sees only its own enterprise and no park views', () => {
    expect(seesPark(steel)).toBe(false);
    expect(seesEnterprise(steel, 'ent-steel')).toBe(true);
    expect(seesEnterprise(steel, 'ent-chem')).toBe(false);
    expect(homePath(steel)).toBe('/enterprises/ent-steel');
  });
  it('a park operator sees everything and lands on the overview', () => {
    expect(seesPark(operator)).toBe(true);
    expect(seesEnterprise(operator, 'ent-chem')).toBe(true);
    expect(homePath(operator)).toBe('/');
    expect(mayAcknowledge(operator)).toBe(true);
    expect(mayAcknowledge({ ...operator, role: 'engineer' })).toBe(false);
  });
});
