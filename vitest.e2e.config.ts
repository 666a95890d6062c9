import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests in a real Chromium (`npm run test:e2e`): one file at a time, long timeouts,
 * the extension built first when missing or stale. See test/e2e/support/.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    globalSetup: ['test/e2e/support/global-setup.ts'],
  },
});
