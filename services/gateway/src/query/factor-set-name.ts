import { FACTOR_SET } from '@lingtan/domain';

/** The factor set every carbon figure uses, `id@version` (e.g. `lingtan-cn-factors@2026.1`). */
export function factorSetName(): string {
  return FACTOR_SET.version;
}
