import {
  CUSTOM_HOSTS_KEY,
  parseCustomHosts,
  toMatchPattern,
  type CrmFamily,
  type CustomHost,
} from './hosts';

/**
 * Hosts a user adds in options (a custom Salesforce domain, the demo CRM on localhost): the list
 * is kept in `browser.storage.local`; the content script is registered for the hosts whose
 * optional permission is granted with `scripting.registerContentScripts` (one registration, id
 * `OVERLAY_SCRIPT_ID`, persisted across sessions, and re-synced on start-up because Firefox and
 * older Chromes may drop it). Every function takes the browser API it uses, so tests pass fakes.
 *
 * The grant itself must come from a user gesture in an extension page: the options page calls
 * `browser.permissions.request({ origins: [pattern] })` first, then `addOverlayHost` (directly or
 * through the background: `overlay.hosts.add`, see `./background`).
 */

export const OVERLAY_SCRIPT_ID = 'attain-overlay-custom-hosts';
/** WXT's output path of `entrypoints/crm.content/index.ts`. */
export const OVERLAY_SCRIPT_FILE = 'content-scripts/crm.js';

export interface RegisteredScript {
  id: string;
  js?: string[];
  matches?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  allFrames?: boolean;
  persistAcrossSessions?: boolean;
}

/** The part of `browser` these functions use (`browser` itself satisfies it). */
export interface DynamicHostsApi {
  permissions: {
    contains(permissions: { origins?: string[] }): Promise<boolean>;
    remove(permissions: { origins?: string[] }): Promise<boolean>;
  };
  scripting: {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
    registerContentScripts(scripts: RegisteredScript[]): Promise<void>;
    updateContentScripts(scripts: RegisteredScript[]): Promise<void>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
    executeScript(injection: {
      target: { tabId: number; frameIds?: number[] };
      files: string[];
    }): Promise<unknown>;
  };
  storage: {
    local: {
      get(keys: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
  tabs: { query(query: { url?: string | string[] }): Promise<{ id?: number }[]> };
}

export type AddHostResult =
  | { ok: true; host: CustomHost; hosts: CustomHost[] }
  | { ok: false; reason: 'invalid-origin' | 'permission-missing' };

/** Serialises registry changes per API object: registering the same id twice in a row fails. */
const queues = new WeakMap<object, Promise<unknown>>();
function serialised<T>(api: object, run: () => Promise<T>): Promise<T> {
  const next = (queues.get(api) ?? Promise.resolve()).then(run, run);
  queues.set(
    api,
    next.catch(() => undefined),
  );
  return next;
}

export async function listOverlayHosts(
  api: Pick<DynamicHostsApi, 'storage'>,
): Promise<CustomHost[]> {
  const stored = await api.storage.local.get(CUSTOM_HOSTS_KEY);
  return parseCustomHosts(stored[CUSTOM_HOSTS_KEY]);
}

/**
 * Adds (or re-labels) a host whose permission the user granted, registers the content script
 * for it and injects it into open tabs of that host (else the rep must reload them).
 */
export function addOverlayHost(
  api: DynamicHostsApi,
  input: { origin: string; crm: CrmFamily },
): Promise<AddHostResult> {
  return serialised(api, async () => {
    const pattern = toMatchPattern(input.origin);
    if (pattern === null) return { ok: false, reason: 'invalid-origin' } as const;
    if (!(await api.permissions.contains({ origins: [pattern] }))) {
      return { ok: false, reason: 'permission-missing' } as const;
    }
    const host: CustomHost = { pattern, crm: input.crm };
    const others = (await listOverlayHosts(api)).filter((h) => h.pattern !== pattern);
    const hosts = [...others, host];
    await api.storage.local.set({ [CUSTOM_HOSTS_KEY]: hosts });
    await syncRegistration(api, hosts);
    await injectIntoOpenTabs(api, pattern);
    return { ok: true, host, hosts };
  });
}

/** Removes a host, its registration and (by default) its host permission. */
export function removeOverlayHost(
  api: DynamicHostsApi,
  pattern: string,
  options: { revokePermission?: boolean } = {},
): Promise<CustomHost[]> {
  return serialised(api, async () => {
    const hosts = (await listOverlayHosts(api)).filter((h) => h.pattern !== pattern);
    await api.storage.local.set({ [CUSTOM_HOSTS_KEY]: hosts });
    await syncRegistration(api, hosts);
    if (options.revokePermission !== false && toMatchPattern(pattern) === pattern) {
      await api.permissions.remove({ origins: [pattern] }).catch(() => false);
    }
    return hosts;
  });
}

/**
 * Makes the registration match the stored hosts whose permission is still granted. Call on
 * `runtime.onStartup`, `runtime.onInstalled` and `permissions.onAdded/onRemoved`. Returns the
 * registered patterns.
 */
export function syncOverlayHosts(api: DynamicHostsApi): Promise<string[]> {
  return serialised(api, async () => syncRegistration(api, await listOverlayHosts(api)));
}

async function syncRegistration(api: DynamicHostsApi, hosts: CustomHost[]): Promise<string[]> {
  const granted: string[] = [];
  for (const { pattern } of hosts) {
    if (await api.permissions.contains({ origins: [pattern] })) granted.push(pattern);
  }
  const existing = await api.scripting.getRegisteredContentScripts({ ids: [OVERLAY_SCRIPT_ID] });
  if (granted.length === 0) {
    if (existing.length > 0)
      await api.scripting.unregisterContentScripts({ ids: [OVERLAY_SCRIPT_ID] });
    return granted;
  }
  const script: RegisteredScript = {
    id: OVERLAY_SCRIPT_ID,
    js: [OVERLAY_SCRIPT_FILE],
    matches: granted,
    runAt: 'document_idle',
    allFrames: false,
    persistAcrossSessions: true,
  };
  if (existing.length > 0) await api.scripting.updateContentScripts([script]);
  else await api.scripting.registerContentScripts([script]);
  return granted;
}

async function injectIntoOpenTabs(api: DynamicHostsApi, pattern: string): Promise<void> {
  const tabs = await api.tabs.query({ url: pattern }).catch(() => []);
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined
        ? undefined
        : api.scripting
            .executeScript({
              target: { tabId: tab.id, frameIds: [0] },
              files: [OVERLAY_SCRIPT_FILE],
            })
            .catch(() => undefined),
    ),
  );
}
