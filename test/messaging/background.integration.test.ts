/**
 * INTEGRATION: the background as wired in entrypoints/background.ts — BackgroundController
 * (lib/sync) behind the message router (lib/messaging) on WXT's fakeBrowser — against the
 * real server over loopback HTTP. Fails (never skips) when the server cannot start.
 */
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AttainDatabase } from '../../lib/db';
import {
  broadcast,
  createBackgroundRouter,
  createBrowserApi,
  createPageClient,
  handlersFor,
  pageRequestTypes,
  type PageEvent,
} from '../../lib/messaging';
import {
  BackgroundController,
  createSessionStore,
  memoryLock,
  SESSION_STORAGE_KEY,
} from '../../lib/sync';
import { PASSWORD, USERS } from '../server/support/fixture';
import { startSyncServer, type SyncServer } from '../sync/harness';
import { contentScriptSender, deliver, fakeBrowser, pageSender } from './helpers';

let sync: SyncServer;
beforeAll(async () => {
  sync = await startSyncServer();
});
afterAll(async () => {
  await sync?.dispose();
});

let db: AttainDatabase;
let controller: BackgroundController;
let granted: Set<string>;
let events: PageEvent[];

beforeEach(() => {
  fakeBrowser.reset();
  const api = createBrowserApi(fakeBrowser as never);
  db = new AttainDatabase(`bg-${Math.random()}`, { indexedDB: new IDBFactory(), IDBKeyRange });
  granted = new Set();
  events = [];
  controller?.dispose();
  controller = new BackgroundController({
    db,
    sessions: createSessionStore(api.local),
    lock: memoryLock(),
    isOnline: () => true,
    hasHostPermission: async (origin) => granted.has(origin),
    managedServerUrl: async () => {
      const v = await api.managed('serverUrl');
      return typeof v === 'string' ? v : null;
    },
    openOptions: async () => undefined,
    onStatus: (status) => void broadcast(api, { type: 'event.syncStatus', status }),
    onDataChanged: (entities) => void broadcast(api, { type: 'event.dataChanged', entities }),
    schedule: () => undefined,
    log: () => undefined,
  });
  api.addMessageListener(
    createBackgroundRouter({ api, ...handlersFor(controller), log: () => undefined }),
  );
  createPageClient(api).onEvent((e) => events.push(e));
});

async function ask(message: Record<string, unknown>, sender = pageSender()) {
  const { response } = await deliver(message, sender);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read each answer's own shape
  return response as { ok: boolean; data?: any; error?: { code: string; message: string } };
}

async function idle() {
  // Let the sync a request started (without waiting for it) finish.
  for (let i = 0; i < 100; i++) {
    await new Promise((r) => setTimeout(r, 20));
    const s = await ask({ type: 'sync.status' });
    if (!s.data.syncing && s.data.pending === 0 && s.data.lastSyncedAt) return s.data;
  }
  throw new Error(
    `sync did not settle: ${JSON.stringify((await ask({ type: 'sync.status' })).data)}`,
  );
}

async function signIn(user: 'm1' | 'r1' = 'm1') {
  granted.add(new URL(sync.proxy.url).origin);
  return ask({
    type: 'auth.signIn',
    serverUrl: sync.proxy.url,
    email: USERS[user].email,
    password: PASSWORD,
  });
}

describe('[integration] the background over messages', () => {
  it('asks for host permission before signing in', async () => {
    const answer = await ask({
      type: 'auth.signIn',
      serverUrl: sync.proxy.url,
      email: USERS.m1.email,
      password: PASSWORD,
    });
    expect(answer).toMatchObject({ ok: true, data: { ok: false, code: 'permission_required' } });
    expect(await fakeBrowser.storage.local.get(SESSION_STORAGE_KEY)).toEqual({});
  });

  it('uses the server URL an administrator set, and says so', async () => {
    await fakeBrowser.storage.managed.set({ serverUrl: sync.proxy.url });
    granted.add(new URL(sync.proxy.url).origin);
    const answer = await ask({
      type: 'auth.signIn',
      serverUrl: 'https://elsewhere.example.com',
      email: USERS.m1.email,
      password: PASSWORD,
    });
    expect(answer.data).toMatchObject({ ok: true, serverUrl: sync.proxy.url });
    expect((await ask({ type: 'auth.config' })).data).toMatchObject({
      managedServerUrl: sync.proxy.url,
      serverUrl: sync.proxy.url,
      account: { userId: 'm1', signedIn: true },
    });
  });

  it('signs in, syncs, and never hands the token to anyone', async () => {
    expect((await signIn()).data).toMatchObject({ ok: true, user: { id: 'm1' } });
    const stored = (await fakeBrowser.storage.local.get(SESSION_STORAGE_KEY))[
      SESSION_STORAGE_KEY
    ] as { token: string };
    const token = stored.token;
    expect(token.length).toBeGreaterThan(20);
    await idle();

    const answers: unknown[] = [];
    // Every content-script message, and every page request sent by a content script.
    for (const type of ['crm.syncBadge', 'crm.openOptions'])
      answers.push((await deliver({ type }, contentScriptSender())).response);
    for (const type of pageRequestTypes)
      answers.push((await deliver({ type }, contentScriptSender())).response);
    expect(answers[0]).toEqual({ ok: true, badge: { state: 'synced', pending: 0, rejected: 0 } });
    for (const a of answers.slice(2))
      expect(a).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The pages' own requests and every event carry no token either.
    answers.push(
      await ask({ type: 'sync.status' }),
      await ask({ type: 'auth.config' }),
      await ask({ type: 'sync.now', reason: 'user' }),
    );
    await idle();
    for (const a of [...answers, ...events]) expect(JSON.stringify(a)).not.toContain(token);
    expect(events.some((e) => e.type === 'event.syncStatus' && e.status.state === 'synced')).toBe(
      true,
    );
    expect(events.some((e) => e.type === 'event.dataChanged' && e.entities.includes('deal'))).toBe(
      true,
    );
  });

  it('makes a local write for a page, syncs it, and reports progress as events', async () => {
    await signIn();
    await idle();
    events.length = 0;
    const answer = await ask({
      type: 'data.mutate',
      name: 'annotation.create',
      args: { id: 'bg-note-1', dealId: 'd1', body: 'from the popup' },
    });
    expect(answer).toMatchObject({ ok: true, data: { seq: 1, entityId: 'bg-note-1' } });
    const settled = await idle();
    expect(settled.state).toBe('synced');
    const onServer = await sync.store.db
      .selectFrom('annotations')
      .select('body')
      .where('id', '=', 'bg-note-1')
      .executeTakeFirst();
    expect(onServer?.body).toBe('from the popup');
    expect(
      events
        .filter((e) => e.type === 'event.syncStatus')
        .map((e) => e.type === 'event.syncStatus' && e.status.state),
    ).toContain('pending');
    const bad = await ask({
      type: 'data.mutate',
      name: 'annotation.create',
      args: { id: 'x', dealId: 'd1', body: '' },
    });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'invalid', message: expect.stringContaining('body') },
    });
  });

  it('reads server-only figures and keeps them for offline use', async () => {
    await signIn();
    const answer = await ask({ type: 'server.read', kind: 'teamOverview', teamId: 't1' });
    expect(answer.data.data).toMatchObject({ team: { id: 't1' }, reps: expect.any(Array) });
    expect(await db.queryCache.get('teamOverview:t1:')).toMatchObject({
      userId: 'm1',
      fetchedAt: answer.data.fetchedAt,
    });
    const denied = await ask({ type: 'server.read', kind: 'teamOverview', teamId: 't2' });
    expect(denied).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('signs out, forgetting the token, and on request the local data', async () => {
    await signIn();
    await idle();
    expect(await db.deals.count()).toBeGreaterThan(0);
    expect((await ask({ type: 'auth.signOut', clearLocalData: false })).data).toEqual({
      signedOut: true,
    });
    expect(await fakeBrowser.storage.local.get(SESSION_STORAGE_KEY)).toEqual({});
    expect((await ask({ type: 'sync.status' })).data).toMatchObject({
      state: 'signedOut',
      signedIn: false,
    });
    expect(await db.deals.count()).toBeGreaterThan(0);
    await signIn();
    await ask({ type: 'auth.signOut', clearLocalData: true });
    expect(await db.deals.count()).toBe(0);
    expect(await db.meta.count()).toBe(0);
  });

  it('asks before replacing another account’s unsynced changes', async () => {
    await signIn('m1');
    await idle();
    await ask({ type: 'auth.signOut', clearLocalData: false });
    await ask({
      type: 'data.mutate',
      name: 'annotation.create',
      args: { id: 'unsynced', dealId: 'd1', body: 'written while signed out' },
    });
    const first = await signIn('r1');
    expect(first.data).toMatchObject({ ok: false, code: 'unsynced_changes', pending: 1 });
    expect(await db.outbox.count()).toBe(1);
    const confirmed = await ask({
      type: 'auth.signIn',
      serverUrl: sync.proxy.url,
      email: USERS.r1.email,
      password: PASSWORD,
      discardUnsynced: true,
    });
    expect(confirmed.data).toMatchObject({ ok: true, dataCleared: true, user: { id: 'r1' } });
    expect(await db.outbox.count()).toBe(0);
  });
});
