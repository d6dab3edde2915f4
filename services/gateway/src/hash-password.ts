import { hashApiKey, hashPassword, newApiKey } from './auth/passwords.js';

/**
 * `pnpm gateway -- hash-password <password>`: the scrypt hash for a users file entry.
 * `pnpm gateway -- new-api-key`: a fresh API key and the SHA-256 the file keeps.
 * Returns the lines to print.
 */
export async function credentialCommand(args: readonly string[]): Promise<string[] | undefined> {
  const [command, value] = args;
  if (command === 'hash-password') {
    if (value === undefined || value === '') return ['usage: pnpm gateway -- hash-password <password>'];
    return [await hashPassword(value)];
  }
  if (command === 'new-api-key') {
    const key = newApiKey();
    return [`key:    ${key}`, `sha256: ${hashApiKey(key)}`];
  }
  return undefined;
}
