import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  type DatabaseConnection,
  type Driver,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

type Statement = BetterSqlite3.Statement<unknown[], unknown>;

/**
 * A Kysely SQLite driver for better-sqlite3 that differs from Kysely's own in three ways:
 * - write transactions start with `BEGIN IMMEDIATE`, so a transaction never has to upgrade
 *   a read lock to a write lock (which fails at once with SQLITE_BUSY when another process,
 *   the CLI or the seeder, is writing); read-only transactions use a deferred `BEGIN` and
 *   read one WAL snapshot;
 * - the single connection is handed out in FIFO order, so a transaction holds it from
 *   BEGIN to COMMIT and concurrent requests can never interleave statements inside it;
 * - prepared statements are cached by SQL text.
 */
class FifoMutex {
  private locked = false;
  private readonly waiters: Array<() => void> = [];

  async lock(): Promise<void> {
    if (!this.locked) {
      this.locked = true;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  unlock(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.locked = false;
  }
}

class CachedSqliteConnection implements DatabaseConnection {
  private readonly cache = new Map<string, Statement>();

  constructor(private readonly db: BetterSqlite3.Database) {}

  private prepare(sqlText: string): Statement {
    let stmt = this.cache.get(sqlText);
    if (!stmt) {
      stmt = this.db.prepare(sqlText);
      if (this.cache.size >= 1000) this.cache.clear();
      this.cache.set(sqlText, stmt);
    }
    return stmt;
  }

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const stmt = this.prepare(compiled.sql);
    const params = compiled.parameters as unknown[];
    if (stmt.reader) return { rows: stmt.all(...params) as R[] };
    const { changes, lastInsertRowid } = stmt.run(...params);
    return {
      numAffectedRows: BigInt(changes),
      insertId: BigInt(lastInsertRowid),
      rows: [],
    };
  }

  async *streamQuery<R>(compiled: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    const stmt = this.prepare(compiled.sql);
    for (const row of stmt.iterate(...(compiled.parameters as unknown[]))) {
      yield { rows: [row as R] };
    }
  }
}

class FifoSqliteDriver implements Driver {
  private readonly mutex = new FifoMutex();
  private readonly connection: CachedSqliteConnection;

  constructor(private readonly db: BetterSqlite3.Database) {
    this.connection = new CachedSqliteConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const begin = settings.accessMode === 'read only' ? 'begin' : 'begin immediate';
    await conn.executeQuery(CompiledQuery.raw(begin));
  }

  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    // A failed COMMIT or an I/O error may already have ended the transaction.
    if (this.db.inTransaction) await conn.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(
    conn: DatabaseConnection,
    name: string,
    _compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`savepoint "${name}"`));
  }

  async rollbackToSavepoint(
    conn: DatabaseConnection,
    name: string,
    _compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`rollback to "${name}"`));
  }

  async releaseSavepoint(
    conn: DatabaseConnection,
    name: string,
    _compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw(`release "${name}"`));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.db.close();
  }
}

/** Kysely's SQLite dialect (query compiler, adapter, introspector) with the driver above. */
export class FifoSqliteDialect extends SqliteDialect {
  constructor(private readonly sqlite: BetterSqlite3.Database) {
    super({ database: sqlite });
  }

  override createDriver(): Driver {
    return new FifoSqliteDriver(this.sqlite);
  }
}
