import { z } from 'zod';
import { idSchema } from './ids.js';

/**
 * Who a caller is. `park_operator` sees the whole park; `enterprise_user` one enterprise
 * (its `enterprise`); `engineer` simulation and replay controls and the park's registry,
 * no enterprise's business data; `admin` everything, and writes the registry and users.
 */
export const ROLES = ['park_operator', 'enterprise_user', 'engineer', 'admin'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/**
 * The authenticated caller, as the gateway derives it from a session or an API key, never
 * from what the client says. `enterprise` is set exactly when the role is `enterprise_user`.
 */
export const principalSchema = z
  .object({
    userId: z.string().min(1).max(128),
    displayName: z.string().min(1).max(200),
    role: roleSchema,
    park: idSchema,
    enterprise: idSchema.optional(),
    /** How the caller proved who it is. */
    via: z.enum(['session', 'api_key']),
  })
  .refine((p) => (p.role === 'enterprise_user') === (p.enterprise !== undefined), {
    message: 'an enterprise user has exactly one enterprise; other roles have none',
    path: ['enterprise'],
  });
export type Principal = z.infer<typeof principalSchema>;

/** `POST /api/v1/auth/login` body. */
export const loginRequestSchema = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/**
 * Every REST error body: a stable `code`, a `message` a person understands, and the
 * offending `field` (a dotted path) where one is to blame.
 */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.string().min(1),
    message: z.string().min(1),
    field: z.string().optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
