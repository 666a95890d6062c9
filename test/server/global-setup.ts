import type { TestProject } from 'vitest/node';
import { startPgCluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of a PostgreSQL cluster for the server tests; '' when there is none. */
    attainPgAdminUrl: string;
  }
}

/**
 * Vitest globalSetup: one throwaway PostgreSQL cluster for the whole run (each test file
 * creates its own database in it). Without PostgreSQL: a failure under CI, a warning and
 * skipped PostgreSQL suites elsewhere.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const cluster = await startPgCluster();
  if (!cluster) {
    const message =
      'PostgreSQL is not installed (no initdb/pg_ctl) and ATTAIN_TEST_DATABASE_URL is not set: the PostgreSQL server tests cannot run.';
    if (process.env.CI) throw new Error(message);
    console.warn(`\n⚠ ${message} They are skipped.\n`);
    project.provide('attainPgAdminUrl', '');
    return;
  }
  project.provide('attainPgAdminUrl', cluster.adminUrl);
  return () => cluster.stop();
}
