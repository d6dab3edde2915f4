import { z } from 'zod';
import { roleSchema } from '../access.js';
import { idSchema } from '../ids.js';

/** `scrypt$N$r$p$salt$hash` (salt and hash base64): a password hashed with Node's scrypt and a per-user salt. */
export const SCRYPT_HASH_PATTERN = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/;

const withEnterprise = <T extends { role: string; enterprise?: string | undefined }>(v: T) => (v.role === 'enterprise_user') === (v.enterprise !== undefined);
const enterpriseRule = { message: 'an enterprise_user names exactly one enterprise; other roles none', path: ['enterprise'] };

/** A person who logs in to the control view. */
export const userEntrySchema = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9._@-]{1,128}$/, 'usernames are 1 to 128 letters, digits, ".", "_", "@" or "-"'),
    displayName: z.string().min(1).max(200),
    role: roleSchema,
    enterprise: idSchema.optional(),
    password: z.string().regex(SCRYPT_HASH_PATTERN, 'expected an scrypt hash (pnpm gateway -- hash-password)'),
  })
  .refine(withEnterprise, enterpriseRule);

/** A system that calls the API with `Authorization: Bearer <key>`; only the key's SHA-256 is kept. */
export const apiKeyEntrySchema = z
  .object({
    id: idSchema,
    displayName: z.string().min(1).max(200),
    role: roleSchema,
    enterprise: idSchema.optional(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the key\'s SHA-256 as 64 lowercase hex digits'),
  })
  .refine(withEnterprise, enterpriseRule);

/** The gateway's users file (`LINGTAN_GATEWAY_USERS`). */
export const usersFileSchema = z
  .object({
    users: z.array(userEntrySchema).default([]),
    api_keys: z.array(apiKeyEntrySchema).default([]),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.users.forEach((u, i) => {
      if (seen.has(u.username)) ctx.addIssue({ code: 'custom', path: ['users', i, 'username'], message: `duplicate username "${u.username}"` });
      seen.add(u.username);
    });
    const keys = new Set<string>();
    file.api_keys.forEach((k, i) => {
      if (keys.has(k.id)) ctx.addIssue({ code: 'custom', path: ['api_keys', i, 'id'], message: `duplicate API key id "${k.id}"` });
      keys.add(k.id);
    });
  });

export type UserEntry = z.infer<typeof userEntrySchema>;
export type ApiKeyEntry = z.infer<typeof apiKeyEntrySchema>;
export type UsersFile = z.infer<typeof usersFileSchema>;
