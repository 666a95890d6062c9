import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createBackgroundRouter,
  createBrowserApi,
  type PageHandlers,
  type SyncStatusMessage,
} from '../../lib/messaging';
import { contentScriptSender, deliver, fakeBrowser, pageSender } from './helpers';

const status: SyncStatusMessage = {
  state: 'pending',
  signedIn: true,
  serverUrl: 'https://attain.example.com',
  online: true,
  syncing: false,
  lastSyncedAt: null,
  pending: 2,
  rejected: 0,
  error: null,
  stopped: null,
  nextRetryAt: null,
};

function handlers(overrides: Partial<PageHandlers> = {}): PageHandlers {
  return {
    'sync.status': vi.fn(async () => status),
    'sync.now': vi.fn(async () => status),
    'auth.signIn': vi.fn(async () => ({
      ok: false as const,
      code: 'invalid_credentials' as const,
      message: 'wrong',
    })),
    'auth.signOut': vi.fn(async () => ({ signedOut: true as const })),
    'auth.config': vi.fn(async () => ({ account: null, managedServerUrl: null, serverUrl: null })),
    'data.mutate': vi.fn(async () => ({ seq: 1, entityId: 'n-1' })),
    'server.read': vi.fn(async () => ({ data: {}, fetchedAt: '2026-03-01T00:00:00.000Z' })),
    ...overrides,
  };
}

let logs: string[];
let page: PageHandlers;
const crm = {
  syncBadge: vi.fn(async () => ({ state: 'pending' as const, pending: 2, rejected: 0 })),
  openOptions: vi.fn(async () => undefined),
};

beforeEach(() => {
  fakeBrowser.reset();
  logs = [];
  page = handlers();
  const api = createBrowserApi(fakeBrowser as never);
  fakeBrowser.runtime.onMessage.addListener(
    createBackgroundRouter({
      api,
      page,
      crm,
      otherPrefixes: ['overlay.'],
      log: (m) => logs.push(m),
    }) as never,
  );
});

describe('the background router', () => {
  it('answers a page request through sendResponse and keeps the channel open (return true)', async () => {
    const { kept, response } = await deliver(
      { type: 'sync.now', reason: 'sidebar-opened' },
      pageSender(),
    );
    expect(kept).toBe(true);
    expect(response).toEqual({ ok: true, data: status });
    expect(page['sync.now']).toHaveBeenCalledWith({ reason: 'sidebar-opened' }, expect.anything());
  });

  it('refuses page requests from a content script', async () => {
    const { response } = await deliver({ type: 'auth.config' }, contentScriptSender());
    expect(response).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(page['auth.config']).not.toHaveBeenCalled();
    expect(logs[0]).toMatch(/refused "auth.config"/);
  });

  it('refuses messages from another extension or a web page', async () => {
    const { response } = await deliver(
      { type: 'sync.status' },
      { ...pageSender(), id: 'another-extension' },
    );
    expect(response).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { kept } = await deliver(
      { type: 'crm.syncBadge' },
      { ...contentScriptSender(), id: 'another-extension' },
    );
    expect(kept).toBe(false);
  });

  it('answers a malformed request with the problem, and calls nothing', async () => {
    const { response } = await deliver({ type: 'sync.now', reason: 'because' }, pageSender());
    expect(response).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringContaining('reason') },
    });
    expect(page['sync.now']).not.toHaveBeenCalled();
    const extra = await deliver(
      { type: 'auth.signOut', clearLocalData: true, token: 'x' },
      pageSender(),
    );
    expect(extra.response).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });

  it('ignores unknown and typeless messages with a log line, and others’ messages silently', async () => {
    expect((await deliver({ type: 'nope' }, pageSender())).kept).toBe(false);
    expect((await deliver('hello', pageSender())).kept).toBe(false);
    expect((await deliver(null, pageSender())).kept).toBe(false);
    expect(logs).toEqual([
      expect.stringMatching(/unknown message "nope"/),
      expect.stringMatching(/without a type/),
      expect.stringMatching(/without a type/),
    ]);
    expect((await deliver({ type: 'overlay.toggle' }, pageSender())).kept).toBe(false);
    expect((await deliver({ type: 'event.syncStatus', status }, pageSender())).kept).toBe(false);
    expect(logs).toHaveLength(3);
  });

  it('never sends an answer that is not in the protocol (a token, say)', async () => {
    page['auth.config'] = vi.fn(
      async () =>
        ({ account: null, managedServerUrl: null, serverUrl: null, token: 'secret' }) as never,
    );
    const { response } = await deliver({ type: 'auth.config' }, pageSender());
    expect(response).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(response)).not.toContain('secret');
  });

  it('turns a handler’s error into an answer with its code', async () => {
    page['data.mutate'] = vi.fn(async () => {
      throw Object.assign(new Error('Only the author can edit a note.'), { code: 'forbidden' });
    });
    const { response } = await deliver(
      { type: 'data.mutate', name: 'annotation.edit', args: {} },
      pageSender(),
    );
    expect(response).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only the author can edit a note.' },
    });
  });

  it('gives a content script the badge and nothing else', async () => {
    const { response } = await deliver({ type: 'crm.syncBadge' }, contentScriptSender());
    expect(response).toEqual({ ok: true, badge: { state: 'pending', pending: 2, rejected: 0 } });
    expect((await deliver({ type: 'crm.openOptions' }, contentScriptSender())).response).toEqual({
      ok: true,
    });
    expect(crm.openOptions).toHaveBeenCalled();
    expect((await deliver({ type: 'crm.syncBadge', extra: 1 }, contentScriptSender())).kept).toBe(
      false,
    );
    expect(logs.at(-1)).toMatch(/malformed CRM message/);
  });
});
