// A small park for the gateway's in-process tests: two enterprises that must never see each
// other's data, the park's own meters, users of every role, API keys, readings and alerts in
// the memory store, and the gateway listening on a free loopback port.
import type { AddressInfo } from 'node:net';
import { fixedClock, indexRegistry } from '@lingtan/domain';
import { Metrics, silentLogger } from '@lingtan/runtime';
import { registrySchema, usersFileSchema } from '@lingtan/schema';
import type { AlertCommand, AlertEvent } from '@lingtan/schema';
import { createMemoryStore } from '@lingtan/store';
import type { TelemetryPoint } from '@lingtan/store';
import { buildGateway } from '../src/app.js';
import type { Gateway, GatewayDeps } from '../src/app.js';
import { hashApiKey, hashPassword } from '../src/auth/passwords.js';
import { userDirectory } from '../src/auth/users.js';
import { createOpenAlerts } from '../src/query/open-alerts.js';

export const PARK = 'tp';
export const TZ = 'Asia/Shanghai';
/** 2026-11-10T00:00+08:00, the local midnight of the test day. */
export const DAY0 = Date.parse('2026-11-10T00:00:00+08:00');
export const MIN = 60_000;
/** The gateway's clock: 2026-11-10T02:00+08:00. */
export const NOW = DAY0 + 120 * MIN;

export const registry = indexRegistry(
  registrySchema.parse({
    park: { id: PARK, name: 'Test park', timezone: TZ },
    enterprises: [
      { id: 'park-ops', name: 'Park operations' },
      { id: 'ent-a', name: 'Enterprise A', industry: 'steel' },
      { id: 'ent-b', name: 'Enterprise B', industry: 'chemical' },
    ],
    meters: [
      { id: 'p-tx1', enterprise: 'park-ops', carrier: 'distribution', role: 'equipment', interval_s: 60 },
      { id: 'a-main', name: 'A incomer', enterprise: 'ent-a', carrier: 'electricity', role: 'main', interval_s: 900 },
      { id: 'a-sub', name: 'A furnace', enterprise: 'ent-a', carrier: 'electricity', role: 'sub', parent: 'a-main', interval_s: 900 },
      { id: 'a-gas', enterprise: 'ent-a', carrier: 'gas', role: 'main', interval_s: 900 },
      { id: 'b-main', enterprise: 'ent-b', carrier: 'electricity', role: 'main', interval_s: 900 },
    ],
  }),
);

export const PASSWORDS = { admin: 'pw-admin', operator: 'pw-operator', engineer: 'pw-engineer', alice: 'pw-alice', bob: 'pw-bob' } as const;
export type UserName = keyof typeof PASSWORDS;
export const KEYS = { a: 'lt_test_key_enterprise_a_000000000000', operator: 'lt_test_key_operator_0000000000000000' } as const;

async function users() {
  return userDirectory(
    usersFileSchema.parse({
      users: [
        { username: 'admin', displayName: 'Admin', role: 'admin', password: await hashPassword(PASSWORDS.admin) },
        { username: 'operator', displayName: 'Operator', role: 'park_operator', password: await hashPassword(PASSWORDS.operator) },
        { username: 'engineer', displayName: 'Engineer', role: 'engineer', password: await hashPassword(PASSWORDS.engineer) },
        { username: 'alice', displayName: 'Alice of A', role: 'enterprise_user', enterprise: 'ent-a', password: await hashPassword(PASSWORDS.alice) },
        { username: 'bob', displayName: 'Bob of B', role: 'enterprise_user', enterprise: 'ent-b', password: await hashPassword(PASSWORDS.bob) },
      ],
      api_keys: [
        { id: 'a-erp', displayName: 'A ERP', role: 'enterprise_user', enterprise: 'ent-a', sha256: hashApiKey(KEYS.a) },
        { id: 'ops-bi', displayName: 'Park BI', role: 'park_operator', sha256: hashApiKey(KEYS.operator) },
      ],
    }),
    registry,
  );
}

const at = (min: number) => DAY0 + min * MIN;
const point = (meter: string, enterprise: string, carrier: TelemetryPoint['carrier'], min: number, values: Record<string, number>): TelemetryPoint => ({
  park: PARK,
  enterprise,
  meter,
  carrier,
  tsMs: at(min),
  values,
});

/**
 * Readings of 2026-11-10 (local), every 15 minutes:
 *   a-main 00:15..01:15: delta 10, 20, 30, 40, 50 kWh (register 1010 .. 1150), power 40, 80, 120, 160, 200 kW
 *   a-sub  00:15: delta 5 kWh (a sub-meter of a-main: inside a-main's figure, not added again)
 *   a-gas  00:30: delta 100 Nm3
 *   b-main 00:30: delta 200 kWh, power 800 kW
 */
export const READINGS: TelemetryPoint[] = [
  ...[10, 20, 30, 40, 50].map((d, i) =>
    point('a-main', 'ent-a', 'electricity', 15 * (i + 1), { energy_import_kwh: 1000 + [10, 30, 60, 100, 150][i]!, energy_import_kwh_delta: d, power_kw: 40 * (i + 1) }),
  ),
  point('a-sub', 'ent-a', 'electricity', 15, { energy_import_kwh: 505, energy_import_kwh_delta: 5, power_kw: 20 }),
  point('a-gas', 'ent-a', 'gas', 30, { gas_volume_nm3: 5100, gas_volume_nm3_delta: 100 }),
  point('b-main', 'ent-b', 'electricity', 30, { energy_import_kwh: 9200, energy_import_kwh_delta: 200, power_kw: 800 }),
];

const alertEvent = (alertId: string, revision: number, owner: AlertEvent['owner'], meter: string, state: AlertEvent['state'], min: number): AlertEvent => ({
  v: 1,
  eventId: `${alertId}:${revision}`,
  type: state === 'active' ? 'raised' : state === 'acknowledged' ? 'acknowledged' : 'cleared',
  atMs: at(min),
  alertId,
  key: `rule-1:${meter}`,
  ruleId: 'rule-1',
  kind: 'threshold',
  severity: 'major',
  park: PARK,
  owner,
  meter,
  state,
  firstSeenMs: at(10),
  lastSeenMs: at(min),
  occurrence: 1,
  count: 1,
  message: `${meter} above limit`,
  ...(state === 'acknowledged' ? { acknowledged: { by: 'someone', atMs: at(min) } } : {}),
});

/** Alerts: A's alert raised then acknowledged, B's alert active, a park alert active. */
export const ALERT_EVENTS: AlertEvent[] = [
  alertEvent('alert-a1', 1, { scope: 'enterprise', id: 'ent-a' }, 'a-main', 'active', 20),
  alertEvent('alert-a1', 2, { scope: 'enterprise', id: 'ent-a' }, 'a-main', 'acknowledged', 40),
  alertEvent('alert-b1', 1, { scope: 'enterprise', id: 'ent-b' }, 'b-main', 'active', 30),
  alertEvent('alert-p1', 1, { scope: 'park', id: PARK }, 'p-tx1', 'active', 50),
];

export interface TestGateway extends Gateway {
  readonly url: string;
  readonly commands: AlertCommand[];
  close(): Promise<void>;
}

/**
 * The gateway on a free port, over the memory store holding READINGS and ALERT_EVENTS, with the
 * open alerts seeded from it as main.ts does (pass `openAlerts: undefined` to list from the store only).
 */
export async function startGateway(overrides: Partial<GatewayDeps> = {}): Promise<TestGateway> {
  const store = createMemoryStore();
  await store.write(READINGS);
  await store.writeAlertEvents(ALERT_EVENTS);
  const openAlerts = createOpenAlerts({ store: overrides.store ?? store, park: PARK, clock: overrides.clock ?? fixedClock(NOW) });
  if (!('openAlerts' in overrides)) await openAlerts.seed();
  const commands: AlertCommand[] = [];
  let n = 0;
  const gateway = buildGateway({
    store,
    registry,
    users: await users(),
    publishCommand: (c) => {
      commands.push(c);
      return Promise.resolve();
    },
    clock: fixedClock(NOW),
    logger: silentLogger,
    metrics: new Metrics(),
    sessionSecret: 'test-secret-test-secret-test-secret-0123',
    newId: () => `cmd-${++n}`,
    openAlerts,
    ...overrides,
  });
  await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  return {
    ...gateway,
    url,
    commands,
    close: () =>
      new Promise<void>((resolve) => {
        gateway.server.close(() => resolve());
        gateway.server.closeAllConnections();
      }),
  };
}

/** A caller: a logged-in user (session cookie) or an API key. */
export interface Caller {
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
}

export function withHeaders(base: string, headers: Record<string, string>): Caller {
  return {
    get: (path) => fetch(`${base}${path}`, { headers }),
    post: (path, body) => fetch(`${base}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }),
  };
}

/** Log in as `user` and return a caller carrying its session cookie. */
export async function login(base: string, user: UserName): Promise<Caller> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: PASSWORDS[user] }) });
  if (res.status !== 200) throw new Error(`login ${user}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lingtan_session='));
  if (cookie === undefined) throw new Error('no session cookie');
  return withHeaders(base, { cookie: cookie.split(';')[0]! });
}

/** The body of an error response. */
export async function errorOf(res: Response): Promise<{ code: string; message: string; field?: string }> {
  const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
  return body.error;
}
