import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  OVERLAY_SCRIPT_FILE,
  OVERLAY_SCRIPT_ID,
  addOverlayHost,
  listOverlayHosts,
  removeOverlayHost,
  syncOverlayHosts,
  type DynamicHostsApi,
  type RegisteredScript,
} from '../../lib/messaging/overlay/dynamic-hosts';

/** scripting and permissions as Chrome keeps them; storage from WXT's fakeBrowser. */
function fakeApi(granted: string[] = []) {
  const scripts = new Map<string, RegisteredScript>();
  const origins = new Set(granted);
  const api = {
    storage: fakeBrowser.storage as unknown as DynamicHostsApi['storage'],
    permissions: {
      contains: vi.fn(async ({ origins: wanted = [] }: { origins?: string[] }) =>
        wanted.every((o) => origins.has(o)),
      ),
      remove: vi.fn(async ({ origins: removed = [] }: { origins?: string[] }) => {
        for (const o of removed) origins.delete(o);
        return true;
      }),
    },
    scripting: {
      getRegisteredContentScripts: vi.fn(async (filter?: { ids?: string[] }) =>
        [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)),
      ),
      registerContentScripts: vi.fn(async (list: RegisteredScript[]) => {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          scripts.set(s.id, s);
        }
      }),
      updateContentScripts: vi.fn(async (list: RegisteredScript[]) => {
        for (const s of list) scripts.set(s.id, { ...scripts.get(s.id), ...s });
      }),
      unregisterContentScripts: vi.fn(async (filter?: { ids?: string[] }) => {
        for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
      }),
      executeScript: vi.fn(async () => []),
    },
    tabs: {
      query: vi.fn(async ({ url }: { url?: string | string[] }) =>
        url === 'http://localhost/*' ? [{ id: 3 }, { id: 4 }] : [],
      ),
    },
  } satisfies DynamicHostsApi;
  return { api, scripts, origins };
}

beforeEach(() => {
  fakeBrowser.reset();
});

describe('custom overlay hosts', () => {
  it('adds a granted host: stores it, registers the content script, injects into open tabs', async () => {
    const { api, scripts } = fakeApi(['http://localhost/*']);
    const result = await addOverlayHost(api, {
      origin: 'http://localhost:5174',
      crm: 'salesforce',
    });
    expect(result).toEqual({
      ok: true,
      host: { pattern: 'http://localhost/*', crm: 'salesforce' },
      hosts: [{ pattern: 'http://localhost/*', crm: 'salesforce' }],
    });
    expect(scripts.get(OVERLAY_SCRIPT_ID)).toEqual({
      id: OVERLAY_SCRIPT_ID,
      js: [OVERLAY_SCRIPT_FILE],
      matches: ['http://localhost/*'],
      runAt: 'document_idle',
      allFrames: false,
      persistAcrossSessions: true,
    });
    expect(api.scripting.executeScript.mock.calls).toEqual([
      [{ target: { tabId: 3, frameIds: [0] }, files: [OVERLAY_SCRIPT_FILE] }],
      [{ target: { tabId: 4, frameIds: [0] }, files: [OVERLAY_SCRIPT_FILE] }],
    ]);
    expect(await listOverlayHosts(api)).toEqual([
      { pattern: 'http://localhost/*', crm: 'salesforce' },
    ]);
  });

  it('refuses a host whose permission was not granted, or a malformed one', async () => {
    const { api, scripts } = fakeApi();
    expect(
      await addOverlayHost(api, { origin: 'https://crm.acme.com', crm: 'salesforce' }),
    ).toEqual({
      ok: false,
      reason: 'permission-missing',
    });
    expect(await addOverlayHost(api, { origin: 'http://crm.acme.com', crm: 'salesforce' })).toEqual(
      {
        ok: false,
        reason: 'invalid-origin',
      },
    );
    expect(scripts.size).toBe(0);
    expect(await listOverlayHosts(api)).toEqual([]);
  });

  it('keeps one registration for all hosts, and re-labels a host added twice', async () => {
    const { api, scripts } = fakeApi(['https://crm.acme.com/*', 'http://localhost/*']);
    await Promise.all([
      addOverlayHost(api, { origin: 'https://crm.acme.com', crm: 'salesforce' }),
      addOverlayHost(api, { origin: 'http://localhost:5174', crm: 'hubspot' }),
    ]);
    await addOverlayHost(api, { origin: 'https://crm.acme.com/', crm: 'dynamics365' });
    expect(scripts.get(OVERLAY_SCRIPT_ID)?.matches).toEqual([
      'http://localhost/*',
      'https://crm.acme.com/*',
    ]);
    expect(await listOverlayHosts(api)).toEqual([
      { pattern: 'http://localhost/*', crm: 'hubspot' },
      { pattern: 'https://crm.acme.com/*', crm: 'dynamics365' },
    ]);
  });

  it('removes a host, its registration and its permission', async () => {
    const { api, scripts, origins } = fakeApi(['https://crm.acme.com/*']);
    await addOverlayHost(api, { origin: 'https://crm.acme.com', crm: 'salesforce' });
    expect(await removeOverlayHost(api, 'https://crm.acme.com/*')).toEqual([]);
    expect(scripts.size).toBe(0);
    expect(origins.has('https://crm.acme.com/*')).toBe(false);
  });

  it('re-syncs on start-up: registers what is granted, drops what was revoked', async () => {
    const { api, scripts, origins } = fakeApi(['https://a.acme.com/*', 'https://b.acme.com/*']);
    await addOverlayHost(api, { origin: 'https://a.acme.com', crm: 'salesforce' });
    await addOverlayHost(api, { origin: 'https://b.acme.com', crm: 'salesforce' });
    scripts.clear(); // a browser that did not persist the registration
    origins.delete('https://a.acme.com/*'); // the user revoked one in the browser's settings
    expect(await syncOverlayHosts(api)).toEqual(['https://b.acme.com/*']);
    expect(scripts.get(OVERLAY_SCRIPT_ID)?.matches).toEqual(['https://b.acme.com/*']);
    origins.clear();
    expect(await syncOverlayHosts(api)).toEqual([]);
    expect(scripts.size).toBe(0);
  });

  it('ignores a corrupted stored list', async () => {
    const { api } = fakeApi();
    await fakeBrowser.storage.local.set({ 'overlay:customHosts': 'https://*/*' });
    expect(await listOverlayHosts(api)).toEqual([]);
    expect(await syncOverlayHosts(api)).toEqual([]);
  });
});
