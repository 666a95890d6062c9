import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    // One throwaway PostgreSQL cluster for the whole run (the server suite runs on it too).
    globalSetup: ['test/server/global-setup.ts'],
  },
});
