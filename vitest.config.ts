import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'libs/*/src/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'services/*/scripts/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    // Tests run real processes, a real Redis and real HTTP; give them room on a shared 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // A private redis-server for the run (or TEST_REDIS_URL): never a developer's own Redis.
    globalSetup: ['test/support/redis-setup.ts'],
    // In CI, also a machine-readable summary, from which .ci/run prints its closing line.
    ...(process.env.CI
      ? { reporters: ['default', 'json'], outputFile: { json: '.cache/test-results.json' } }
      : {}),
  },
});
