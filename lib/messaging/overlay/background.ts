import {
  addOverlayHost,
  listOverlayHosts,
  removeOverlayHost,
  syncOverlayHosts,
  type DynamicHostsApi,
} from './dynamic-hosts';
import {
  TOGGLE_COMMAND,
  isSidebarSender,
  type LocateResponse,
  type OverlayRequest,
  type ShowResponse,
  type ToggleResponse,
} from './protocol';
import {
  overlayRuntimeRequestSchema,
  toggleResponseSchema,
  type HostsResponse,
  type OverlayRuntimeRequest,
} from './schemas';

/**
 * The background's part of the overlay: the keyboard command's toggle and the popup's show are
 * forwarded to the tab's top-frame content script; the sidebar can ask which tab it is in; the
 * options page adds and removes custom hosts; the custom-host registration is re-synced on
 * start-up and when permissions change. Wire it with one call in `entrypoints/background.ts`:
 * `installOverlayBackground(browser)`.
 */

interface Event<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}

export interface MessageSender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

/** The part of `browser` the overlay background uses (`browser` itself satisfies it). */
export interface OverlayBackgroundApi extends DynamicHostsApi {
  runtime: {
    id: string;
    getURL(path: string): string;
    onMessage: Event<
      (
        message: unknown,
        sender: MessageSender,
        sendResponse: (response?: unknown) => void,
      ) => unknown
    >;
    onStartup: Event<() => void>;
    onInstalled: Event<() => void>;
  };
  commands: { onCommand: Event<(command: string, tab?: { id?: number }) => void> };
  tabs: {
    query(query: {
      active?: boolean;
      lastFocusedWindow?: boolean;
      url?: string | string[];
    }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
  permissions: DynamicHostsApi['permissions'] & {
    onAdded: Event<() => void>;
    onRemoved: Event<() => void>;
  };
}

/**
 * Sends a toggle or show to a tab's top frame (the active tab of the last focused window by
 * default) and returns the content script's answer: `{ ok: true, collapsed }`, `{ ok: false,
 * reason: 'disabled' }` on a CRM the user turned Attain off for, `no-tab` or `no-overlay`.
 */
async function sendToOverlay(
  api: Pick<OverlayBackgroundApi, 'tabs'>,
  request: OverlayRequest,
  tabId?: number,
): Promise<ToggleResponse> {
  const id =
    tabId ?? (await api.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id ?? undefined;
  if (id === undefined) return { ok: false, reason: 'no-tab' };
  try {
    const answer = await api.tabs.sendMessage(id, request, { frameId: 0 });
    const parsed = toggleResponseSchema.safeParse(answer);
    return parsed.success ? parsed.data : { ok: false, reason: 'no-overlay' };
  } catch {
    // No content script in that tab: not a CRM page, or one opened before Attain was installed.
    return { ok: false, reason: 'no-overlay' };
  }
}

/** Collapses or expands the overlay in a tab (the keyboard command). */
export function toggleOverlayInTab(
  api: Pick<OverlayBackgroundApi, 'tabs'>,
  tabId?: number,
): Promise<ToggleResponse> {
  return sendToOverlay(api, { type: 'overlay.toggle' }, tabId);
}

/** Expands the overlay in a tab, or leaves it expanded (the popup's "open the sidebar"). */
export function showOverlayInTab(
  api: Pick<OverlayBackgroundApi, 'tabs'>,
  tabId?: number,
): Promise<ShowResponse> {
  return sendToOverlay(api, { type: 'overlay.show' }, tabId);
}

/** Whether a sender is one of this extension's own pages (not a content script, not a web page). */
function isExtensionPage(api: OverlayBackgroundApi, sender: MessageSender): boolean {
  if (sender.id !== api.runtime.id || typeof sender.url !== 'string') return false;
  try {
    const own = new URL(api.runtime.getURL('/'));
    const url = new URL(sender.url);
    return url.protocol === own.protocol && (url.host === own.host || url.host === api.runtime.id);
  } catch {
    return false;
  }
}

/**
 * The answer to an overlay runtime message, or undefined when the message is not one (let other
 * listeners answer it). Exported for a central message router.
 */
export function handleOverlayMessage(
  api: OverlayBackgroundApi,
  message: unknown,
  sender: MessageSender,
): Promise<ToggleResponse | LocateResponse | HostsResponse> | undefined {
  const parsed = overlayRuntimeRequestSchema.safeParse(message);
  if (!parsed.success) return undefined;
  if (!isExtensionPage(api, sender)) {
    return Promise.resolve({ ok: false, reason: 'forbidden' });
  }
  return answer(api, parsed.data, sender);
}

async function answer(
  api: OverlayBackgroundApi,
  request: OverlayRuntimeRequest,
  sender: MessageSender,
): Promise<ToggleResponse | LocateResponse | HostsResponse> {
  switch (request.type) {
    case 'overlay.toggle':
      return toggleOverlayInTab(api, sender.tab?.id);
    case 'overlay.show':
      return showOverlayInTab(api, sender.tab?.id);
    case 'overlay.locate': {
      const tabId = sender.tab?.id;
      if (!isSidebarSender(sender, api.runtime) || tabId === undefined) {
        return { ok: false, reason: 'not-a-sidebar' };
      }
      return { ok: true, tabId };
    }
    case 'overlay.hosts.list':
      return { ok: true, hosts: await listOverlayHosts(api) };
    case 'overlay.hosts.add': {
      const result = await addOverlayHost(api, { origin: request.origin, crm: request.crm });
      return result.ok ? { ok: true, hosts: result.hosts } : result;
    }
    case 'overlay.hosts.remove':
      return { ok: true, hosts: await removeOverlayHost(api, request.pattern) };
  }
}

/** Installs the overlay's listeners; returns a function that removes them. */
export function installOverlayBackground(api: OverlayBackgroundApi): () => void {
  const sync = () => {
    void syncOverlayHosts(api).catch((error: unknown) => {
      console.error('Attain: could not register the overlay on custom hosts', error);
    });
  };
  const onCommand = (command: string, tab?: { id?: number }) => {
    if (command === TOGGLE_COMMAND) void toggleOverlayInTab(api, tab?.id);
  };
  const onMessage = (
    message: unknown,
    sender: MessageSender,
    sendResponse: (response?: unknown) => void,
  ) => {
    const pending = handleOverlayMessage(api, message, sender);
    if (!pending) return false;
    pending.then(sendResponse, (error: unknown) =>
      sendResponse({ ok: false, reason: error instanceof Error ? error.message : 'failed' }),
    );
    return true;
  };
  api.commands.onCommand.addListener(onCommand);
  api.runtime.onMessage.addListener(onMessage);
  api.runtime.onStartup.addListener(sync);
  api.runtime.onInstalled.addListener(sync);
  api.permissions.onAdded.addListener(sync);
  api.permissions.onRemoved.addListener(sync);
  return () => {
    api.commands.onCommand.removeListener(onCommand);
    api.runtime.onMessage.removeListener(onMessage);
    api.runtime.onStartup.removeListener(sync);
    api.runtime.onInstalled.removeListener(sync);
    api.permissions.onAdded.removeListener(sync);
    api.permissions.onRemoved.removeListener(sync);
  };
}
