import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DialectKind } from './dialect-kind';
import { migrateToLatest } from './migrations';
import type { Database } from './schema';
import { FifoSqliteDialect } from './sqlite-driver';
import { CoalescingBarrier } from './coalescing-barrier';
import { GroupCommitter } from './group-commit';
import { isRetryableDbError } from './transient';
import { ensureEpoch } from './meta-repository';
import { initializeData } from './initialize';

export type { DialectKind } from './dialect-kind';
export type Db = Kysely<Database>;

/**
 * The database behind the server: one Kysely instance and the transaction rules that keep
 * the change log gap-free on both databases.
 */
export interface Store {
  readonly kind: DialectKind;
  readonly db: Db;
  /** "SQLite at ./data/attain.sqlite" or "PostgreSQL at host:5432/db" (no password). */
  readonly description: string;
  /** A write transaction. Retries a transaction that lost a race (deadlock, busy) twice. */
  write<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  /** A read-only transaction on one consistent snapshot. */
  read<T>(fn: (trx: Db) => Promise<T>): Promise<T>;
  /**
   * A read-only snapshot together with the change-log horizon: the highest seq such that
   * every change with a seq at or below it is committed and visible in the snapshot.
   */
  readChanges<T>(fn: (trx: Db, horizon: number) => Promise<T>): Promise<T>;
  /**
   * The change-log horizon for ONE statement run outside a transaction right after (a single
   * statement reads one consistent snapshot): on PostgreSQL the barrier's value, as
   * `readChanges` takes it; on SQLite null, and the statement itself reads `max(seq)` (one
   * writer, so every change in its snapshot is committed). Saves the transaction's BEGIN
   * and COMMIT where one statement is enough (the pull of a caught-up client).
   */
  statementHorizon(): Promise<number | null>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `postgres://…`: use PostgreSQL. Otherwise SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** SQLite `synchronous`: `full` survives power loss; `normal` survives a process crash. */
  sqliteSynchronous?: 'full' | 'normal';
  pgPoolMax?: number;
}

const RETRIES = 2;

async function withRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= RETRIES || !isRetryableDbError(error)) throw error;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}

async function maxSeq(trx: Db): Promise<number> {
  const row = await trx
    .selectFrom('change_log')
    .select((eb) => eb.fn.max('seq').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

export function sqliteFile(dataDir: string): string {
  return join(resolve(dataDir), 'attain.sqlite');
}

export async function openSqliteStore(options: {
  file: string;
  synchronous?: 'full' | 'normal';
}): Promise<Store> {
  const sqlite = new BetterSqlite3(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // Sorts (the pull's ORDER BY over several audiences) in memory, not in a temp file each.
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new FifoSqliteDialect(sqlite) });
  await migrateToLatest(db, 'sqlite');
  await ensureEpoch(db);
  // Writes that queue behind a transaction share the next one's COMMIT (one fsync).
  const committer = new GroupCommitter((body) => withRetries(() => db.transaction().execute(body)));
  const store: Store = {
    kind: 'sqlite',
    db,
    description: options.file === ':memory:' ? 'SQLite in memory' : `SQLite at ${options.file}`,
    write: (fn) => committer.write(fn),
    read: (fn) => db.transaction().setAccessMode('read only').execute(fn),
    // One connection, one transaction at a time: every committed change is visible.
    readChanges: (fn) =>
      db
        .transaction()
        .setAccessMode('read only')
        .execute(async (trx) => fn(trx, await maxSeq(trx))),
    statementHorizon: () => Promise.resolve(null),
    close: () => db.destroy(),
  };
  return store;
}

/** Advisory lock key: writers hold it shared, the change-log horizon barrier exclusively. */
const CHANGE_LOG_LOCK = 0x4154_5431;

function describePg(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL at ${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

export async function openPostgresStore(options: {
  connectionString: string;
  poolMax?: number;
}): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.poolMax ?? 10,
    // int8 (change-log seqs, mutation seqs) as numbers: they stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === 20
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection must not crash the process; the next query retries.
  pool.on('error', (error) => console.error('postgres pool error:', error.message));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateToLatest(db, 'postgres');
    await ensureEpoch(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }

  // Sequence values are taken in one order and committed in another. Every writer holds the
  // change-log lock SHARED for its whole transaction; the barrier takes it EXCLUSIVELY for
  // an instant, so when it reads max(seq) no writer is between taking a seq and committing.
  const barrier = new CoalescingBarrier(() =>
    db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`.execute(trx);
      return maxSeq(trx);
    }),
  );

  return {
    kind: 'postgres',
    db,
    description: describePg(options.connectionString),
    write: (fn) =>
      withRetries(() =>
        db.transaction().execute(async (trx) => {
          await sql`select pg_advisory_xact_lock_shared(${CHANGE_LOG_LOCK})`.execute(trx);
          return fn(trx);
        }),
      ),
    read: (fn) =>
      db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(fn),
    readChanges: async (fn) => {
      const horizon = await barrier.run();
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute((trx) => fn(trx, horizon));
    },
    statementHorizon: () => barrier.run(),
    close: () => db.destroy(),
  };
}

/**
 * Opens PostgreSQL when `databaseUrl` is set, else SQLite under `dataDir` (created if
 * needed); runs the migrations and writes the initial data.
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  let store: Store;
  if (options.databaseUrl) {
    store = await openPostgresStore({
      connectionString: options.databaseUrl,
      ...(options.pgPoolMax !== undefined ? { poolMax: options.pgPoolMax } : {}),
    });
  } else {
    const dataDir = options.dataDir ?? './data';
    mkdirSync(dataDir, { recursive: true });
    store = await openSqliteStore({
      file: sqliteFile(dataDir),
      ...(options.sqliteSynchronous ? { synchronous: options.sqliteSynchronous } : {}),
    });
  }
  try {
    await initializeData(store, new Date());
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
