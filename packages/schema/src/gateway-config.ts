import { z } from 'zod';
import { commonEnvShape, commonFromEnv, positiveInt, storeEnvShape, storeFromEnv, tcpPort, urlWithProtocols } from './config.js';
import { idSchema } from './ids.js';

const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'], { error: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

/** Named ranges express's `trust proxy` knows besides addresses and CIDRs. */
const TRUST_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'] as const;
const proxyAddress = z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(TRUST_PROXY_RANGES)]);
const TRUST_PROXY_HINT = 'expected a hop count (e.g. 1), or comma-separated proxy addresses/CIDRs or loopback, linklocal, uniquelocal (e.g. loopback,10.0.0.0/8)';

/**
 * `LINGTAN_GATEWAY_TRUST_PROXY` as express's `trust proxy` takes it: `false` (unset, empty, 0:
 * X-Forwarded-For is ignored), a hop count, or the proxies' addresses. `true` (trust every hop)
 * is refused: any client could then name its own address and escape the login limiter.
 */
const trustProxy = z
  .string()
  .default('')
  .transform((raw, ctx): false | number | readonly string[] => {
    const v = raw.trim();
    if (v === '' || v === 'false') return false;
    if (/^\d+$/.test(v)) return Number(v) === 0 ? false : Number(v);
    if (v === 'true') {
      ctx.addIssue({ code: 'custom', message: `"true" trusts every hop, so any client could forge X-Forwarded-For; ${TRUST_PROXY_HINT}` });
      return z.NEVER;
    }
    const items = v.split(',').map((i) => i.trim());
    const bad = items.filter((i) => !proxyAddress.safeParse(i).success);
    if (bad.length > 0) {
      ctx.addIssue({ code: 'custom', message: `not an address, CIDR or range: ${bad.map((b) => JSON.stringify(b)).join(', ')}; ${TRUST_PROXY_HINT}` });
      return z.NEVER;
    }
    return items;
  });

/** Keys of the gateway (REST, live feed and the control view's files). */
export const gatewayEnvShape = {
  ...commonEnvShape,
  ...storeEnvShape,
  LINGTAN_GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  LINGTAN_GATEWAY_PORT: tcpPort(8080),
  /** Users and API keys (YAML), passwords as scrypt hashes and keys as SHA-256 hashes. */
  LINGTAN_GATEWAY_USERS: z.string().min(1, 'expected the path of the users file').default('config/users.demo.yaml'),
  /**
   * HS256 key of the session JWTs, at least 32 characters. Required outside the demo: when
   * unset the gateway makes a random one at start (sessions then end with the process, and
   * several instances cannot read each other's cookies).
   */
  LINGTAN_GATEWAY_SESSION_SECRET: z.string().min(32, 'expected at least 32 characters').optional(),
  /** Lifetime of a session cookie and its JWT, seconds. */
  LINGTAN_GATEWAY_SESSION_TTL_S: positiveInt(3600).default(3600),
  /** Mark the session cookie Secure (set behind HTTPS). */
  LINGTAN_GATEWAY_COOKIE_SECURE: booleanFlag(false),
  /** Comma-separated origins allowed by CORS (with credentials); empty: same origin only. */
  LINGTAN_GATEWAY_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((o) => o.trim()).filter((o) => o.length > 0)),
  /** The control view's build, served at `/` with an SPA fallback. */
  LINGTAN_GATEWAY_STATIC_DIR: z.string().min(1).default('packages/control-view/dist'),
  /** Redis for the live feed's socket.io adapter, so several gateways share rooms. */
  LINGTAN_GATEWAY_REDIS_URL: urlWithProtocols(['redis:', 'rediss:'], 'redis://127.0.0.1:6379').optional(),
  /** MQTT shared-subscription group for alert events when several gateways run (external brokers only). */
  LINGTAN_GATEWAY_SHARE_GROUP: idSchema.optional(),
  LINGTAN_GATEWAY_CLIENT_ID: idSchema.default('lingtan-gateway'),
  /** The park's time-of-use tariff (YAML, see tariffFileSchema); without it summaries carry no cost. */
  LINGTAN_GATEWAY_TARIFF: z.string().min(1).optional(),
  /** Login attempts per minute, per client address and per username. */
  LINGTAN_GATEWAY_LOGIN_RATE_PER_MIN: positiveInt(10).default(10),
  /** API requests per minute per session or API key. */
  LINGTAN_GATEWAY_RATE_PER_MIN: positiveInt(600).default(600),
  /** The simulator's recordings directory: GET /api/v1/sim/recordings lists it, start_replay names a file in it. */
  LINGTAN_SIM_RECORDINGS: z.string().min(1).default('./data/recordings'),
  /**
   * Whether admins may edit the registry file (LINGTAN_REGISTRY) through the API. Off, or a
   * file the gateway cannot write (a read-only config map), and writes answer 503
   * `registry_read_only`; the file is still watched either way.
   */
  LINGTAN_GATEWAY_REGISTRY_WRITES: booleanFlag(true),
  /**
   * Which reverse proxies' X-Forwarded-For to believe for the client address (login limits,
   * audit): off by default; a hop count (1: one nginx or ingress in front) or their addresses.
   */
  LINGTAN_GATEWAY_TRUST_PROXY: trustProxy,
  /**
   * The ops listener: GET /healthz with each check's detail and GET /metrics, kept off the
   * public port (which answers only `{ok}` on /healthz) as the other services do; 0 picks a free port.
   */
  LINGTAN_GATEWAY_OPS_PORT: tcpPort(9103),
  LINGTAN_GATEWAY_OPS_HOST: z.string().min(1).default('127.0.0.1'),
};

export const gatewayConfigSchema = z.object(gatewayEnvShape).transform((e) => ({
  ...commonFromEnv(e),
  store: storeFromEnv(e),
  http: { host: e.LINGTAN_GATEWAY_HOST, port: e.LINGTAN_GATEWAY_PORT },
  usersPath: e.LINGTAN_GATEWAY_USERS,
  sessionSecret: e.LINGTAN_GATEWAY_SESSION_SECRET,
  sessionTtlS: e.LINGTAN_GATEWAY_SESSION_TTL_S,
  cookieSecure: e.LINGTAN_GATEWAY_COOKIE_SECURE,
  corsOrigins: e.LINGTAN_GATEWAY_CORS_ORIGINS,
  staticDir: e.LINGTAN_GATEWAY_STATIC_DIR,
  redisUrl: e.LINGTAN_GATEWAY_REDIS_URL,
  shareGroup: e.LINGTAN_GATEWAY_SHARE_GROUP,
  clientId: e.LINGTAN_GATEWAY_CLIENT_ID,
  tariffPath: e.LINGTAN_GATEWAY_TARIFF,
  loginRatePerMin: e.LINGTAN_GATEWAY_LOGIN_RATE_PER_MIN,
  ratePerMin: e.LINGTAN_GATEWAY_RATE_PER_MIN,
  simRecordingsDir: e.LINGTAN_SIM_RECORDINGS,
  registryWrites: e.LINGTAN_GATEWAY_REGISTRY_WRITES,
  trustProxy: e.LINGTAN_GATEWAY_TRUST_PROXY,
  ops: { host: e.LINGTAN_GATEWAY_OPS_HOST, port: e.LINGTAN_GATEWAY_OPS_PORT },
}));

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
