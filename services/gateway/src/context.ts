import type { Clock, RegistryIndex, TouTariff } from '@lingtan/domain';
import type { HealthChecks, Logger, Metrics } from '@lingtan/runtime';
import type { AlertCommand } from '@lingtan/schema';
import type { TimeSeriesStore } from '@lingtan/store';
import type { AuditLog } from './audit.js';
import type { Authenticator } from './auth/session.js';
import type { UserDirectory } from './auth/users.js';
import type { DeadLetterTally } from './dead-letter-tally.js';
import type { OpenAlertsReader } from './query/open-alerts.js';
import type { RegistryAdmin } from './registry/registry-admin.js';
import type { resources } from './http/context.js';

/** Sends an alert command to the rules service (QoS 1 on `alertCommandsTopic(park)`); resolves once the broker has it. */
export type AlertCommandPublisher = (command: AlertCommand) => Promise<void>;

/** What the gateway is built from; tests pass the memory store and a fixed clock. */
export interface GatewayDeps {
  readonly store: TimeSeriesStore;
  readonly registry: RegistryIndex;
  readonly users: UserDirectory;
  readonly publishCommand: AlertCommandPublisher;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** HS256 key of session JWTs (at least 32 characters). */
  readonly sessionSecret: string;
  readonly sessionTtlS?: number;
  readonly cookieSecure?: boolean;
  readonly corsOrigins?: readonly string[];
  /** The control view's build; a page saying how to build it when the folder is missing. */
  readonly staticDir?: string;
  readonly loginRatePerMin?: number;
  readonly ratePerMin?: number;
  /** Dead letters seen today (fed by main.ts from the dead-letter topic). */
  readonly deadLetters?: DeadLetterTally;
  /** Readiness checks of `/healthz` besides the store (e.g. the broker). */
  readonly health?: HealthChecks;
  readonly newId?: () => string;
  /** An audit log shared with the live feed; one is made when absent. */
  readonly audit?: AuditLog;
  readonly version?: string;
  /** The park's time-of-use tariff: summaries then carry `costCny` for callers who may see costs. */
  readonly tariff?: TouTariff;
  /** How long summaries and reports reuse one read of the daily rollups. Default 15 s. */
  readonly summaryCacheMs?: number;
  /** The registry file and the live registry behind `registry`: `/api/v1/admin/*` edits it (503 `registry_read_only` without). */
  readonly registryAdmin?: RegistryAdmin;
  /**
   * express's `trust proxy` (LINGTAN_GATEWAY_TRUST_PROXY): which X-Forwarded-For hops make
   * `req.ip`, the address login limits and audit entries use. Absent or false: the socket's.
   */
  readonly trustProxy?: false | number | readonly string[];
  /**
   * The park's open alerts in memory (`createOpenAlerts`): `GET /alerts` then lists active and
   * acknowledged ones without a store read. Absent (or not yet seeded): read from the store.
   */
  readonly openAlerts?: OpenAlertsReader;
}

/** What route modules share. */
export interface RouteContext {
  readonly deps: GatewayDeps;
  readonly audit: AuditLog;
  readonly auth: Authenticator;
  readonly at: ReturnType<typeof resources>;
  readonly newId: () => string;
}
