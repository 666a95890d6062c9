// @vitest-environment jsdom
/**
 * The data layer's part in the sidebar's fast first paint: My numbers' reads prefetched into
 * the query cache before anything renders; live queries that start watching only after the
 * first paint (and miss nothing meanwhile); a page client whose message schemas load later but
 * still validates every answer and event, the early ones included.
 */
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AttainDataProvider,
  createAttainQueryClient,
  createLazyPageClient,
  prefetchFirstView,
  queryWorkbenchData,
  type DataServices,
} from '../../components/data';
import type { Resource } from '../../components/data-contract/types';
import type { AttainDatabase } from '../../lib/db';
import type { RuntimeMessageListener } from '../../lib/messaging/browser-api';
import type { PageEvent } from '../../lib/messaging';
import { openTestDb, rep, signInLocally } from './helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
Dexie.dependencies.indexedDB ??= new IDBFactory();
Dexie.dependencies.IDBKeyRange ??= IDBKeyRange;

const NOW = new Date('2026-05-15T10:00:00.000Z');
let db: AttainDatabase;
let root: Root;
let container: HTMLElement;

function services(extra: Partial<DataServices> = {}): DataServices {
  return {
    db,
    client: { request: async () => ({}) as never, onEvent: () => () => undefined },
    api: {} as DataServices['api'],
    now: () => NOW,
    ...extra,
  };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
  expect(check()).toBe(true);
}

beforeEach(async () => {
  db = openTestDb();
  await signInLocally(db, rep);
  container = document.createElement('div');
  root = createRoot(container);
});
afterEach(async () => {
  await act(async () => root.unmount());
});

describe('the first paint’s data', () => {
  it('is in the query cache before the first render: the user and their statement inputs', async () => {
    const queryClient = createAttainQueryClient();
    await prefetchFirstView(queryClient, services());
    const seen: Array<{ me: string; inputs: string }> = [];
    function Numbers() {
      const me = queryWorkbenchData.useMe();
      const inputs = queryWorkbenchData.useStatementInputs(me.data?.id ?? null);
      seen.push({ me: me.status, inputs: inputs.data ? 'data' : inputs.status });
      return null;
    }
    await act(async () =>
      root.render(
        <AttainDataProvider services={services()} queryClient={queryClient}>
          <Numbers />
        </AttainDataProvider>,
      ),
    );
    expect(seen[0]).toEqual({ me: 'success', inputs: 'data' });
  });

  it('is watched for changes after the first paint, without missing one made before', async () => {
    let paint: () => void = () => undefined;
    const afterFirstPaint = new Promise<void>((resolve) => {
      paint = resolve;
    });
    let latest: Resource<{ name: string } | null> | null = null;
    function Me() {
      latest = queryWorkbenchData.useMe();
      return null;
    }
    await act(async () =>
      root.render(
        <AttainDataProvider services={services({ afterFirstPaint })}>
          <Me />
        </AttainDataProvider>,
      ),
    );
    await until(() => latest?.data?.name === rep.name);
    // Changed before the first paint: not followed yet…
    await db.me.put({ id: 'me', version: 2, value: { ...rep, name: 'Rick Renamed' }, gen: 0 });
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(latest!.data?.name).toBe(rep.name);
    // …and shown once the watcher starts.
    await act(async () => paint());
    await until(() => latest?.data?.name === 'Rick Renamed');
    await db.me.put({ id: 'me', version: 3, value: { ...rep, name: 'Rick Again' }, gen: 0 });
    await until(() => latest?.data?.name === 'Rick Again');
  });
});

describe('a page client that loads its protocol later', () => {
  function fakeApi() {
    const listeners = new Set<RuntimeMessageListener>();
    return {
      sendMessage: vi.fn(async (message: unknown) => {
        const type = (message as { type: string }).type;
        if (type === 'sync.status') return { ok: true, data: 'not a status' };
        return { ok: true, data: {} };
      }),
      addMessageListener: (listener: RuntimeMessageListener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      emit: (message: unknown) => {
        for (const listener of listeners) listener(message, {}, () => undefined);
      },
      listeners,
    };
  }

  it('sends nothing before its protocol is loaded, and validates every answer', async () => {
    const api = fakeApi();
    let load: () => void = () => undefined;
    const loaded = new Promise<void>((resolve) => {
      load = resolve;
    });
    const client = createLazyPageClient(api, () =>
      loaded.then(() => import('../../lib/messaging/client')),
    );
    const answer = client.request('sync.status', {});
    await new Promise((r) => setTimeout(r, 10));
    expect(api.sendMessage).not.toHaveBeenCalled();
    load();
    await expect(answer).rejects.toMatchObject({ code: 'invalid_answer' });
    expect(api.sendMessage).toHaveBeenCalledWith({ type: 'sync.status' });
  });

  it('delivers the events that came before, in order, validated; none after unsubscribing', async () => {
    const api = fakeApi();
    let load: () => void = () => undefined;
    const loaded = new Promise<void>((resolve) => {
      load = resolve;
    });
    const client = createLazyPageClient(api, () =>
      loaded.then(() => import('../../lib/messaging/client')),
    );
    const events: PageEvent[] = [];
    const stop = client.onEvent((event) => events.push(event));
    const changed = (entities: string[]) => ({ type: 'event.dataChanged', entities });
    api.emit(changed(['deal']));
    api.emit({ type: 'event.dataChanged', entities: 'not a list' });
    api.emit({ type: 'sync.now', reason: 'user' }); // a request, not an event
    api.emit(changed(['me']));
    expect(events).toEqual([]);
    load();
    await until(() => events.length === 2);
    expect(events).toEqual([changed(['deal']), changed(['me'])]);
    api.emit(changed(['quota']));
    expect(events).toHaveLength(3);
    stop();
    api.emit(changed(['plan']));
    expect(events).toHaveLength(3);
    expect(api.listeners.size).toBe(0);
  });
});
