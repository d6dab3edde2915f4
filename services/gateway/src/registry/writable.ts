import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Why the gateway cannot write the registry at `path`, or undefined when it can: the atomic
 * writer creates a temporary file beside it and renames it over the old one, so both the file
 * and its directory must be writable (a read-only config map mount is neither).
 */
export async function registryWriteProblem(path: string): Promise<string | undefined> {
  for (const [target, what] of [
    [path, 'the registry file'],
    [dirname(path), 'its directory (the file is replaced by a rename)'],
  ] as const) {
    try {
      await access(target, constants.W_OK);
    } catch (error) {
      return `${what} ${target} is not writable by this process (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
    }
  }
  return undefined;
}
