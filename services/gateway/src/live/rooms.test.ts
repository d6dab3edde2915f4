import type { Principal } from '@lingtan/schema';
import { describe, expect, it } from 'vitest';
import { authorizeJoin, roomOf } from './rooms.js';
import { smallPark } from './testing.js';

const index = smallPark();
const who = (role: Principal['role'], enterprise?: string, park = 'p1'): Principal => ({ userId: `u-${role}`, displayName: role, role, park, via: 'session', ...(enterprise === undefined ? {} : { enterprise }) });
const userA = who('enterprise_user', 'ent-a');

describe('authorizeJoin', () => {
  it('an enterprise user joins its own enterprise and its own meters', () => {
    expect(authorizeJoin(userA, { kind: 'enterprise', enterprise: 'ent-a' }, index)).toMatchObject({ ok: true, room: 'enterprise:ent-a' });
    expect(authorizeJoin(userA, { kind: 'meter', meter: 'a-sub' }, index)).toMatchObject({ ok: true, room: 'meter:a-sub' });
  });

  it('refuses another tenant, its meters, the park room; unknown meters are not found', () => {
    expect(authorizeJoin(userA, { kind: 'enterprise', enterprise: 'ent-b' }, index)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(authorizeJoin(userA, { kind: 'meter', meter: 'b-main' }, index)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(authorizeJoin(userA, { kind: 'park' }, index)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(authorizeJoin(userA, { kind: 'meter', meter: 'nope' }, index)).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('refuses what is not a room request, and names what was asked for the audit', () => {
    expect(authorizeJoin(userA, { kind: 'enterprise', enterprise: '*' }, index)).toMatchObject({ ok: false, code: 'invalid', target: '{"kind":"enterprise","enterprise":"*"}' });
    expect(authorizeJoin(userA, 'enterprise:ent-b', index)).toMatchObject({ ok: false, code: 'invalid' });
    expect(authorizeJoin(userA, { kind: 'room', name: 'enterprise:ent-b' }, index)).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('park operators and admins join everything; engineers the park room only', () => {
    for (const role of ['park_operator', 'admin'] as const) {
      expect(authorizeJoin(who(role), { kind: 'park' }, index)).toMatchObject({ ok: true, room: 'park:p1' });
      expect(authorizeJoin(who(role), { kind: 'enterprise', enterprise: 'ent-b' }, index)).toMatchObject({ ok: true });
      expect(authorizeJoin(who(role), { kind: 'meter', meter: 'b-main' }, index)).toMatchObject({ ok: true });
      expect(authorizeJoin(who(role), { kind: 'enterprise', enterprise: 'ent-x' }, index)).toMatchObject({ ok: false, code: 'not_found' });
    }
    expect(authorizeJoin(who('engineer'), { kind: 'park' }, index)).toMatchObject({ ok: true });
    expect(authorizeJoin(who('engineer'), { kind: 'enterprise', enterprise: 'ent-a' }, index)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(authorizeJoin(who('engineer'), { kind: 'meter', meter: 'a-main' }, index)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('a caller of another park is refused everything', () => {
    expect(authorizeJoin(who('admin', undefined, 'p2'), { kind: 'park' }, index)).toMatchObject({ ok: false, code: 'forbidden' });
    expect(authorizeJoin(who('enterprise_user', 'ent-a', 'p2'), { kind: 'enterprise', enterprise: 'ent-a' }, index)).toMatchObject({ ok: false, code: 'forbidden' });
  });

  it('roomOf names the room a leave asks for', () => {
    expect(roomOf({ kind: 'meter', meter: 'b-main' }, index)).toBe('meter:b-main');
    expect(roomOf({ kind: 'x' }, index)).toBeUndefined();
  });
});
