import { fakeBrowser } from 'wxt/testing/fake-browser';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  handleOverlayMessage,
  installOverlayBackground,
  showOverlayInTab,
  toggleOverlayInTab,
  type OverlayBackgroundApi,
} from '../../lib/messaging/overlay/background';
import { EXTENSION_ID, fakeEvent } from './fakes';

const SIDEBAR = {
  id: EXTENSION_ID,
  url: `chrome-extension://${EXTENSION_ID}/sidebar.html`,
  tab: { id: 5 },
};
const POPUP = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
const OPTIONS = {
  id: EXTENSION_ID,
  url: `chrome-extension://${EXTENSION_ID}/options.html`,
  tab: { id: 8 },
};
const CONTENT = {
  id: EXTENSION_ID,
  url: 'https://acme.lightning.force.com/lightning/page/home',
  tab: { id: 5 },
};

function fakeApi(contentAnswer: unknown = { ok: true, collapsed: true }) {
  const events = {
    onCommand: fakeEvent<(command: string, tab?: { id?: number }) => void>(),
    onMessage: fakeEvent<(m: unknown, s: object, r: (x?: unknown) => void) => unknown>(),
    onStartup: fakeEvent<() => void>(),
    onInstalled: fakeEvent<() => void>(),
    onAdded: fakeEvent<() => void>(),
    onRemoved: fakeEvent<() => void>(),
  };
  const api = {
    runtime: {
      id: EXTENSION_ID,
      getURL: (path: string) => `chrome-extension://${EXTENSION_ID}${path}`,
      onMessage: events.onMessage,
      onStartup: events.onStartup,
      onInstalled: events.onInstalled,
    },
    commands: { onCommand: events.onCommand },
    tabs: {
      query: vi.fn(async () => [{ id: 42 }]),
      sendMessage: vi.fn(async () => {
        if (contentAnswer instanceof Error) throw contentAnswer;
        return contentAnswer;
      }),
    },
    permissions: {
      contains: vi.fn(async () => true),
      remove: vi.fn(async () => true),
      onAdded: events.onAdded,
      onRemoved: events.onRemoved,
    },
    scripting: {
      getRegisteredContentScripts: vi.fn(async () => []),
      registerContentScripts: vi.fn(async () => undefined),
      updateContentScripts: vi.fn(async () => undefined),
      unregisterContentScripts: vi.fn(async () => undefined),
      executeScript: vi.fn(async () => []),
    },
    storage: fakeBrowser.storage as unknown as OverlayBackgroundApi['storage'],
  } satisfies OverlayBackgroundApi;
  return { api, events };
}

beforeEach(() => fakeBrowser.reset());

describe('the overlay’s background part', () => {
  it('forwards the toggle to the top frame of the active tab', async () => {
    const { api } = fakeApi();
    expect(await toggleOverlayInTab(api)).toEqual({ ok: true, collapsed: true });
    expect(api.tabs.query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
    expect(api.tabs.sendMessage).toHaveBeenCalledWith(
      42,
      { type: 'overlay.toggle' },
      { frameId: 0 },
    );
  });

  it('forwards the popup’s show to the active tab, and passes on its answer', async () => {
    const { api } = fakeApi({ ok: true, collapsed: false });
    expect(await handleOverlayMessage(api, { type: 'overlay.show' }, POPUP)).toEqual({
      ok: true,
      collapsed: false,
    });
    expect(api.tabs.query).toHaveBeenCalledWith({ active: true, lastFocusedWindow: true });
    expect(api.tabs.sendMessage).toHaveBeenCalledWith(42, { type: 'overlay.show' }, { frameId: 0 });
    // A CRM the user turned Attain off for answers why.
    const off = fakeApi({ ok: false, reason: 'disabled' });
    expect(await showOverlayInTab(off.api, 9)).toEqual({ ok: false, reason: 'disabled' });
    expect(off.api.tabs.query).not.toHaveBeenCalled();
  });

  it('refuses a show from anything but the extension’s own pages', async () => {
    const { api } = fakeApi();
    expect(await handleOverlayMessage(api, { type: 'overlay.show' }, CONTENT)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(handleOverlayMessage(api, { type: 'overlay.show', collapsed: true }, POPUP)).toBe(
      undefined,
    );
    expect(api.tabs.sendMessage).not.toHaveBeenCalled();
  });

  it('says so when the tab runs no overlay, or answers nonsense', async () => {
    expect(
      await toggleOverlayInTab(fakeApi(new Error('Receiving end does not exist')).api, 3),
    ).toEqual({ ok: false, reason: 'no-overlay' });
    expect(await toggleOverlayInTab(fakeApi({ ok: 'yes' }).api, 3)).toEqual({
      ok: false,
      reason: 'no-overlay',
    });
    expect(await showOverlayInTab(fakeApi(null).api, 3)).toEqual({
      ok: false,
      reason: 'no-overlay',
    });
    const noTab = fakeApi();
    noTab.api.tabs.query.mockResolvedValueOnce([]);
    expect(await showOverlayInTab(noTab.api)).toEqual({ ok: false, reason: 'no-tab' });
  });

  it('leaves other messages to other listeners', () => {
    const { api } = fakeApi();
    expect(handleOverlayMessage(api, { type: 'sync.now' }, POPUP)).toBeUndefined();
    expect(handleOverlayMessage(api, 'overlay.toggle', POPUP)).toBeUndefined();
    expect(handleOverlayMessage(api, { type: 'overlay.toggle', x: 1 }, POPUP)).toBeUndefined();
  });

  it('answers only the extension’s own pages', async () => {
    const { api } = fakeApi();
    expect(await handleOverlayMessage(api, { type: 'overlay.hosts.list' }, CONTENT)).toEqual({
      ok: false,
      reason: 'forbidden',
    });
    expect(
      await handleOverlayMessage(
        api,
        { type: 'overlay.toggle' },
        { ...POPUP, id: 'other-extension' },
      ),
    ).toEqual({ ok: false, reason: 'forbidden' });
    expect(await handleOverlayMessage(api, { type: 'overlay.hosts.list' }, OPTIONS)).toEqual({
      ok: true,
      hosts: [],
    });
  });

  it('tells the sidebar, and only the sidebar, which tab it is in', async () => {
    const { api } = fakeApi();
    expect(await handleOverlayMessage(api, { type: 'overlay.locate' }, SIDEBAR)).toEqual({
      ok: true,
      tabId: 5,
    });
    expect(await handleOverlayMessage(api, { type: 'overlay.locate' }, OPTIONS)).toEqual({
      ok: false,
      reason: 'not-a-sidebar',
    });
  });

  it('adds custom hosts for the options page', async () => {
    const { api } = fakeApi();
    const answer = await handleOverlayMessage(
      api,
      { type: 'overlay.hosts.add', origin: 'https://crm.acme.com', crm: 'salesforce' },
      OPTIONS,
    );
    expect(answer).toEqual({
      ok: true,
      hosts: [{ pattern: 'https://crm.acme.com/*', crm: 'salesforce' }],
    });
    expect(api.scripting.registerContentScripts).toHaveBeenCalledOnce();
    expect(
      await handleOverlayMessage(
        api,
        { type: 'overlay.hosts.remove', pattern: 'https://crm.acme.com/*' },
        OPTIONS,
      ),
    ).toEqual({ ok: true, hosts: [] });
  });

  it('installs its listeners (command, messages, start-up sync) and removes them', async () => {
    const { api, events } = fakeApi();
    const uninstall = installOverlayBackground(api);
    events.onCommand.fire('toggle-sidebar', { id: 12 });
    events.onCommand.fire('something-else', { id: 12 });
    await vi.waitFor(() => expect(api.tabs.sendMessage).toHaveBeenCalledOnce());
    expect(api.tabs.sendMessage).toHaveBeenCalledWith(
      12,
      { type: 'overlay.toggle' },
      { frameId: 0 },
    );

    const sendResponse = vi.fn();
    expect(events.onMessage.fire({ type: 'overlay.toggle' }, POPUP, sendResponse)).toEqual([true]);
    await vi.waitFor(() =>
      expect(sendResponse).toHaveBeenCalledWith({ ok: true, collapsed: true }),
    );
    expect(events.onMessage.fire({ type: 'sync.now' }, POPUP, sendResponse)).toEqual([false]);

    events.onStartup.fire();
    await vi.waitFor(() => expect(api.scripting.getRegisteredContentScripts).toHaveBeenCalled());

    uninstall();
    for (const event of Object.values(events)) expect(event.hasListeners()).toBe(false);
  });
});
