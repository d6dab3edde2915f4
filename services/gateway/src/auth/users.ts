import { readFile } from 'node:fs/promises';
import type { RegistryIndex } from '@lingtan/domain';
import { usersFileSchema } from '@lingtan/schema';
import type { ApiKeyEntry, Principal, UserEntry, UsersFile } from '@lingtan/schema';
import { parse as parseYaml } from 'yaml';
import { hashApiKey } from './passwords.js';

/** Users and API keys, looked up by name, by id and by the key's hash. */
export interface UserDirectory {
  user(username: string): UserEntry | undefined;
  /** The principal of a user or key id (`key:{id}`), if it still exists: a removed user's session stops working. */
  principalOf(userId: string, via: Principal['via']): Principal | undefined;
  apiKey(token: string): ApiKeyEntry | undefined;
  /** Usernames and key principals (`key:{id}`) bound to an enterprise: it cannot be removed while they exist. */
  usersOf(enterprise: string): string[];
}

/** API key principals are `key:{id}`, so they never collide with a username. */
export const apiKeyUserId = (id: string) => `key:${id}`;

/**
 * Index a parsed users file for one park; throws when it names an enterprise the registry
 * lacks. The registry is asked again on every lookup (it may be a live one): a user or key of
 * an enterprise removed since is unknown, so it cannot log in and its sessions and sockets
 * stop working at their next check.
 */
export function userDirectory(file: UsersFile, registry: RegistryIndex): UserDirectory {
  for (const entry of [...file.users, ...file.api_keys]) {
    if (entry.enterprise !== undefined && registry.enterprise(entry.enterprise) === undefined) {
      throw new Error(`users file: ${'username' in entry ? entry.username : entry.id} names enterprise "${entry.enterprise}", which the registry does not have`);
    }
  }
  const users = new Map(file.users.map((u) => [u.username, u]));
  const keysByHash = new Map(file.api_keys.map((k) => [k.sha256, k]));
  const keysById = new Map(file.api_keys.map((k) => [apiKeyUserId(k.id), k]));
  const park = registry.parkId;
  const current = <T extends UserEntry | ApiKeyEntry>(e: T | undefined): T | undefined =>
    e === undefined || e.enterprise === undefined || registry.enterprise(e.enterprise) !== undefined ? e : undefined;
  const principal = (userId: string, e: UserEntry | ApiKeyEntry, via: Principal['via']): Principal => ({
    userId,
    displayName: e.displayName,
    role: e.role,
    park,
    ...(e.enterprise === undefined ? {} : { enterprise: e.enterprise }),
    via,
  });
  return {
    user: (username) => current(users.get(username)),
    principalOf: (userId, via) => {
      const entry = current(via === 'api_key' ? keysById.get(userId) : users.get(userId));
      return entry === undefined ? undefined : principal(userId, entry, via);
    },
    apiKey: (token) => current(keysByHash.get(hashApiKey(token))),
    usersOf: (enterprise) => [
      ...file.users.filter((u) => u.enterprise === enterprise).map((u) => u.username),
      ...file.api_keys.filter((k) => k.enterprise === enterprise).map((k) => apiKeyUserId(k.id)),
    ],
  };
}

/** Read and check the users file (YAML). */
export async function loadUsersFile(path: string, registry: RegistryIndex): Promise<UserDirectory> {
  const parsed = usersFileSchema.safeParse(parseYaml(await readFile(path, 'utf8')) ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`users file ${path}: ${detail}`);
  }
  return userDirectory(parsed.data, registry);
}
