/**
 * The error catalogue: stable codes shared by logs, metrics and API responses. Bad input
 * codes (a device's mistakes) live in `@lingtan/schema` as reject codes; these are the
 * platform's own failures.
 */
export const ERROR_CATALOGUE = {
  config_invalid: { message: 'the configuration is invalid', retriable: false },
  registry_invalid: { message: 'the park registry file is invalid', retriable: false },
  mqtt_unavailable: { message: 'the MQTT broker cannot be reached', retriable: true },
  store_unavailable: { message: 'the time-series store cannot be reached', retriable: true },
  store_rejected: { message: 'the time-series store refused the data', retriable: false },
  store_timeout: { message: 'the time-series store did not answer in time', retriable: true },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A platform error with a stable code and whether trying again may help. */
export class LingtanError extends Error {
  override readonly name = 'LingtanError';
  readonly retriable: boolean;
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly context: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown },
  ) {
    super(`${ERROR_CATALOGUE[code].message}: ${detail}`, options);
    this.retriable = ERROR_CATALOGUE[code].retriable;
  }
}

/** For exhaustive switches: the compiler proves this is never reached. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
