import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { openStore, type Store } from '../../../server/store/db';
import { startPgCluster, type PgCluster } from '../pg-cluster';

/** A store under test and how to throw it away. */
export interface OpenedStore {
  store: Store;
  /** How to reach the same database from another process (SQLite: its data dir). */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

export interface StoreFactory {
  name: 'sqlite' | 'postgres';
  /** False when PostgreSQL is not available here (never under CI: that fails instead). */
  available: boolean;
  open(): Promise<OpenedStore>;
}

let fileCluster: Promise<PgCluster | null> | null = null;

/**
 * The PostgreSQL server to test against: ATTAIN_TEST_DATABASE_URL, or the cluster the
 * global setup started, or (when the global setup is not registered) a cluster for this
 * test file alone.
 */
async function pgAdminUrl(): Promise<string | null> {
  if (process.env.ATTAIN_TEST_DATABASE_URL) return process.env.ATTAIN_TEST_DATABASE_URL;
  let provided: string | undefined;
  try {
    provided = inject('attainPgAdminUrl');
  } catch {
    provided = undefined;
  }
  if (provided) return provided;
  if (provided === '') return null; // the global setup looked and found none
  if (!fileCluster) {
    fileCluster = startPgCluster();
    afterAll(async () => {
      await (await fileCluster)?.stop();
    });
  }
  return (await fileCluster)?.adminUrl ?? null;
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const sqliteFactory: StoreFactory = {
  name: 'sqlite',
  available: true,
  async open() {
    const dir = await mkdtemp(join(tmpdir(), 'attain-sqlite-'));
    const store = await openStore({ dataDir: dir, sqliteSynchronous: 'normal' });
    return {
      store,
      env: { ATTAIN_DATA_DIR: dir },
      dispose: async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgresFactory(adminUrl: string | null): StoreFactory {
  return {
    name: 'postgres',
    available: adminUrl !== null,
    async open() {
      if (adminUrl === null) {
        throw new Error('PostgreSQL is not available: install it or set ATTAIN_TEST_DATABASE_URL');
      }
      const name = `attain_test_${randomBytes(6).toString('hex')}`;
      await adminQuery(adminUrl, `create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const store = await openStore({ databaseUrl: url.toString(), pgPoolMax: 8 });
      return {
        store,
        env: { DATABASE_URL: url.toString() },
        dispose: async () => {
          await store.close();
          await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
        },
      };
    },
  };
}

/**
 * Both stores, for `describe.each`. PostgreSQL missing: under CI the suite fails (the
 * factory is marked available and throws); elsewhere it is skipped with a warning.
 */
export async function storeFactories(): Promise<StoreFactory[]> {
  const url = await pgAdminUrl();
  if (url === null) {
    if (process.env.CI) {
      return [sqliteFactory, { ...postgresFactory(null), available: true }];
    }
    console.warn('⚠ PostgreSQL is not available here: the PostgreSQL server tests are skipped.');
  }
  return [sqliteFactory, postgresFactory(url)];
}
