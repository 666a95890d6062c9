import { beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  broadcast,
  createBrowserApi,
  createPageClient,
  MessagingError,
  originPattern,
  requestOpenOptions,
  requestSyncBadge,
  type PageEvent,
  type syncStatusSchema,
} from '../../lib/messaging';
import type { SyncStatus } from '../../lib/sync';
import { fakeBrowser } from './helpers';

const api = () => createBrowserApi(fakeBrowser as never);

beforeEach(() => fakeBrowser.reset());

describe('the page client', () => {
  it('parses the answer of a request', async () => {
    fakeBrowser.runtime.onMessage.addListener(async () => ({
      ok: true,
      data: { signedOut: true },
    }));
    await expect(
      createPageClient(api()).request('auth.signOut', { clearLocalData: false }),
    ).resolves.toEqual({
      signedOut: true,
    });
  });

  it('throws the background’s error, and on answers that are not in the protocol', async () => {
    let answer: unknown = { ok: false, error: { code: 'forbidden', message: 'no' } };
    fakeBrowser.runtime.onMessage.addListener(async () => answer);
    const client = createPageClient(api());
    await expect(client.request('sync.status', {})).rejects.toEqual(
      new MessagingError('forbidden', 'no'),
    );
    answer = { ok: true, data: { state: 'synced' } };
    await expect(client.request('sync.status', {})).rejects.toMatchObject({
      code: 'invalid_answer',
    });
    answer = { weird: true };
    await expect(client.request('sync.status', {})).rejects.toMatchObject({
      code: 'invalid_answer',
    });
  });

  it('says so when the background does not answer', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => undefined);
    await expect(createPageClient(api()).request('sync.status', {})).rejects.toMatchObject({
      code: 'unreachable',
    });
  });

  it('delivers well-formed events and ignores the rest with a log line', async () => {
    const logs: string[] = [];
    const seen: PageEvent[] = [];
    const client = createPageClient(api(), (m) => logs.push(m));
    const stop = client.onEvent((e) => seen.push(e));
    await broadcast(api(), { type: 'event.dataChanged', entities: ['annotation'] });
    await fakeBrowser.runtime
      .sendMessage({ type: 'event.dataChanged', entities: ['nope'] })
      .catch(() => undefined);
    await fakeBrowser.runtime.sendMessage({ type: 'sync.status' }).catch(() => undefined);
    expect(seen).toEqual([{ type: 'event.dataChanged', entities: ['annotation'] }]);
    expect(logs).toEqual([expect.stringMatching(/malformed event "event.dataChanged"/)]);
    stop();
    await broadcast(api(), { type: 'event.dataChanged', entities: ['deal'] });
    expect(seen).toHaveLength(1);
  });
});

describe('the content script’s requests (zod/mini)', () => {
  it('reads the badge and nothing else', async () => {
    const send = async () => ({ ok: true, badge: { state: 'pending', pending: 1, rejected: 0 } });
    expect(await requestSyncBadge(send)).toEqual({ state: 'pending', pending: 1, rejected: 0 });
    expect(
      await requestSyncBadge(async () => ({
        ok: true,
        badge: { state: 'pending', pending: 1, rejected: 0, token: 't' },
      })),
    ).toBeNull();
    expect(
      await requestSyncBadge(async () => {
        throw new Error('no background');
      }),
    ).toBeNull();
    expect(await requestOpenOptions(async () => ({ ok: true }))).toBe(true);
  });
});

describe('the browser adapter', () => {
  it('reads, writes and watches extension storage', async () => {
    const local = api().local;
    const seen: unknown[] = [];
    const stop = local.watch('k', (v) => seen.push(v));
    await local.set('k', { a: 1 });
    expect(await local.get('k')).toEqual({ a: 1 });
    await local.remove('k');
    expect(await local.get('k')).toBeUndefined();
    stop();
    await local.set('k', 2);
    expect(seen).toEqual([{ a: 1 }, null]);
  });

  it('reads an administrator’s setting, and nothing when there is none', async () => {
    expect(await api().managed('serverUrl')).toBeUndefined();
    await fakeBrowser.storage.managed.set({ serverUrl: 'https://attain.example.com' });
    expect(await api().managed('serverUrl')).toBe('https://attain.example.com');
  });

  it('creates the sync alarm once (re-creating it would push it back)', async () => {
    await api().ensureAlarm('attain-sync', 1);
    const first = await fakeBrowser.alarms.get('attain-sync');
    await new Promise((r) => setTimeout(r, 5));
    await api().ensureAlarm('attain-sync', 1);
    expect(await fakeBrowser.alarms.get('attain-sync')).toEqual(first);
    expect(first).toMatchObject({ periodInMinutes: 1 });
  });

  it('asks for a server’s origin as a port-less match pattern', () => {
    expect(originPattern('https://attain.example.com:8443')).toBe('https://attain.example.com/*');
    expect(originPattern('http://127.0.0.1:8787')).toBe('http://127.0.0.1/*');
  });
});

describe('the protocol and lib/sync agree', () => {
  it('on the sync status', () => {
    expectTypeOf<z.infer<typeof syncStatusSchema>>().toEqualTypeOf<SyncStatus>();
  });
});
