import { z } from 'zod';

/** Park, enterprise and meter ids: letters, digits, `_` and `-`, 1 to 64 characters. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A park, enterprise or meter id as it appears in topics and the registry. */
export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'ids are 1 to 64 letters, digits, "_" or "-"');

/** True when `value` is a valid id. */
export function isValidId(value: string): boolean {
  return ID_PATTERN.test(value);
}
