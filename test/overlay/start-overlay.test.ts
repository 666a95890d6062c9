// @vitest-environment jsdom
import type { JSDOM } from 'jsdom';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOverlay, type ContentApi } from '../../entrypoints/crm.content/start-overlay';
import { CUSTOM_HOSTS_KEY, PREFERENCES_KEY } from '../../lib/messaging/overlay/hosts';
import { salesforceLightning } from '../../lib/crm/salesforce-lightning/adapter';
import { loadFixture } from '../crm/load-fixture';
import { EXTENSION_ID, SIDEBAR_URL, fakeEvent, fakePort, settle, type FakePort } from './fakes';

const OPP = '006Dn000004PqRsIAK';
const LIGHTNING = `https://acme.lightning.force.com/lightning/r/Opportunity/${OPP}/view`;
const LAYOUT_KEY = 'overlay:layout:acme.lightning.force.com';

const controllers: AbortController[] = [];
let onConnect: ReturnType<typeof fakeEvent<(port: FakePort) => void>>;
let api: ContentApi;

/** fakeBrowser's onMessage passes a third argument (sendResponse) its types do not list. */
const deliver = (message: unknown, sender: object, sendResponse: (response?: unknown) => void) =>
  (fakeBrowser.runtime.onMessage.trigger as (...args: unknown[]) => unknown)(
    message,
    sender,
    sendResponse,
  );

beforeEach(() => {
  fakeBrowser.reset();
  onConnect = fakeEvent();
  api = {
    runtime: {
      id: fakeBrowser.runtime.id,
      getURL: (path: string) => fakeBrowser.runtime.getURL(path as '/'),
      onConnect: onConnect as unknown as ContentApi['runtime']['onConnect'],
      onMessage: fakeBrowser.runtime.onMessage as unknown as ContentApi['runtime']['onMessage'],
    },
    storage: fakeBrowser.storage as unknown as ContentApi['storage'],
  };
});

afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
  vi.restoreAllMocks();
});

async function start(url = LIGHTNING, fixture = 'salesforce-lightning/inline-edit.html') {
  const dom: JSDOM = loadFixture(fixture, url);
  const controller = new AbortController();
  controllers.push(controller);
  const overlay = await startOverlay({ api, doc: dom.window.document, signal: controller.signal });
  await settle();
  return { dom, doc: dom.window.document, overlay, controller };
}

/** A port as the sidebar page opens it. */
function connectSidebar(
  sender: { id?: string; url?: string } = { id: EXTENSION_ID, url: SIDEBAR_URL },
) {
  const port = fakePort('attain-overlay', sender);
  onConnect.fire(port);
  return port;
}

const records = (port: FakePort) =>
  port.posted().filter((m) => (m as { type: string }).type === 'record') as {
    record: { recordId: string; crm: string; fields: { amount: number | null } } | null;
    url: string;
  }[];

describe('startOverlay', () => {
  it('mounts on a CRM page with the default layout', async () => {
    const { doc, overlay } = await start();
    expect(overlay).not.toBeNull();
    expect(overlay?.frame?.host.parentNode).toBe(doc.documentElement);
    expect(overlay?.frame?.iframe.src).toBe(SIDEBAR_URL);
    expect(overlay?.layout).toEqual({ collapsed: false, width: 380, side: 'right' });
  });

  it('does nothing on a page of a matched host that is not a CRM app', async () => {
    const { doc, overlay } = await start('https://www.salesforce.com/products/');
    expect(overlay).toBeNull();
    expect(doc.documentElement.lastElementChild).toBe(doc.body);
    expect(onConnect.hasListeners()).toBe(false);
  });

  it('restores the layout remembered for the host', async () => {
    await fakeBrowser.storage.local.set({
      [LAYOUT_KEY]: { collapsed: true, width: 500, side: 'left' },
      'overlay:layout:other.lightning.force.com': { collapsed: false, width: 300, side: 'right' },
    });
    const { overlay } = await start();
    expect(overlay?.layout).toEqual({ collapsed: true, width: 500, side: 'left' });
    expect(overlay?.frame?.panel.style.visibility).toBe('hidden');
  });

  it('reads the page once on load: mounting the overlay is not a change of the record', async () => {
    const read = vi.spyOn(salesforceLightning, 'read');
    const { overlay } = await start();
    await settle(50);
    expect(read).toHaveBeenCalledTimes(1);
    expect(overlay?.frame?.host.isConnected).toBe(true);
  });

  it('sends the sidebar its state on connect, then each change of the record', async () => {
    const { doc } = await start();
    const port = connectSidebar();
    expect(port.posted()[0]).toEqual({
      type: 'visibility',
      state: 'expanded',
      side: 'right',
      width: 380,
    });
    expect(records(port)[0]).toMatchObject({
      url: LIGHTNING,
      record: { crm: 'salesforce-lightning', recordId: OPP, fields: { amount: 140000 } },
    });

    const amount = doc.querySelector<HTMLInputElement>('input[name="Amount"]');
    for (const value of ['1', '15', '150000']) {
      amount!.value = value;
      amount!.dispatchEvent(new doc.defaultView!.Event('input', { bubbles: true }));
      await settle();
    }
    expect(records(port).map((m) => m.record?.fields.amount)).toEqual([140000, 1, 15, 150000]);
  });

  it.each([
    ['another extension', { id: 'another-extension', url: SIDEBAR_URL }],
    [
      'a page of another extension',
      { id: EXTENSION_ID, url: 'chrome-extension://another/sidebar.html' },
    ],
    ['the popup', { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` }],
    ['a web page', { id: EXTENSION_ID, url: LIGHTNING }],
    ['no sender', {}],
  ])('refuses a port from %s', async (_label, sender) => {
    const { overlay } = await start();
    const port = connectSidebar(sender);
    expect(port.disconnect).toHaveBeenCalled();
    expect(port.posted()).toEqual([]);
    port.onMessage.fire({ type: 'collapse' });
    port.onMessage.fire({ type: 'estimate', estimate: { text: 'PWNED', tone: 'negative' } });
    expect(overlay?.layout.collapsed).toBe(false);
    expect(overlay?.pill?.element.textContent).toBe('');
  });

  it('ignores ports of other names', async () => {
    await start();
    const port = fakePort('something-else', { id: EXTENSION_ID, url: SIDEBAR_URL });
    onConnect.fire(port);
    expect(port.disconnect).not.toHaveBeenCalled();
    expect(port.posted()).toEqual([]);
  });

  it('applies the sidebar’s messages and remembers the layout for the host', async () => {
    const { overlay } = await start();
    const port = connectSidebar();
    port.onMessage.fire({ type: 'estimate', estimate: { text: 'Pays $9,150', tone: 'positive' } });
    expect(overlay?.pill?.element.textContent).toBe('Pays $9,150');
    expect(overlay?.pill?.element.hidden).toBe(false);

    port.onMessage.fire({ type: 'collapse' });
    await settle();
    expect(overlay?.layout.collapsed).toBe(true);
    expect(port.posted().at(-1)).toMatchObject({ type: 'visibility', state: 'collapsed' });
    expect((await fakeBrowser.storage.local.get(LAYOUT_KEY))[LAYOUT_KEY]).toEqual({
      collapsed: true,
      width: 380,
      side: 'right',
    });

    port.onMessage.fire({ type: 'resize', width: 5000 });
    port.onMessage.fire({ type: 'dock', side: 'left' });
    port.onMessage.fire({ type: 'expand' });
    await settle();
    expect((await fakeBrowser.storage.local.get(LAYOUT_KEY))[LAYOUT_KEY]).toEqual({
      collapsed: false,
      width: 960,
      side: 'left',
    });
  });

  it('ignores malformed messages from the sidebar', async () => {
    const { overlay } = await start();
    const port = connectSidebar();
    port.onMessage.fire({ type: 'estimate', estimate: { text: 'ok', tone: 'neutral' } });
    const before = { layout: overlay?.layout, posted: port.posted().length };
    for (const junk of [
      null,
      'collapse',
      { type: 'collapse', now: true },
      { type: 'resize', width: 'wide' },
      { type: 'estimate', estimate: { text: 'x'.repeat(200), tone: 'neutral' } },
      { type: 'estimate', estimate: { html: '<b>x</b>', tone: 'neutral' } },
      { type: 'dock', side: 'top' },
      { type: 'token' },
    ]) {
      port.onMessage.fire(junk);
    }
    await settle();
    expect(overlay?.layout).toEqual(before.layout);
    expect(overlay?.pill?.element.textContent).toBe('ok');
    expect(port.posted()).toHaveLength(before.posted);
    expect(await fakeBrowser.storage.local.get(LAYOUT_KEY)).toEqual({});
  });

  it('toggles on the background’s message, and answers it', async () => {
    const { overlay } = await start();
    const sendResponse = vi.fn();
    deliver({ type: 'overlay.toggle' }, { id: EXTENSION_ID }, sendResponse);
    expect(sendResponse).toHaveBeenCalledWith({ ok: true, collapsed: true });
    expect(overlay?.layout.collapsed).toBe(true);

    const foreign = vi.fn();
    deliver({ type: 'overlay.toggle' }, { id: 'other' }, foreign);
    deliver({ type: 'overlay.toggle', x: 1 }, { id: EXTENSION_ID }, foreign);
    expect(foreign).not.toHaveBeenCalled();
    expect(overlay?.layout.collapsed).toBe(true);
  });

  it('shows the overlay on the background’s show: expands a collapsed one, never collapses', async () => {
    await fakeBrowser.storage.local.set({
      [LAYOUT_KEY]: { collapsed: true, width: 420, side: 'left' },
    });
    const { overlay } = await start();
    const port = connectSidebar();
    for (let i = 0; i < 3; i++) {
      const sendResponse = vi.fn();
      deliver({ type: 'overlay.show' }, { id: EXTENSION_ID }, sendResponse);
      expect(sendResponse).toHaveBeenCalledWith({ ok: true, collapsed: false });
      expect(overlay?.layout).toEqual({ collapsed: false, width: 420, side: 'left' });
      expect(overlay?.frame?.panel.style.visibility).toBe('');
    }
    expect(port.posted().at(-1)).toMatchObject({ type: 'visibility', state: 'expanded' });
    expect((await fakeBrowser.storage.local.get(LAYOUT_KEY))[LAYOUT_KEY]).toEqual({
      collapsed: false,
      width: 420,
      side: 'left',
    });

    const foreign = vi.fn();
    deliver({ type: 'overlay.show' }, { id: 'other' }, foreign);
    deliver({ type: 'overlay.show', collapsed: true }, { id: EXTENSION_ID }, foreign);
    expect(foreign).not.toHaveBeenCalled();
  });

  it('follows a layout changed in another tab of the host', async () => {
    const { overlay } = await start();
    const port = connectSidebar();
    await fakeBrowser.storage.local.set({
      [LAYOUT_KEY]: { collapsed: true, width: 420, side: 'right' },
    });
    expect(overlay?.layout).toEqual({ collapsed: true, width: 420, side: 'right' });
    expect(port.posted().at(-1)).toEqual({
      type: 'visibility',
      state: 'collapsed',
      side: 'right',
      width: 420,
    });
  });

  it('resizes from the handle: no writes while dragging, one at the end', async () => {
    const { overlay, dom } = await start();
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    const handle = overlay!.frame!.handle;
    const at = (type: string, x: number) => {
      const event = new dom.window.MouseEvent(type, { clientX: x, button: 0, bubbles: true });
      handle.dispatchEvent(event);
    };
    const width = dom.window.innerWidth;
    at('pointerdown', width - 380);
    at('pointermove', width - 400);
    at('pointermove', width - 420);
    expect(set).not.toHaveBeenCalled();
    expect(overlay!.frame!.panel.style.width).toBe('420px');
    at('pointerup', width - 430);
    expect(set).toHaveBeenCalledOnce();
    expect(set).toHaveBeenCalledWith({
      [LAYOUT_KEY]: { collapsed: false, width: 430, side: 'right' },
    });
  });

  it('runs on a host the user added, reading its URL as the chosen CRM', async () => {
    await fakeBrowser.storage.local.set({
      [CUSTOM_HOSTS_KEY]: [{ pattern: 'http://localhost/*', crm: 'salesforce' }],
    });
    const url = `http://localhost:5174/lightning/r/Opportunity/${OPP}/view`;
    const { overlay } = await start(url);
    expect(overlay).not.toBeNull();
    const port = connectSidebar();
    expect(records(port)[0]).toMatchObject({
      url, // the real URL, not the stand-in
      record: { crm: 'salesforce-lightning', recordId: OPP },
    });
  });

  it('does nothing on a host nobody added', async () => {
    const { overlay } = await start(`http://localhost:5174/lightning/r/Opportunity/${OPP}/view`);
    expect(overlay).toBeNull();
  });

  it('reports a non-deal page as null, and hides the pill there', async () => {
    const account = 'https://acme.lightning.force.com/lightning/r/Account/001Dn000003AbCdIAK/view';
    const { overlay } = await start(account);
    const port = connectSidebar();
    expect(records(port)).toEqual([{ type: 'record', record: null, url: account }]);
    port.onMessage.fire({ type: 'estimate', estimate: { text: 'Pays $1', tone: 'neutral' } });
    expect(overlay?.pill?.element.hidden).toBe(true);
  });

  it('still runs, with the default layout, where it may not read extension storage', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(
      new Error('Access to storage is not allowed from this context.'),
    );
    const { overlay } = await start();
    expect(overlay?.layout).toEqual({ collapsed: false, width: 380, side: 'right' });
    expect(records(connectSidebar())[0]?.record?.recordId).toBe(OPP);
  });

  it('mounts nothing on a CRM the user turned off, and answers the popup why', async () => {
    await fakeBrowser.storage.local.set({
      [PREFERENCES_KEY]: { theme: 'dark', enabledCrms: ['hubspot', 'salesforce-classic'] },
    });
    const { doc, overlay } = await start();
    expect(overlay).not.toBeNull();
    expect(overlay?.frame).toBeNull();
    expect(overlay?.pill).toBeNull();
    expect(doc.documentElement.lastElementChild).toBe(doc.body);
    expect(onConnect.hasListeners()).toBe(false);
    for (const type of ['overlay.show', 'overlay.toggle']) {
      const sendResponse = vi.fn();
      deliver({ type }, { id: EXTENSION_ID }, sendResponse);
      expect(sendResponse).toHaveBeenCalledWith({ ok: false, reason: 'disabled' });
    }
    // A sidebar page cannot attach to it either.
    const port = fakePort('attain-overlay', { id: EXTENSION_ID, url: SIDEBAR_URL });
    onConnect.fire(port);
    expect(port.posted()).toEqual([]);
  });

  it('mounts when the user turns the CRM on, and unmounts when they turn it off', async () => {
    await fakeBrowser.storage.local.set({ [PREFERENCES_KEY]: { enabledCrms: [] } });
    const { doc, overlay } = await start();
    expect(overlay?.frame).toBeNull();

    await fakeBrowser.storage.local.set({
      [PREFERENCES_KEY]: { enabledCrms: ['salesforce-lightning'] },
    });
    await settle();
    const frame = overlay?.frame;
    expect(frame?.host.parentNode).toBe(doc.documentElement);
    const port = connectSidebar();
    expect(records(port)[0]?.record?.recordId).toBe(OPP);
    port.onMessage.fire({ type: 'estimate', estimate: { text: 'Pays $9,150', tone: 'positive' } });
    expect(overlay?.pill?.element.textContent).toBe('Pays $9,150');

    // Another setting changing leaves it alone; turning another CRM off too.
    await fakeBrowser.storage.local.set({
      [PREFERENCES_KEY]: { theme: 'dark', enabledCrms: ['salesforce-lightning'] },
    });
    expect(overlay?.frame).toBe(frame);

    await fakeBrowser.storage.local.set({ [PREFERENCES_KEY]: { enabledCrms: ['pipedrive'] } });
    expect(overlay?.frame).toBeNull();
    expect(frame?.host.isConnected).toBe(false);
    expect(port.disconnect).toHaveBeenCalled();
    expect(onConnect.hasListeners()).toBe(false);
    // Typing on the page no longer reaches anything.
    const amount = doc.querySelector<HTMLInputElement>('input[name="Amount"]');
    amount!.value = '1';
    amount!.dispatchEvent(new doc.defaultView!.Event('input', { bubbles: true }));
    await settle();
    expect(records(port)).toHaveLength(1);

    // Back on: a new overlay, with the layout as the user left it.
    await fakeBrowser.storage.local.set({
      [LAYOUT_KEY]: { collapsed: true, width: 500, side: 'left' },
    });
    await fakeBrowser.storage.local.set({ [PREFERENCES_KEY]: { enabledCrms: null } });
    expect(overlay?.frame).not.toBeNull();
    expect(overlay?.frame).not.toBe(frame);
    expect(overlay?.frame?.panel.style.width).toBe('500px');
    expect(overlay?.frame?.panel.style.visibility).toBe('hidden');
  });

  it('honours the setting on a host the user added, by the CRM the host runs', async () => {
    await fakeBrowser.storage.local.set({
      [CUSTOM_HOSTS_KEY]: [{ pattern: 'http://localhost/*', crm: 'salesforce' }],
      [PREFERENCES_KEY]: { enabledCrms: ['salesforce-classic'] },
    });
    const url = `http://localhost:5174/lightning/r/Opportunity/${OPP}/view`;
    const { overlay } = await start(url);
    expect(overlay?.frame).toBeNull();
    await fakeBrowser.storage.local.set({
      [PREFERENCES_KEY]: { enabledCrms: ['salesforce-lightning'] },
    });
    expect(overlay?.frame).not.toBeNull();
  });

  it('tears everything down when its context is invalidated', async () => {
    const { overlay, controller } = await start();
    const port = connectSidebar();
    const frame = overlay?.frame;
    controller.abort();
    expect(frame?.host.isConnected).toBe(false);
    expect(overlay?.frame).toBeNull();
    expect(port.disconnect).toHaveBeenCalled();
    expect(onConnect.hasListeners()).toBe(false);
    expect(
      (fakeBrowser.runtime.onMessage as unknown as { hasListeners(): boolean }).hasListeners(),
    ).toBe(false);
    // A setting changing afterwards mounts nothing.
    await fakeBrowser.storage.local.set({ [PREFERENCES_KEY]: { enabledCrms: [] } });
    await fakeBrowser.storage.local.set({ [PREFERENCES_KEY]: {} });
    expect(overlay?.frame).toBeNull();
  });

  it('keeps the pill text out of the page’s DOM', async () => {
    const { doc, overlay } = await start();
    connectSidebar().onMessage.fire({
      type: 'estimate',
      estimate: { text: 'Pays $9,150', tone: 'positive' },
    });
    expect(overlay?.pill?.element.textContent).toBe('Pays $9,150');
    expect(doc.documentElement.textContent).not.toContain('9,150');
    expect(doc.documentElement.outerHTML).not.toContain('9,150');
    expect(doc.querySelector('iframe')).toBeNull();
    expect(overlay?.frame?.host.shadowRoot).toBeNull();
  });
});
