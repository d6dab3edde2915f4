import type { Logger } from 'pino';

/** Something to close on the way out, in reverse order of registration. */
export type Closer = () => Promise<void>;

/**
 * Close everything on SIGINT/SIGTERM, within `graceMs`, then exit. A second signal exits at
 * once. Returns the function that runs the same shutdown by hand.
 */
export function installShutdown(logger: Logger, closers: Closer[], graceMs = 10_000): (reason: string) => Promise<void> {
  let closing: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    if (closing !== undefined) return closing;
    logger.info({ reason }, 'shutting down');
    const timer = setTimeout(() => {
      logger.error({ graceMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, graceMs);
    timer.unref();
    closing = (async () => {
      for (const close of [...closers].reverse()) {
        try {
          await close();
        } catch (error) {
          logger.error({ err: error }, 'error while closing');
        }
      }
      clearTimeout(timer);
    })();
    return closing;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (closing !== undefined) process.exit(1);
      void shutdown(signal).then(() => process.exit(0));
    });
  }
  return shutdown;
}

/**
 * Run a service's `main`: a failure to start (bad config, unreachable store...) is printed
 * as one plain line on stderr, which is what a person reads before any logger exists, and
 * the process exits 1.
 */
export function runMain(service: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${service} failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
