/**
 * INTEGRATION: the sync engine against the real Attain server (SQLite) over loopback HTTP,
 * through the fault-injecting proxy. These tests fail (they are never skipped) when the
 * server cannot start.
 */
import type { DBCore, Middleware } from 'dexie';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AnnotationRepository, EnpsRepository, PromptStateRepository } from '../../lib/db';
import { AuthService, backoffDelay, DEFAULT_BACKOFF } from '../../lib/sync';
import { PASSWORD, USERS } from '../server/support/fixture';
import { isPull, isPush } from './fault-proxy';
import { serverView, startSyncServer, TestClient, type SyncServer } from './harness';

let sync: SyncServer;

beforeAll(async () => {
  sync = await startSyncServer();
});
afterAll(async () => {
  await sync?.dispose();
});
beforeEach(() => {
  sync.proxy.clear();
});
afterEach(() => {
  sync.proxy.release();
});

async function notesOnServer(id: string): Promise<number> {
  const rows = await sync.store.db
    .selectFrom('annotations')
    .select('id')
    .where('id', '=', id)
    .execute();
  return rows.length;
}

async function serverLastSeq(clientId: string): Promise<number> {
  const row = await sync.store.db
    .selectFrom('sync_clients')
    .select('last_mutation_seq')
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return Number(row?.last_mutation_seq ?? 0);
}

async function clientIdOf(c: TestClient): Promise<string> {
  const row = await c.db.meta.get('client');
  if (row?.key !== 'client') throw new Error('no client id yet');
  return row.clientId;
}

async function connected(user: Parameters<typeof makeClient>[0], options = {}) {
  const c = makeClient(user, options);
  await c.connect();
  await c.syncUntilSynced();
  return c;
}

function makeClient(user: 'm1' | 'm2' | 'r1' | 'r2' | 'r3' | 'admin', options = {}) {
  return new TestClient(sync, user, options);
}

function notes(c: TestClient) {
  return new AnnotationRepository(c.db, { now: c.clock.date });
}

describe('[integration] sign-in and a first sync', () => {
  it('signs in with a password and pulls exactly what the server lets the user see', async () => {
    const c = makeClient('r1');
    const auth = new AuthService({ db: c.db, sessions: c.sessions });
    const result = await auth.signIn({
      serverUrl: `${sync.proxy.url}/`,
      email: USERS.r1.email,
      password: PASSWORD,
    });
    expect(result).toMatchObject({ ok: true, serverUrl: sync.proxy.url, user: { id: 'r1' } });
    expect((await c.sessions.load())?.token).toMatch(/.{20,}/);
    expect(await c.engine.sync('startup')).toEqual({ outcome: 'synced' });
    const local = await c.localView();
    expect(local).toEqual(await serverView(sync, 'r1'));
    expect(local.has('deal/d1')).toBe(true);
    expect(local.has('deal/d2')).toBe(false); // r2's deal
    expect(local.has('annotation/n1')).toBe(true);
    expect(local.has('annotation/n1mgr')).toBe(false); // managers only
    expect((await c.engine.status()).state).toBe('synced');

    const wrong = await auth.signIn({
      serverUrl: sync.proxy.url,
      email: USERS.r1.email,
      password: 'nope',
    });
    expect(wrong).toMatchObject({ ok: false, code: 'invalid_credentials' });
  });

  it('pushes local writes of every kind and the server applies each once', async () => {
    const m1 = await connected('m1');
    const r1 = await connected('r1');
    const created = await notes(m1).createNote({
      dealId: 'd1',
      body: 'Ask for the PO',
      visibility: 'shared',
    });
    await notes(m1).reply({ parentId: 'n1', body: 'Following up' });
    await notes(m1).edit({ id: 'n1', body: 'Note n1, edited' });
    await notes(m1).resolve({ id: 'n1mgr', resolved: true });
    await new PromptStateRepository(r1.db, { now: r1.clock.date }).dismiss('p1');
    await new EnpsRepository(r1.db, { now: r1.clock.date }).respond({
      surveyId: 'pulse',
      periodStart: '2026-04-01',
      score: 9,
      answers: { q1: 7 },
    });
    expect((await m1.engine.status()).state).toBe('pending');
    await m1.syncUntilSynced();
    await r1.syncUntilSynced();
    expect(await notesOnServer(created.entityId)).toBe(1);
    expect(await m1.localView()).toEqual(await serverView(sync, 'm1'));
    expect(await r1.localView()).toEqual(await serverView(sync, 'r1'));
    const r1View = await r1.localView();
    expect(r1View.get(`annotation/${created.entityId}`)).toMatchObject({ body: 'Ask for the PO' });
    expect(r1View.get('enpsStatus/pulse')).toMatchObject({ answeredPeriods: ['2026-04-01'] });
    expect(r1View.get('promptState/p1')).toMatchObject({ status: 'dismissed', userId: 'r1' });
    expect((await m1.db.annotations.get('n1'))?.value).toMatchObject({
      body: 'Note n1, edited',
      version: 2,
    });
  });
});

describe('[integration] faults', () => {
  it('a dropped request is retried after a backoff and applied once', async () => {
    const c = await connected('m1');
    const { entityId } = await notes(c).createNote({ dealId: 'd1', body: 'dropped once' });
    sync.proxy.inject({ match: isPush, fault: { kind: 'drop-request' } });
    const failed = await c.engine.sync('local-write');
    expect(failed).toMatchObject({ outcome: 'error', code: 'network' });
    expect(await c.db.outbox.count()).toBe(1);
    const status = await c.engine.status();
    // No answer at all (a server down or out of reach): offline, although the browser is
    // online: the user works from the local data and the change waits (not "sync failed").
    expect(status).toMatchObject({ state: 'offline', pending: 1, error: { code: 'offline' } });
    // Automatic triggers wait for the backoff…
    expect(await c.engine.sync('alarm')).toMatchObject({ outcome: 'waiting' });
    expect(c.scheduled.at(-1)).toBe(status.nextRetryAt && Date.parse(status.nextRetryAt));
    // …then it goes through.
    await c.syncUntilSynced();
    expect(await notesOnServer(entityId)).toBe(1);
    expect((await c.engine.status()).state).toBe('synced');
  });

  it('an answer lost after the server committed: the retry is a duplicate, applied once', async () => {
    const c = await connected('m1');
    const { entityId } = await notes(c).createNote({
      dealId: 'd1',
      body: 'committed, answer lost',
    });
    sync.proxy.inject({ match: isPush, fault: { kind: 'drop-response' } });
    expect(await c.engine.sync('local-write')).toMatchObject({ outcome: 'error' });
    expect(await notesOnServer(entityId)).toBe(1);
    expect(await c.db.outbox.count()).toBe(1);
    await c.syncUntilSynced();
    expect(await notesOnServer(entityId)).toBe(1);
    expect(await serverLastSeq(await clientIdOf(c))).toBe(
      await c.db.meta.get('seq').then((s) => (s?.key === 'seq' ? s.lastAllocated : -1)),
    );
    expect((await c.localView()).get(`annotation/${entityId}`)).toMatchObject({
      body: 'committed, answer lost',
    });
  });

  it('the same batch delivered twice is applied once', async () => {
    const c = await connected('r1');
    const { responseId } = await new EnpsRepository(c.db, { now: c.clock.date }).respond({
      surveyId: 'pulse',
      periodStart: '2026-01-01',
      score: 6,
    });
    sync.proxy.inject({ match: isPush, fault: { kind: 'duplicate', answer: 'second' } });
    expect(await c.engine.sync('local-write')).toEqual({ outcome: 'synced' });
    const rows = await sync.store.db
      .selectFrom('enps_responses')
      .select('id')
      .where('id', '=', responseId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(await c.db.outbox.count()).toBe(0);
    expect(await c.db.rejections.count()).toBe(0);
  });

  it('5xx with Retry-After: even "Sync now" waits as long as the server asked', async () => {
    const c = await connected('m1');
    await notes(c).createNote({ dealId: 'd1', body: 'after a 503' });
    sync.proxy.inject({
      match: isPush,
      fault: {
        kind: 'status',
        status: 503,
        headers: { 'Retry-After': '120' },
        body: { error: { code: 'unavailable', message: 'The database is busy.' } },
      },
    });
    const failed = await c.engine.sync('local-write');
    expect(failed).toMatchObject({ outcome: 'error', code: 'unavailable' });
    const retry = await c.db.meta.get('retry');
    expect(retry).toMatchObject({ attempt: 1, serverAsked: true });
    expect(retry?.key === 'retry' && retry.notBefore - c.clock.ms).toBeGreaterThanOrEqual(120_000);
    expect(await c.engine.sync('user')).toMatchObject({ outcome: 'waiting' });
    c.clock.advance(120_000);
    expect(await c.engine.sync('alarm')).toEqual({ outcome: 'synced' });
    expect(await c.db.meta.get('retry')).toBeUndefined();
  });

  it('backs off exponentially with jitter, capped, and "Sync now" skips the wait', async () => {
    const c = await connected('m1');
    await notes(c).createNote({ dealId: 'd1', body: 'server down for a while' });
    sync.proxy.inject({
      match: isPush,
      fault: { kind: 'status', status: 502, body: '<html>Bad gateway</html>' },
      times: 12,
    });
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await c.syncNow();
      expect(r).toMatchObject({ outcome: 'error', code: 'server_error' });
      waits.push(r.outcome === 'error' ? r.retryAt - c.clock.ms : -1);
    }
    // random() is 0.5: half of min(cap, base·2^(n−1)).
    expect(waits).toEqual(waits.map((_, i) => backoffDelay(i + 1, null, () => 0.5)));
    expect(Math.max(...waits)).toBe(DEFAULT_BACKOFF.capMs / 2);
    expect(await c.engine.sync('user')).toEqual({ outcome: 'synced' });
  });

  it('429 honours Retry-After', async () => {
    const c = await connected('m1');
    sync.proxy.inject({
      match: isPull,
      fault: {
        kind: 'status',
        status: 429,
        headers: { 'Retry-After': '30' },
        body: { error: { code: 'rate_limited', message: 'Too many requests: try again in 30 s.' } },
      },
    });
    const r = await c.engine.sync('alarm');
    expect(r).toMatchObject({ outcome: 'error', code: 'rate_limited' });
    expect(r.outcome === 'error' && r.retryAt - c.clock.ms).toBeGreaterThanOrEqual(30_000);
  });

  it('401: the token is forgotten, the state is signed out, queued changes wait for the next sign-in', async () => {
    const c = await connected('m1');
    const { entityId } = await notes(c).createNote({
      dealId: 'd1',
      body: 'written before the token expired',
    });
    sync.proxy.inject({
      match: isPush,
      fault: {
        kind: 'status',
        status: 401,
        body: {
          error: {
            code: 'unauthorized',
            message: 'The token is unknown, expired or revoked: sign in again.',
          },
        },
      },
    });
    expect(await c.engine.sync('local-write')).toEqual({ outcome: 'signedOut' });
    expect(await c.sessions.load()).toBeNull();
    expect(await c.engine.status()).toMatchObject({
      state: 'signedOut',
      signedIn: false,
      pending: 1,
      error: { code: 'unauthorized' },
    });
    expect(await c.engine.sync('alarm')).toEqual({ outcome: 'signedOut' });
    const auth = new AuthService({ db: c.db, sessions: c.sessions });
    expect(
      await auth.signIn({ serverUrl: sync.proxy.url, email: USERS.m1.email, password: PASSWORD }),
    ).toMatchObject({ ok: true, dataCleared: false });
    await c.syncUntilSynced();
    expect(await notesOnServer(entityId)).toBe(1);
    expect((await c.engine.status()).state).toBe('synced');
  });

  it('30 s of latency: the request times out, the next attempt succeeds', async () => {
    const c = await connected('m1', { timeoutMs: 300 });
    sync.proxy.inject({ match: isPull, fault: { kind: 'latency', ms: 30_000 } });
    const started = Date.now();
    const r = await c.engine.sync('alarm');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r).toMatchObject({ outcome: 'error', code: 'timeout' });
    // A slow server is an error (it is there, but failing), not offline.
    expect(await c.engine.status()).toMatchObject({
      state: 'error',
      error: { code: 'timeout', message: expect.stringMatching(/did not answer/) },
    });
    await c.syncUntilSynced();
  });

  it('a push that reaches the server after the client gave up is not applied twice', async () => {
    const c = await connected('m1', { timeoutMs: 300 });
    const { entityId } = await notes(c).createNote({ dealId: 'd1', body: 'slow network' });
    sync.proxy.inject({ match: isPush, fault: { kind: 'latency', ms: 600 } });
    expect(await c.engine.sync('local-write')).toMatchObject({ outcome: 'error', code: 'timeout' });
    await new Promise((r) => setTimeout(r, 900)); // the held request reaches the server now
    expect(await notesOnServer(entityId)).toBe(1);
    await c.syncUntilSynced();
    expect(await notesOnServer(entityId)).toBe(1);
  });

  it('a schema mismatch stops sync and says so', async () => {
    const c = await connected('m1');
    sync.proxy.inject({
      match: isPull,
      fault: {
        kind: 'status',
        status: 409,
        body: {
          error: {
            code: 'schema_mismatch',
            message:
              'This server speaks sync schema version 2; the client sent 1. Update the extension.',
          },
        },
      },
    });
    expect(await c.engine.sync('alarm')).toMatchObject({ outcome: 'stopped' });
    const status = await c.engine.status();
    expect(status).toMatchObject({
      state: 'stopped',
      stopped: { reason: expect.stringMatching(/Update the extension/) },
    });
    const requests = sync.proxy.log.length;
    expect(await c.engine.sync('alarm')).toMatchObject({ outcome: 'stopped' });
    expect(sync.proxy.log.length).toBe(requests); // nothing sent while stopped
    // The user asks again (say, after the server was rolled back): it tries once more.
    expect(await c.engine.sync('user')).toEqual({ outcome: 'synced' });
  });
});

describe('[integration] a killed service worker', () => {
  it('killed while a push was at the server: a new worker resumes from IndexedDB, applied once', async () => {
    const c = await connected('m1');
    const { entityId } = await notes(c).createNote({ dealId: 'd1', body: 'worker died mid-push' });
    let held!: () => void;
    const heldNow = new Promise<void>((r) => (held = r));
    sync.proxy.inject({ match: isPush, fault: { kind: 'hold', onHeld: () => held() } });
    const running = c.engine.sync('local-write');
    await heldNow; // the server has committed; the answer is on its way
    c.restartWorker();
    sync.proxy.release();
    expect(await running).toEqual({ outcome: 'killed' });
    expect(await c.db.outbox.count()).toBe(1); // the dead worker wrote nothing more
    expect(await c.engine.sync('startup')).toEqual({ outcome: 'synced' });
    expect(await c.db.outbox.count()).toBe(0);
    expect(await notesOnServer(entityId)).toBe(1);
  });

  it('killed between pull pages: the next worker goes on from the saved cursor', async () => {
    const c = makeClient('admin', { pageLimit: 3 });
    await c.connect();
    let pages = 0;
    sync.proxy.inject({
      match: (r) => isPull(r) && ++pages === 3,
      fault: { kind: 'hold', onHeld: () => c.restartWorker() },
    });
    const first = c.engine;
    const run = first.sync('startup');
    await new Promise((r) => setTimeout(r, 50));
    // Wait until the third page is held and the worker restarted, then let it go.
    for (let i = 0; i < 100 && c.engine === first; i++) await new Promise((r) => setTimeout(r, 20));
    sync.proxy.release();
    expect(await run).toEqual({ outcome: 'killed' });
    const cursorAfterKill =
      (await c.db.meta.get('sync'))?.key === 'sync'
        ? ((await c.db.meta.get('sync')) as { cursor: number }).cursor
        : 0;
    expect(cursorAfterKill).toBeGreaterThan(0);
    expect(await c.engine.sync('startup')).toEqual({ outcome: 'synced' });
    expect(await c.localView()).toEqual(await serverView(sync, 'admin'));
  });
});

describe('[integration] rejections, conflicts and gaps', () => {
  it('a refused change is kept and shown until dismissed; the local note goes away', async () => {
    const c = await connected('m1');
    const { entityId } = await notes(c).createNote({ dealId: 'd3', body: 'not my team’s deal' });
    expect(await c.engine.sync('local-write')).toEqual({ outcome: 'synced' });
    const [rejection] = await c.db.rejections.toArray();
    expect(rejection).toMatchObject({
      name: 'annotation.create',
      code: 'not_found',
      args: { body: 'not my team’s deal' },
    });
    expect(await c.db.annotations.get(entityId)).toBeUndefined();
    expect(await c.engine.status()).toMatchObject({ state: 'rejected', rejected: 1, pending: 0 });
    await c.db.rejections.clear();
    expect((await c.engine.status()).state).toBe('synced');
  });

  it('a rejection is learned from the pull when the push answer was lost', async () => {
    const c = await connected('m1');
    await notes(c).createNote({ dealId: 'd3', body: 'refused, answer lost' });
    sync.proxy.inject({ match: isPush, fault: { kind: 'drop-response' } });
    expect(await c.engine.sync('local-write')).toMatchObject({ outcome: 'error' });
    await c.syncUntilSynced();
    expect(await c.db.rejections.toArray()).toEqual([
      expect.objectContaining({
        code: 'not_found',
        args: expect.objectContaining({ body: 'refused, answer lost' }),
      }),
    ]);
  });

  it('a stale edit becomes a visible conflict copy and a rejection', async () => {
    const laptop = await connected('m1');
    const desktop = await connected('m1');
    const { entityId } = await notes(laptop).createNote({ dealId: 'd2', body: 'v1' });
    await laptop.syncUntilSynced();
    await desktop.syncUntilSynced();
    await notes(laptop).edit({ id: entityId, body: 'laptop text' });
    await notes(desktop).edit({ id: entityId, body: 'desktop text' });
    await laptop.syncUntilSynced();
    await desktop.syncUntilSynced();
    const [rejection] = await desktop.db.rejections.toArray();
    expect(rejection).toMatchObject({ name: 'annotation.edit', code: 'conflict' });
    const threads = await notes(desktop).threadsForDeal('d2');
    const thread = threads.find((t) => t.note.id === entityId)!;
    expect(thread.note.body).toBe('laptop text');
    expect(thread.replies.map((r) => r.body)).toContain('desktop text');
    await laptop.syncUntilSynced();
    expect(await laptop.localView()).toEqual(await serverView(sync, 'm1'));
  });

  it('a server that forgot this client (restored backup) gets the queue renumbered', async () => {
    const c = await connected('m1');
    // Pretend the server had acknowledged seq 50 before its database was restored.
    await c.db.meta.put({ key: 'seq', lastAllocated: 50 });
    const { entityId } = await notes(c).createNote({ dealId: 'd1', body: 'after the restore' });
    expect((await c.db.outbox.toArray()).map((o) => o.seq)).toEqual([51]);
    await c.syncUntilSynced();
    expect(await notesOnServer(entityId)).toBe(1);
    expect(await serverLastSeq(await clientIdOf(c))).toBeLessThan(51);
  });

  it('a full resync keeps pending changes and drops what the user may no longer see', async () => {
    const c = await connected('r1');
    expect((await c.localView()).has('deal/d1')).toBe(true);
    const { entityId } = await notes(c).createNote({
      dealId: 'd1',
      body: 'pending across a resync',
    });
    // r1 moves to team t2 (a resync marker for them).
    const { saveUser } = await import('../../server/store/people-repository');
    await sync.store.write((trx) =>
      saveUser(trx, new Date().toISOString(), {
        id: 'r1',
        email: USERS.r1.email,
        name: 'Rep One',
        role: 'rep',
        active: true,
        teamIds: ['t2'],
        managesTeamIds: [],
      }),
    );
    sync.proxy.inject({ match: isPush, fault: { kind: 'drop-request' } });
    expect(await c.engine.sync('alarm')).toMatchObject({ outcome: 'error' });
    expect((await c.localView()).get(`annotation/${entityId}`)).toMatchObject({
      body: 'pending across a resync',
    });
    await c.syncUntilSynced();
    expect(await c.localView()).toEqual(await serverView(sync, 'r1'));
    // Back to t1 for the other tests.
    await sync.store.write((trx) =>
      saveUser(trx, new Date().toISOString(), {
        id: 'r1',
        email: USERS.r1.email,
        name: 'Rep One',
        role: 'rep',
        active: true,
        teamIds: ['t1'],
        managesTeamIds: [],
      }),
    );
  });
});

describe('[integration] a full disk', () => {
  function quota(state: { table: string | null }): Middleware<DBCore> {
    return {
      stack: 'dbcore',
      name: 'quota',
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return {
            ...t,
            mutate: (req) =>
              state.table === name
                ? Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError'))
                : t.mutate(req),
          };
        },
      }),
    };
  }

  it('a pull page that does not fit is not applied at all, and sync resumes once it fits', async () => {
    const state = { table: null as string | null };
    const c = makeClient('m1');
    c.db.use(quota(state));
    await c.connect();
    state.table = 'annotations';
    const r = await c.engine.sync('startup');
    expect(r).toMatchObject({ outcome: 'error', code: 'storage_full' });
    expect(await c.db.deals.count()).toBe(0); // deals came in the same page: rolled back too
    expect((await c.db.meta.get('sync'))?.key === 'sync').toBe(false);
    expect((await c.engine.status()).error?.message).toMatch(/no room left/);
    state.table = null;
    await c.syncUntilSynced();
    expect(await c.localView()).toEqual(await serverView(sync, 'm1'));
  });

  it('a local write that does not fit surfaces StorageFullError and queues nothing', async () => {
    const state = { table: null as string | null };
    const c = makeClient('m1');
    c.db.use(quota(state));
    await c.connect();
    await c.syncUntilSynced();
    state.table = 'outbox';
    await expect(notes(c).createNote({ dealId: 'd1', body: 'no room' })).rejects.toMatchObject({
      name: 'StorageFullError',
    });
    state.table = null;
    expect(await c.db.outbox.count()).toBe(0);
    expect(await c.localView()).toEqual(await serverView(sync, 'm1'));
  });
});
