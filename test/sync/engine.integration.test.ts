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

/** Every pull the engine made, in order, with the moment (an event number) it was sent and answered. */
interface PullRecord {
  cursor: number;
  limit: number;
  sent: number;
  answer: { cursor: number; hasMore: boolean; reset: boolean } | null;
  answered: Promise<void>;
}

/**
 * Watches a client's pulls (its `fetch`) and its pull pages' transactions (a Dexie
 * middleware): which cursors were committed, in what order, and when. `beforeApply` runs at
 * the start of the n-th pull page's transaction (1-based), before it reads anything (it may
 * wait only to throw: a transaction with nothing to do commits); `onAnswer` runs when the
 * n-th pull's answer is in, before the engine gets it.
 */
function pullWatch(
  hooks: {
    beforeApply?: (n: number) => Promise<void> | void;
    onAnswer?: (n: number) => Promise<void>;
  } = {},
) {
  const { beforeApply, onAnswer } = hooks;
  let events = 0;
  const pulls: PullRecord[] = [];
  const commits: Array<{ cursor: number; at: number }> = [];
  let applies = 0;
  const spy: typeof fetch = async (input, init) => {
    if (!String(input).endsWith('/v1/sync/pull')) return fetch(input, init);
    const body = JSON.parse(String(init?.body)) as { cursor: number; limit: number };
    let done!: () => void;
    const record: PullRecord = {
      cursor: body.cursor,
      limit: body.limit,
      sent: ++events,
      answer: null,
      answered: new Promise<void>((r) => (done = r)),
    };
    pulls.push(record);
    const res = await fetch(input, init);
    if (res.ok) {
      const page = (await res.clone().json()) as {
        cursor: number;
        hasMore: boolean;
        reset?: boolean;
      };
      record.answer = { cursor: page.cursor, hasMore: page.hasMore, reset: page.reset === true };
      done();
      await onAnswer?.(pulls.indexOf(record) + 1);
    }
    return res;
  };
  const isPullPage = (trans: unknown) => {
    const t = trans as IDBTransaction;
    return t.mode === 'readwrite' && t.objectStoreNames.contains('deals');
  };
  const middleware: Middleware<DBCore> = {
    stack: 'dbcore',
    name: 'pull-watch',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        if (name !== 'meta') return t;
        return {
          ...t,
          get: (req) => {
            if (req.key !== 'sync' || !isPullPage(req.trans)) return t.get(req);
            const waiting = beforeApply?.(++applies);
            return waiting ? waiting.then(() => t.get(req)) : t.get(req);
          },
          mutate: (req) => {
            if (req.type === 'put' && isPullPage(req.trans)) {
              const row = req.values.find((v: { key?: string }) => v.key === 'sync') as
                { cursor: number } | undefined;
              if (row) {
                (req.trans as unknown as IDBTransaction).addEventListener('complete', () =>
                  commits.push({ cursor: row.cursor, at: ++events }),
                );
              }
            }
            return t.mutate(req);
          },
        };
      },
    }),
  };
  return { pulls, commits, spy, middleware };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)),
  ]);
}

describe('[integration] pipelined pulls', () => {
  it('asks for page N+1 while page N is written, and commits the pages in the server’s order', async () => {
    const watch = pullWatch();
    const c = makeClient('admin', { pageLimit: 3, fetch: watch.spy });
    c.db.use(watch.middleware);
    await c.connect();
    expect(await c.engine.sync('startup')).toEqual({ outcome: 'synced' });
    const { pulls, commits } = watch;
    expect(pulls.length).toBeGreaterThanOrEqual(5);
    // One commit per page, in the order the pages were asked for: each page's cursor.
    expect(commits.map((x) => x.cursor)).toEqual(pulls.map((p) => p.answer!.cursor));
    for (let i = 1; i < pulls.length; i++) {
      // Page i+1 was asked for with page i's cursor…
      expect(pulls[i]!.cursor).toBe(pulls[i - 1]!.answer!.cursor);
      // …before page i was committed (it travelled while page i was written)…
      expect(pulls[i]!.sent).toBeLessThan(commits[i - 1]!.at);
      // …and committed after it.
      expect(commits[i]!.at).toBeGreaterThan(commits[i - 1]!.at);
    }
    expect(await c.localView()).toEqual(await serverView(sync, 'admin'));
  });

  it('killed after page N+1 arrived but before page N was applied: the next worker asks for page N again', async () => {
    const N = 3;
    let killed = false;
    const watch = pullWatch({
      beforeApply: async (n) => {
        if (n !== N || killed) return;
        // Page N's transaction is starting: wait until page N+1's answer is in, then the
        // worker dies before page N wrote anything.
        await within(
          watch.pulls[N]?.answered ?? Promise.reject(new Error('page N+1 was not asked for')),
          5_000,
          'page N+1 before page N is applied',
        );
        killed = true;
        c.restartWorker();
        throw new DOMException('The service worker was stopped.', 'AbortError');
      },
    });
    const c = makeClient('admin', { pageLimit: 3, fetch: watch.spy });
    c.db.use(watch.middleware);
    await c.connect();
    expect(await c.engine.sync('startup')).toEqual({ outcome: 'killed' });
    expect(killed).toBe(true);
    const { pulls, commits } = watch;
    // Pages 1 … N−1 were applied, page N was not, page N+1 had arrived.
    expect(pulls).toHaveLength(N + 1);
    expect(pulls[N]!.answer).not.toBeNull();
    expect(commits.map((x) => x.cursor)).toEqual(
      pulls.slice(0, N - 1).map((p) => p.answer!.cursor),
    );
    const stored = await c.db.meta.get('sync');
    expect(stored?.key === 'sync' && stored.cursor).toBe(pulls[N - 1]!.cursor);

    // A new worker resumes from the stored cursor: page N is asked for again, and every page
    // from there is committed in order, each with the cursor it was asked for.
    expect(await c.engine.sync('startup')).toEqual({ outcome: 'synced' });
    const resumed = pulls.slice(N + 1);
    expect(resumed[0]!.cursor).toBe(pulls[N - 1]!.cursor);
    expect(resumed[0]!.answer!.reset).toBe(false); // still the same full resync, not a new one
    expect(commits.map((x) => x.cursor)).toEqual([
      ...pulls.slice(0, N - 1).map((p) => p.answer!.cursor),
      ...resumed.map((p) => p.answer!.cursor),
    ]);
    for (let i = 1; i < commits.length; i++) {
      expect(commits[i]!.cursor).toBeGreaterThan(commits[i - 1]!.cursor);
    }
    expect(await c.localView()).toEqual(await serverView(sync, 'admin'));
  });

  it('a change made on the server while a page is in flight arrives in a later page and wins', async () => {
    const { getDeal, saveDeals } = await import('../../server/store/deals-repository');
    const original = (await getDeal(sync.store.db, 'd1'))!.deal;
    let changed = false;
    const watch = pullWatch({
      onAnswer: async (n) => {
        if (n !== 3) return;
        // Page 3 has left the server with d1 as it was, while page 2 is being written: d1
        // changes now, so a later page brings it again and must win.
        await sync.store.write((trx) =>
          saveDeals(trx, new Date().toISOString(), [{ ...original, name: 'Renamed mid-sync' }]),
        );
        changed = true;
      },
    });
    const c = makeClient('admin', { pageLimit: 3, fetch: watch.spy });
    c.db.use(watch.middleware);
    await c.connect();
    try {
      expect(await c.engine.sync('startup')).toEqual({ outcome: 'synced' });
      expect(changed).toBe(true);
      expect((await c.db.deals.get('d1'))?.value).toMatchObject({ name: 'Renamed mid-sync' });
      expect(await c.localView()).toEqual(await serverView(sync, 'admin'));
    } finally {
      await sync.store.write((trx) => saveDeals(trx, new Date().toISOString(), [original]));
    }
  });

  it('page N cannot be written (storage full): page N+1, already here, is not applied either', async () => {
    let failed = false;
    const watch = pullWatch({
      beforeApply: async (n) => {
        if (n !== 2 || failed) return;
        await within(watch.pulls[2]!.answered, 5_000, 'page 3 before page 2 is applied');
        failed = true;
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      },
    });
    const c = makeClient('admin', { pageLimit: 3, fetch: watch.spy });
    c.db.use(watch.middleware);
    await c.connect();
    expect(await c.engine.sync('startup')).toMatchObject({
      outcome: 'error',
      code: 'storage_full',
    });
    expect(watch.pulls).toHaveLength(3);
    expect(watch.commits.map((x) => x.cursor)).toEqual([watch.pulls[0]!.answer!.cursor]);
    await c.syncUntilSynced();
    expect(watch.pulls[3]!.cursor).toBe(watch.pulls[0]!.answer!.cursor);
    expect(await c.localView()).toEqual(await serverView(sync, 'admin'));
  });

  it('a page that fails to arrive after page N is applied: page N stays, the next run asks for N+1', async () => {
    const watch = pullWatch();
    const c = makeClient('admin', { pageLimit: 3, fetch: watch.spy });
    c.db.use(watch.middleware);
    await c.connect();
    let pulls = 0;
    sync.proxy.inject({
      match: (r) => isPull(r) && ++pulls === 3,
      fault: { kind: 'drop-request' },
    });
    expect(await c.engine.sync('startup')).toMatchObject({ outcome: 'error', code: 'network' });
    // Pages 1 and 2 were applied (page 3 was asked for while page 2 was written).
    expect(watch.commits.map((x) => x.cursor)).toEqual(
      watch.pulls.slice(0, 2).map((p) => p.answer!.cursor),
    );
    await c.syncUntilSynced();
    expect(watch.pulls[3]!.cursor).toBe(watch.pulls[1]!.answer!.cursor);
    expect(await c.localView()).toEqual(await serverView(sync, 'admin'));
  });

  it('a note written while pages are in flight is kept through the resync, then pushed', async () => {
    let written: string | null = null;
    const watch = pullWatch({
      onAnswer: async (n) => {
        if (n !== 3 || written) return;
        // Page 3 has arrived while page 2 is (or is about to be) written: the user writes.
        written = (await notes(c).createNote({ dealId: 'd1', body: 'written mid-sync' })).entityId;
      },
    });
    const c = makeClient('admin', { pageLimit: 3, fetch: watch.spy });
    c.db.use(watch.middleware);
    await c.connect();
    // The push that follows the pull (the run goes round again for the new note) is lost.
    sync.proxy.inject({ match: isPush, fault: { kind: 'drop-request' } });
    expect(await c.engine.sync('startup')).toMatchObject({ outcome: 'error', code: 'network' });
    expect(written).not.toBeNull();
    // Every page after the write, and the end of the full resync, kept it as the user wrote it.
    const stored = await c.db.meta.get('sync');
    expect(stored?.key === 'sync' && stored.resetting).toBe(false);
    expect(watch.commits.at(-1)?.cursor).toBe(watch.pulls.at(-1)?.answer?.cursor);
    expect(await c.db.outbox.count()).toBe(1);
    expect((await c.db.annotations.get(written!))?.value).toMatchObject({
      body: 'written mid-sync',
    });
    expect(await notesOnServer(written!)).toBe(0);
    await c.syncUntilSynced();
    expect(await c.db.outbox.count()).toBe(0);
    expect(await notesOnServer(written!)).toBe(1);
    expect(await c.localView()).toEqual(await serverView(sync, 'admin'));
  });

  it('a first sync asks for large pages; catching up asks for small ones', async () => {
    const watch = pullWatch();
    const c = makeClient('m1', { pageLimit: 2, resyncPageLimit: 4, fetch: watch.spy });
    await c.connect();
    await c.syncUntilSynced();
    expect(watch.pulls.length).toBeGreaterThan(1);
    expect(new Set(watch.pulls.map((p) => p.limit))).toEqual(new Set([4]));
    const first = watch.pulls.length;
    const other = await connected('m1');
    for (const body of ['one', 'two', 'three'])
      await notes(other).createNote({ dealId: 'd1', body });
    await other.syncUntilSynced();
    await c.syncUntilSynced();
    const later = watch.pulls.slice(first);
    expect(later.length).toBeGreaterThan(1);
    expect(new Set(later.map((p) => p.limit))).toEqual(new Set([2]));
    expect(await c.localView()).toEqual(await serverView(sync, 'm1'));
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
