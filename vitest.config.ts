import { defineConfig } from 'vitest/config';

// Three projects: `unit` (pure logic and in-memory adapters, milliseconds each),
// `integration` (real Mosquitto, InfluxDB and service processes started by tests/harness) and
// `browser` (Debian's Chromium driving the built control view).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['packages/*/src/**/*.test.ts', 'services/*/src/**/*.test.ts', 'simulator/src/**/*.test.ts', 'tests/lint/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          // After the unit tests, in a group of their own.
          sequence: { groupOrder: 1 },
          include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'simulator/test/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file starts its own brokers and databases; two cores run two at a time.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'browser',
          // Last: Chromium against the built control view, one file at a time (each starts a
          // browser and its own servers; two cores do not run two Chromiums well).
          sequence: { groupOrder: 2 },
          include: ['tests/browser/**/*.test.ts'],
          globalSetup: ['tests/browser/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
