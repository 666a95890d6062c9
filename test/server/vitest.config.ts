import { defineConfig } from 'vitest/config';
import root from '../../vitest.config';

/**
 * The server suite with its global setup (one throwaway PostgreSQL cluster for every file):
 * `npx vitest run --config test/server/vitest.config.ts`. Registering
 * `globalSetup: ['test/server/global-setup.ts']` in the root vitest.config.ts does the same
 * for `npm test`; without it each server test file starts a cluster of its own.
 */
export default defineConfig({
  ...root,
  test: {
    ...root.test,
    include: ['test/server/**/*.test.ts'],
    globalSetup: ['test/server/global-setup.ts'],
  },
});
