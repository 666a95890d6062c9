import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { AttainDatabase, sessionMetaArea } from '../lib/db';
import {
  broadcast,
  createBackgroundRouter,
  createBrowserApi,
  handlersFor,
  type WebExtensionLike,
} from '../lib/messaging';
import { installOverlayBackground } from '../lib/messaging/overlay/background';
import {
  BackgroundController,
  createSessionStore,
  memoryLock,
  webLock,
  type LockFn,
} from '../lib/sync';

/** How often the alarm wakes the worker to sync (Chrome's minimum is 30 s). */
const SYNC_ALARM = 'attain-sync';
const SYNC_ALARM_MINUTES = 1;

function syncLock(): LockFn {
  // Web Locks are released when the worker dies, so a new worker never waits for a dead one.
  return typeof navigator !== 'undefined' && 'locks' in navigator
    ? webLock(navigator.locks)
    : memoryLock();
}

function managedServerUrl(api: ReturnType<typeof createBrowserApi>) {
  return async (): Promise<string | null> => {
    const value = await api.managed('serverUrl');
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
}

export default defineBackground(() => {
  const api = createBrowserApi(browser as unknown as WebExtensionLike);
  const db = new AttainDatabase();
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const controller = new BackgroundController({
    db,
    // The token lives in the extension's IndexedDB, which content scripts cannot read
    // (they can read storage.local).
    sessions: createSessionStore(sessionMetaArea(db)),
    lock: syncLock(),
    isOnline: () => navigator.onLine,
    hasHostPermission: (origin) => api.hasOrigin(origin),
    managedServerUrl: managedServerUrl(api),
    defaultServerUrl: import.meta.env.DEV ? 'http://127.0.0.1:8787' : null,
    openOptions: () => api.openOptionsPage(),
    onStatus: (status) => void broadcast(api, { type: 'event.syncStatus', status }),
    onDataChanged: (entities) => void broadcast(api, { type: 'event.dataChanged', entities }),
    schedule: (atMs) => {
      // While the worker lives a timer retries on time; if it dies first, the alarm does.
      clearTimeout(retryTimer);
      retryTimer = setTimeout(
        () => void controller.trigger('retry'),
        Math.max(0, atMs - Date.now()),
      );
    },
  });

  // Listeners are registered synchronously, so the event that woke the worker is heard.
  api.addMessageListener(
    createBackgroundRouter({ api, ...handlersFor(controller), otherPrefixes: ['overlay.'] }),
  );
  // The overlay's own messages (toggle, locate, custom hosts) and its keyboard command. Its
  // API type spells scripting.executeScript's `files` as plain strings; WXT narrows them.
  installOverlayBackground(browser as unknown as Parameters<typeof installOverlayBackground>[0]);
  api.addAlarmListener((name) => {
    if (name === SYNC_ALARM) void controller.trigger('alarm');
  });
  self.addEventListener('online', () => void controller.trigger('online'));
  self.addEventListener('offline', () => void controller.status());
  void api.ensureAlarm(SYNC_ALARM, SYNC_ALARM_MINUTES);

  // Sessions saved by earlier builds in storage.local are dropped from there.
  void api.local.remove('attain.session');
  void controller.start();
});
