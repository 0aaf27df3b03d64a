import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Most files wait on real I/O (servers, printers, timers) more than they compute: two at a time on two cores.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
