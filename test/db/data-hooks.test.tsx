// @vitest-environment jsdom
/**
 * components/data on TanStack Query: IndexedDB reads paint at once and follow every change;
 * server-only reads show their cached answer (with its age) when the server cannot answer.
 */
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttainDataProvider, queryWorkbenchData, type DataServices } from '../../components/data';
import type { Resource } from '../../components/data-contract/types';
import { AnnotationRepository, type AttainDatabase } from '../../lib/db';
import { MessagingError, type PageClient, type PageEvent } from '../../lib/messaging';
import { manager, openTestDb, signInLocally } from './helpers';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// Dexie's liveQuery stays silent unless a global IndexedDB exists (browsers have one); these
// tests give each database its own fake factory, so name one for liveQuery to see.
Dexie.dependencies.indexedDB ??= new IDBFactory();
Dexie.dependencies.IDBKeyRange ??= IDBKeyRange;

let db: AttainDatabase;
let root: Root;
let container: HTMLElement;
let requests: Array<{ type: string; payload: unknown }>;
let serverRead: (payload: unknown) => Promise<unknown>;

function fakeClient(): PageClient {
  const listeners = new Set<(e: PageEvent) => void>();
  return {
    async request(type, payload) {
      requests.push({ type, payload });
      if (type === 'server.read') return (await serverRead(payload)) as never;
      if (type === 'sync.status')
        throw new MessagingError('unreachable', 'no background in this test');
      return {} as never;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function services(): DataServices {
  return {
    db,
    client: fakeClient(),
    api: {} as DataServices['api'],
    now: () => new Date('2026-05-15T10:00:00.000Z'),
  };
}

async function render(node: ReactNode) {
  await act(async () =>
    root.render(<AttainDataProvider services={services()}>{node}</AttainDataProvider>),
  );
}

async function until(check: () => boolean) {
  for (let i = 0; i < 100 && !check(); i++) await act(() => new Promise((r) => setTimeout(r, 10)));
  expect(check()).toBe(true);
}

beforeEach(async () => {
  db = openTestDb();
  await signInLocally(db, manager);
  requests = [];
  serverRead = async () => {
    throw new MessagingError('unreachable', 'offline');
  };
  container = document.createElement('div');
  root = createRoot(container);
});
afterEach(async () => {
  await act(async () => root.unmount());
});

describe('data hooks', () => {
  it('paint notes from IndexedDB and follow local writes', async () => {
    let latest: Resource<unknown> | null = null;
    let write: ReturnType<typeof queryWorkbenchData.useActions> | null = null;
    function Notes() {
      const notes = queryWorkbenchData.useNotes('d-1');
      write = queryWorkbenchData.useActions();
      latest = notes;
      return (
        <ul>
          {(notes.data ?? []).map((t) => (
            <li key={t.note.id}>
              {t.note.body}
              {t.note.pending ? ' (pending)' : ''}
            </li>
          ))}
        </ul>
      );
    }
    await new AnnotationRepository(db).createNote({ dealId: 'd-1', body: 'already here' });
    await render(<Notes />);
    await until(() => container.textContent === 'already here (pending)');
    await act(async () =>
      write!.notes.create({ dealId: 'd-1', body: 'typed now', visibility: 'shared' }),
    );
    await until(() => container.querySelectorAll('li').length === 2);
    expect(latest!.status).toBe('success');
    expect(requests).toContainEqual({ type: 'sync.now', payload: { reason: 'local-write' } });
  });

  it('show a cached server answer offline, with its age and the error', async () => {
    const overview = { team: { id: 't-1', name: 'One' }, asOf: '2026-05-14', reps: [] };
    await db.queryCache.put({
      key: 'teamOverview:t-1:',
      data: overview,
      fetchedAt: '2026-05-14T09:00:00.000Z',
      userId: manager.id,
    });
    let latest: Resource<unknown> | null = null;
    function Team() {
      latest = queryWorkbenchData.useTeamOverview(true);
      return null;
    }
    await render(<Team />);
    await until(() => latest?.data !== undefined && latest.error !== null);
    expect(latest!.data).toEqual([overview]);
    expect(latest!.dataUpdatedAt).toBe(Date.parse('2026-05-14T09:00:00.000Z'));
    expect(latest!.error?.message).toBe('offline');
  });

  it('show a fresh server answer when there is one', async () => {
    const overview = { team: { id: 't-1', name: 'One' }, asOf: '2026-05-15', reps: [] };
    serverRead = vi.fn(async () => ({ data: overview, fetchedAt: '2026-05-15T10:00:00.000Z' }));
    let latest: Resource<unknown> | null = null;
    function Team() {
      latest = queryWorkbenchData.useTeamOverview(true);
      return null;
    }
    await render(<Team />);
    await until(() => latest?.data !== undefined);
    expect(latest!.status).toBe('success');
    expect(latest!.data).toEqual([overview]);
    expect(serverRead).toHaveBeenCalledWith({ kind: 'teamOverview', teamId: 't-1' });
  });

  it('read nothing for a null argument (idle, not pending)', async () => {
    let latest: Resource<unknown> | null = null;
    function Nothing() {
      latest = queryWorkbenchData.useStatementInputs(null);
      return null;
    }
    await render(<Nothing />);
    expect(latest).toMatchObject({ status: 'success', data: undefined });
  });
});
