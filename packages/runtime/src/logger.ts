import { pino } from 'pino';
import type { Logger } from 'pino';

export type { Logger } from 'pino';

/** The root logger of a service: JSON lines on stdout, `service` on every line. */
export function createLogger(service: string, level: string): Logger {
  return pino({ name: service, level, base: { service } });
}

/** A logger that prints nothing: the default for library code and tests. */
export const silentLogger: Logger = pino({ level: 'silent' });
