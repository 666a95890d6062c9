/**
 * The one place Attain's extension code touches WebExtension APIs. Business logic takes a
 * `BrowserApi` (or a part of it) as a parameter; the entrypoints build it from `browser`
 * (`wxt/browser`), tests from WXT's `fakeBrowser`. Nothing here imports zod or the domain,
 * so the content script may use it.
 */

export interface MessageSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  frameId?: number;
}

export type SendResponse = (response?: unknown) => void;
export type RuntimeMessageListener = (
  message: unknown,
  sender: MessageSender,
  sendResponse: SendResponse,
) => boolean | undefined | void | Promise<unknown>;

interface EventLike<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}

interface StorageAreaLike {
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
  onChanged?: EventLike<
    (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>) => void
  >;
}

/** The parts of `browser` Attain uses (`browser` from `wxt/browser` and `fakeBrowser` fit). */
export interface WebExtensionLike {
  runtime: {
    id: string;
    getURL(path: string): string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: EventLike<RuntimeMessageListener>;
    openOptionsPage?: () => Promise<void>;
    onStartup?: EventLike<() => void>;
    onInstalled?: EventLike<(details: unknown) => void>;
  };
  storage: {
    local: StorageAreaLike;
    managed?: { get(keys?: string | string[] | null): Promise<Record<string, unknown>> };
  };
  alarms?: {
    create(
      name: string,
      info: { periodInMinutes?: number; delayInMinutes?: number; when?: number },
    ): unknown;
    get(name: string): Promise<unknown>;
    onAlarm: EventLike<(alarm: { name: string }) => void>;
  };
  permissions?: {
    contains(permissions: { origins?: string[] }): Promise<boolean>;
    request(permissions: { origins?: string[] }): Promise<boolean>;
  };
  tabs?: {
    create(properties: { url: string }): Promise<unknown>;
  };
  commands?: {
    getAll(): Promise<Array<{ name?: string; shortcut?: string; description?: string }>>;
  };
}

export interface KeyValueArea {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  remove(key: string): Promise<void>;
  /** Calls `listener` with the new value whenever `key` changes; returns the unsubscriber. */
  watch(key: string, listener: (value: unknown) => void): () => void;
}

export interface BrowserApi {
  /** The extension's id and origin (`chrome-extension://<id>`). */
  readonly extensionId: string;
  readonly extensionOrigin: string;
  getURL(path: string): string;
  /** Sends a runtime message; resolves with the answer (undefined when nobody answered). */
  sendMessage(message: unknown): Promise<unknown>;
  addMessageListener(listener: RuntimeMessageListener): () => void;
  /** `browser.storage.local`: read by the background and extension pages. */
  local: KeyValueArea;
  /** An administrator's setting (`storage.managed`); undefined when none or unsupported. */
  managed(key: string): Promise<unknown>;
  /** A repeating alarm, created unless it exists (re-creating would push it back). */
  ensureAlarm(name: string, periodInMinutes: number): Promise<void>;
  addAlarmListener(listener: (name: string) => void): () => void;
  /** Whether host access to `origin` (`https://host:port`) is granted. */
  hasOrigin(origin: string): Promise<boolean>;
  /** Asks the user for host access to `origin`: call it first thing in a click handler. */
  requestOrigin(origin: string): Promise<boolean>;
  /** Asks for host access to these match patterns (same rule: first thing in a click). */
  requestOrigins(patterns: string[]): Promise<boolean>;
  openOptionsPage(): Promise<void>;
  openTab(url: string): Promise<void>;
  commands(): Promise<Array<{ name: string; shortcut: string }>>;
}

/**
 * `https://attain.example.com:8443` → `https://attain.example.com/*`: a match pattern
 * without a port matches every port (Firefox does not accept ports in patterns at all).
 */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

function keyValueArea(area: StorageAreaLike): KeyValueArea {
  return {
    async get(key) {
      return (await area.get(key))[key];
    },
    async set(key, value) {
      await area.set({ [key]: value });
    },
    async remove(key) {
      await area.remove(key);
    },
    watch(key, listener) {
      if (!area.onChanged) return () => undefined;
      const onChanged = (changes: Record<string, { newValue?: unknown }>) => {
        if (key in changes) listener(changes[key]?.newValue);
      };
      area.onChanged.addListener(onChanged);
      return () => area.onChanged?.removeListener(onChanged);
    },
  };
}

/** Wraps a WebExtension `browser` object. */
export function createBrowserApi(b: WebExtensionLike): BrowserApi {
  const extensionOrigin = new URL(b.runtime.getURL('/')).origin;
  return {
    extensionId: b.runtime.id,
    extensionOrigin,
    getURL: (path) => b.runtime.getURL(path),
    async sendMessage(message) {
      try {
        return await b.runtime.sendMessage(message);
      } catch (error) {
        // "Could not establish connection. Receiving end does not exist.": nobody listens.
        if (String(error).includes('Receiving end does not exist')) return undefined;
        throw error;
      }
    },
    addMessageListener(listener) {
      b.runtime.onMessage.addListener(listener);
      return () => b.runtime.onMessage.removeListener(listener);
    },
    local: keyValueArea(b.storage.local),
    async managed(key) {
      try {
        return (await b.storage.managed?.get(key))?.[key];
      } catch {
        // Firefox without a managed-storage manifest, or a browser without policies.
        return undefined;
      }
    },
    async ensureAlarm(name, periodInMinutes) {
      if (!b.alarms || (await b.alarms.get(name))) return;
      await b.alarms.create(name, { periodInMinutes, delayInMinutes: periodInMinutes });
    },
    addAlarmListener(listener) {
      if (!b.alarms) return () => undefined;
      const onAlarm = (alarm: { name: string }) => listener(alarm.name);
      b.alarms.onAlarm.addListener(onAlarm);
      return () => b.alarms?.onAlarm.removeListener(onAlarm);
    },
    async hasOrigin(origin) {
      if (!b.permissions) return false;
      return b.permissions.contains({ origins: [originPattern(origin)] });
    },
    async requestOrigin(origin) {
      if (!b.permissions) return false;
      return b.permissions.request({ origins: [originPattern(origin)] });
    },
    async requestOrigins(patterns) {
      if (!b.permissions) return false;
      return b.permissions.request({ origins: patterns });
    },
    async openOptionsPage() {
      if (b.runtime.openOptionsPage) await b.runtime.openOptionsPage();
      else await b.tabs?.create({ url: b.runtime.getURL('/options.html') });
    },
    async openTab(url) {
      await b.tabs?.create({ url });
    },
    async commands() {
      const all = (await b.commands?.getAll()) ?? [];
      return all.flatMap((c) => (c.name ? [{ name: c.name, shortcut: c.shortcut ?? '' }] : []));
    },
  };
}
