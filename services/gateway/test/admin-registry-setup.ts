// A gateway over a real registry file in a temporary directory, with a live registry, the
// registry admin and the file watcher, as main.ts wires them; for the admin-registry tests.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLiveRegistry } from '@lingtan/domain';
import type { LiveRegistry } from '@lingtan/domain';
import { Metrics, parseRegistry, silentLogger } from '@lingtan/runtime';
import { usersFileSchema } from '@lingtan/schema';
import { stringify } from 'yaml';
import { hashApiKey, hashPassword } from '../src/auth/passwords.js';
import { userDirectory } from '../src/auth/users.js';
import { followRegistryFile } from '../src/registry/follow-file.js';
import { createRegistryAdmin } from '../src/registry/registry-admin.js';
import type { RegistryAdmin } from '../src/registry/registry-admin.js';
import { KEYS, PASSWORDS, registry as fixtureRegistry, startGateway } from './fixture.js';
import type { TestGateway } from './fixture.js';
import type { GatewayDeps } from '../src/app.js';

/** The fixture park plus `ent-c`, an enterprise with a user (carol) and no meters. */
export const REGISTRY = { ...fixtureRegistry.registry, enterprises: [...fixtureRegistry.registry.enterprises, { id: 'ent-c', name: 'Enterprise C' }] };
export const HEADER = '# Test park registry: edited by the gateway tests\n';
export const CAROL = 'pw-carol';

export interface AdminGateway extends TestGateway {
  readonly dir: string;
  readonly file: string;
  readonly live: LiveRegistry;
  readonly admin: RegistryAdmin;
  readonly metrics: Metrics;
  /** Stop the watcher and the server, remove the directory. */
  stop(): Promise<void>;
}

async function users(live: LiveRegistry) {
  return userDirectory(
    usersFileSchema.parse({
      users: [
        { username: 'admin', displayName: 'Admin', role: 'admin', password: await hashPassword(PASSWORDS.admin) },
        { username: 'operator', displayName: 'Operator', role: 'park_operator', password: await hashPassword(PASSWORDS.operator) },
        { username: 'engineer', displayName: 'Engineer', role: 'engineer', password: await hashPassword(PASSWORDS.engineer) },
        { username: 'alice', displayName: 'Alice of A', role: 'enterprise_user', enterprise: 'ent-a', password: await hashPassword(PASSWORDS.alice) },
        { username: 'carol', displayName: 'Carol of C', role: 'enterprise_user', enterprise: 'ent-c', password: await hashPassword(CAROL) },
      ],
      api_keys: [
        { id: 'a-erp', displayName: 'A ERP', role: 'enterprise_user', enterprise: 'ent-a', sha256: hashApiKey(KEYS.a) },
        { id: 'ops-bi', displayName: 'Park BI', role: 'park_operator', sha256: hashApiKey(KEYS.operator) },
      ],
    }),
    live,
  );
}

/** The gateway with its registry file; `readOnlyReason` makes it read-only, `pollMs` sets the watcher's interval, `overrides` other deps (e.g. `staticDir`). */
export async function startAdminGateway(options: { readOnlyReason?: string; pollMs?: number; overrides?: Partial<GatewayDeps> } = {}): Promise<AdminGateway> {
  const dir = await mkdtemp(join(tmpdir(), 'lingtan-admin-registry-'));
  const file = join(dir, 'registry.yaml');
  const text = `${HEADER}${stringify(REGISTRY, { lineWidth: 0 })}`;
  await writeFile(file, text);
  const live = createLiveRegistry(parseRegistry(text, file));
  const admin = createRegistryAdmin({ path: file, live, text, ...(options.readOnlyReason === undefined ? {} : { readOnlyReason: options.readOnlyReason }) });
  const metrics = new Metrics();
  const stopWatch = followRegistryFile({ admin, initialText: text, intervalMs: options.pollMs ?? 25, logger: silentLogger, metrics });
  const gateway = await startGateway({ registry: live, users: await users(live), registryAdmin: admin, metrics, ...options.overrides });
  return {
    ...gateway,
    dir,
    file,
    live,
    admin,
    metrics,
    stop: async () => {
      stopWatch();
      await gateway.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The file's text now. */
export const fileText = (g: AdminGateway) => readFile(g.file, 'utf8');

/** A caller with credentials (a session cookie or an API key) that can send any method. */
export interface AdminCaller {
  send(method: string, path: string, options?: { body?: unknown; ifMatch?: string }): Promise<Response>;
  get(path: string): Promise<Response>;
}

export function caller(base: string, headers: Record<string, string>): AdminCaller {
  return {
    send: (method, path, options = {}) =>
      fetch(`${base}${path}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json', ...(options.ifMatch === undefined ? {} : { 'if-match': options.ifMatch }) },
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      }),
    get: (path) => fetch(`${base}${path}`, { headers }),
  };
}

/** Log in (`password` defaults to the fixture's) and return a caller with the session cookie; throws on refusal. */
export async function loginAs(base: string, username: string, password?: string): Promise<AdminCaller & { cookie: string }> {
  const res = await tryLogin(base, username, password);
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('lingtan_session='))!.split(';')[0]!;
  return { ...caller(base, { cookie }), cookie };
}

export function tryLogin(base: string, username: string, password?: string): Promise<Response> {
  const pw = password ?? (PASSWORDS as Record<string, string>)[username] ?? CAROL;
  return fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: pw }) });
}

/** Poll `check` every 20 ms until it holds (the watcher reads the file twice before acting); fails after `timeoutMs`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
