import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure logic and in-memory adapters, milliseconds each) and
// `integration` (real Mosquitto, InfluxDB and service processes started by tests/harness).
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
    ],
  },
});
