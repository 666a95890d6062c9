/**
 * Integration harness: the REAL Attain server (createApp, SQLite in a temp dir, the server
 * tests' fixture) on a loopback port, a fault proxy in front of it, and extension clients
 * (each its own fake IndexedDB) whose sync engine talks to the proxy over real HTTP.
 *
 * Nothing here catches a failure to start the server: the integration tests then fail.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { SYNC_SCHEMA_VERSION, type Change } from '../../lib/domain';
import { AttainDatabase } from '../../lib/db';
import {
  memoryLock,
  memorySessionStore,
  parseEntity,
  SyncEngine,
  type LockFn,
  type SessionStore,
  type SyncEngineOptions,
} from '../../lib/sync';
import { openStore, type Store } from '../../server/store/db';
import { NOW, seedFixture, USERS, type Fixture, type FixtureUser } from '../server/support/fixture';
import { startTestServer, type TestServer } from '../server/support/server';
import { FaultProxy } from './fault-proxy';

export interface SyncServer {
  store: Store;
  server: TestServer;
  fixture: Fixture;
  proxy: FaultProxy;
  dispose(): Promise<void>;
}

export async function startSyncServer(): Promise<SyncServer> {
  const dir = await mkdtemp(join(tmpdir(), 'attain-sync-it-'));
  const store = await openStore({ dataDir: dir, sqliteSynchronous: 'normal' });
  const fixture = await seedFixture(store);
  const server = await startTestServer(store, { quiet: true });
  const proxy = await new FaultProxy(`http://127.0.0.1:${server.port}`).start();
  return {
    store,
    server,
    fixture,
    proxy,
    async dispose() {
      await proxy.close();
      await server.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A clock the test moves (backoff waits are read from it, never slept). */
export class ManualClock {
  constructor(public ms: number = Date.parse(NOW)) {}
  now = (): number => this.ms;
  date = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

let dbCounter = 0;

/** One browser profile with the extension: its database, session, lock and clock. */
export class TestClient {
  readonly db: AttainDatabase;
  readonly sessions: SessionStore;
  readonly clock: ManualClock;
  /** Web Locks live as long as the worker: a killed worker's engine gets a fresh one. */
  lock: LockFn = memoryLock();
  engine: SyncEngine;
  readonly scheduled: number[] = [];
  readonly statuses: string[] = [];

  constructor(
    readonly sync: SyncServer,
    readonly user: FixtureUser,
    readonly options: Partial<SyncEngineOptions> = {},
    indexedDB: IDBFactory = new IDBFactory(),
  ) {
    this.db = new AttainDatabase(`attain-it-${++dbCounter}`, { indexedDB, IDBKeyRange });
    this.sessions = memorySessionStore();
    this.clock = new ManualClock();
    this.engine = this.newEngine();
  }

  newEngine(): SyncEngine {
    return new SyncEngine({
      db: this.db,
      sessions: this.sessions,
      lock: this.lock,
      now: this.clock.now,
      random: () => 0.5,
      timeoutMs: 2_000,
      schedule: (at) => this.scheduled.push(at),
      onStatus: (s) => this.statuses.push(s.state),
      log: () => undefined,
      ...this.options,
    });
  }

  /** The service worker dies: its engine is thrown away, a new one starts from IndexedDB. */
  restartWorker(): SyncEngine {
    this.engine.kill();
    this.lock = memoryLock();
    this.engine = this.newEngine();
    return this.engine;
  }

  /** What a sign-in leaves behind, with the fixture's token (no password round trip). */
  async connect(): Promise<void> {
    const u = USERS[this.user];
    await this.sessions.save({
      serverUrl: this.sync.proxy.url,
      token: this.sync.fixture.tokens[this.user],
      userId: u.id,
      email: u.email,
      expiresAt: '2099-01-01T00:00:00.000Z',
    });
    await this.db.meta.put({
      key: 'account',
      userId: u.id,
      email: u.email,
      serverUrl: this.sync.proxy.url,
      signedIn: true,
    });
  }

  /** Moves past any backoff wait and syncs. */
  async syncNow() {
    const retry = await this.db.meta.get('retry');
    if (retry?.key === 'retry' && retry.notBefore > this.clock.ms) this.clock.ms = retry.notBefore;
    return this.engine.sync('retry');
  }

  /** Syncs (skipping backoff waits) until a run succeeds; at most `max` runs. */
  async syncUntilSynced(max = 10) {
    let last;
    for (let i = 0; i < max; i++) {
      last = await this.syncNow();
      if (last.outcome === 'synced' && (await this.db.outbox.count()) === 0) return last;
    }
    throw new Error(`${this.user} did not sync: ${JSON.stringify(last)}`);
  }

  /** Every entity in the local database as `entity/id` → value (pending ones included). */
  async localView(): Promise<Map<string, unknown>> {
    const out = new Map<string, unknown>();
    const tables: Array<[string, string]> = [
      ['me', 'me'],
      ['user', 'users'],
      ['team', 'teams'],
      ['plan', 'plans'],
      ['planAssignment', 'planAssignments'],
      ['quota', 'quotas'],
      ['fxRate', 'fxRates'],
      ['deal', 'deals'],
      ['annotation', 'annotations'],
      ['prompt', 'prompts'],
      ['promptState', 'promptStates'],
      ['survey', 'surveys'],
      ['enpsStatus', 'enpsStatus'],
      ['settings', 'settings'],
    ];
    for (const [entity, table] of tables) {
      for (const row of (await this.db.table(table).toArray()) as Array<{
        id: string;
        value: unknown;
      }>) {
        if (row.value !== null) out.set(`${entity}/${row.id}`, row.value);
      }
    }
    return out;
  }
}

/**
 * What the server says `user` may see now: a full pull with a fresh client id, straight over
 * HTTP (no fault proxy), values parsed as the client parses them.
 */
export async function serverView(
  sync: SyncServer,
  user: FixtureUser,
): Promise<Map<string, unknown>> {
  const token = sync.fixture.tokens[user];
  const clientId = `reference-${Math.random().toString(36).slice(2, 12)}`;
  const out = new Map<string, unknown>();
  let cursor = 0;
  for (;;) {
    const res = await sync.server.api.post(
      '/v1/sync/pull',
      { clientId, cursor, schemaVersion: SYNC_SCHEMA_VERSION, limit: 1000 },
      token,
    );
    if (res.status !== 200) throw new Error(`reference pull failed: ${res.status} ${res.text}`);
    for (const c of res.body.changes as Change[]) {
      if (c.op === 'del') {
        out.delete(`${c.entity}/${c.id}`);
        continue;
      }
      const parsed = parseEntity(c.entity, c.value);
      if (!parsed.ok) throw new Error(`the server sent an invalid ${c.entity}: ${parsed.message}`);
      out.set(`${c.entity}/${c.id}`, parsed.value);
    }
    cursor = res.body.cursor;
    if (!res.body.hasMore) return out;
  }
}
