import { classifyUrl, listenUntil, watchRecord, type DetectedRecord } from '../../lib/crm';
import {
  CUSTOM_HOSTS_KEY,
  PREFERENCES_KEY,
  isCrmEnabled,
  parseCustomHosts,
} from '../../lib/messaging/overlay/hosts';
import {
  clampWidth,
  layoutKey,
  parseLayout,
  type OverlayLayout,
} from '../../lib/messaging/overlay/layout';
import {
  OVERLAY_DISABLED,
  SIDEBAR_PATH,
  overlayRequestType,
  type ContentToSidebar,
  type SidebarToContent,
} from '../../lib/messaging/overlay/protocol';
import { crmUrlReader } from './crm-url';
import { mountOverlay, type OverlayFrame } from './overlay-frame';
import { openSidebarChannel, type ChannelRuntime, type SidebarChannel } from './sidebar-channel';
import { createStatusPill, type StatusPill } from './status-pill';

interface Event<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}

type StorageChanges = Record<string, { newValue?: unknown }>;

/** The part of `browser` the content script uses (`browser` itself satisfies it). */
export interface ContentApi {
  runtime: ChannelRuntime & {
    onMessage: Event<
      (
        message: unknown,
        sender: { id?: string },
        sendResponse: (response?: unknown) => void,
      ) => boolean | undefined
    >;
  };
  storage: {
    local: {
      get(keys: string[]): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
    onChanged: Event<(changes: StorageChanges, areaName: string) => void>;
  };
}

export interface RunningOverlay {
  /** The overlay on the page; null while the user has Attain turned off for this CRM. */
  readonly frame: OverlayFrame | null;
  /** The status pill; null with the frame. */
  readonly pill: StatusPill | null;
  readonly layout: OverlayLayout;
}

/** What exists while the overlay is mounted; torn down with `stop`. */
interface Mounted {
  frame: OverlayFrame;
  pill: StatusPill;
  channel: SidebarChannel;
  stop: AbortController;
}

/**
 * Starts the overlay on this page, or returns null when the page is not a CRM app page (or not
 * the top frame). On a CRM the user turned off in Settings (`enabledCrms` in the preferences)
 * nothing is mounted; the overlay comes and goes as that setting changes. Everything is torn
 * down when `signal` aborts (WXT invalidates the context when the extension is reloaded or a
 * newer copy of the script starts).
 */
export async function startOverlay({
  api,
  doc,
  signal,
}: {
  api: ContentApi;
  doc: Document;
  signal: AbortSignal;
}): Promise<RunningOverlay | null> {
  const view = doc.defaultView;
  if (!view || view.top !== view) return null;
  const storageKey = layoutKey(view.location.host);
  // Unreadable storage (e.g. `storage.local.setAccessLevel('TRUSTED_CONTEXTS')`) must not stop
  // the overlay: it then runs on the static hosts with the default layout and preferences.
  const stored = await api.storage.local
    .get([storageKey, CUSTOM_HOSTS_KEY, PREFERENCES_KEY])
    .catch((): Record<string, unknown> => ({}));
  const readUrl = crmUrlReader(view.location, parseCustomHosts(stored[CUSTOM_HOSTS_KEY]));
  if (signal.aborted || !readUrl) return null;
  const crm = classifyUrl(readUrl())?.crm ?? null;

  /** The user's layout for this host; the width shown is also clamped to the window. */
  let layout = parseLayout(stored[storageKey]);
  let mounted: Mounted | null = null;
  const shown = (): OverlayLayout => ({
    ...layout,
    width: clampWidth(layout.width, view.innerWidth),
  });

  const visibility = (): ContentToSidebar => ({
    type: 'visibility',
    state: layout.collapsed ? 'collapsed' : 'expanded',
    side: layout.side,
    width: shown().width,
  });

  /** Applies a layout; `persist` at the end of a gesture (never while dragging). */
  const setLayout = (next: OverlayLayout, persist: boolean) => {
    layout = parseLayout(next);
    mounted?.frame.apply(shown());
    if (!persist) return;
    mounted?.channel.broadcast(visibility());
    void api.storage.local.set({ [storageKey]: layout }).catch(() => undefined);
  };

  const mount = (): Mounted => {
    const stop = new AbortController();
    const mountSignal = stop.signal;
    /** Known from the start (watchRecord detects at once), so a sidebar that connects at once hears "not a deal" too. */
    let record: DetectedRecord | null = null;
    const recordEvent = (): ContentToSidebar => ({
      type: 'record',
      record,
      url: view.location.href,
    });
    const onSidebarMessage = (message: SidebarToContent) => {
      switch (message.type) {
        case 'estimate':
          return pill.setEstimate(message.estimate);
        case 'collapse':
        case 'expand':
          return setLayout({ ...layout, collapsed: message.type === 'collapse' }, true);
        case 'resize':
          return setLayout({ ...layout, width: message.width }, true);
        case 'dock':
          return setLayout({ ...layout, side: message.side }, true);
      }
    };
    // Listen before the iframe exists, so the sidebar's first connection is never missed.
    const channel = openSidebarChannel(
      api.runtime,
      {
        onMessage: onSidebarMessage,
        onConnect(port) {
          port.postMessage(visibility());
          port.postMessage(recordEvent());
        },
      },
      mountSignal,
    );
    const frame = mountOverlay(doc, {
      src: api.runtime.getURL(SIDEBAR_PATH),
      layout: shown(),
      onToggle: () => setLayout({ ...layout, collapsed: !layout.collapsed }, true),
      onResize: (width, done) => setLayout({ ...layout, width }, done),
    });
    const pill = createStatusPill(doc, frame, mountSignal);
    listenUntil(mountSignal, view, 'resize', () => frame.apply(shown()));
    mountSignal.addEventListener('abort', () => frame.destroy(), { once: true });
    // One detection on load, before this returns: the overlay mounted above is in a closed
    // shadow root the watcher neither sees nor reads. Later ones only when something changed.
    watchRecord(
      doc,
      (next, previous) => {
        record = next;
        channel.broadcast(recordEvent()); // first: the sidebar's estimate is the slower path
        pill.setRecord(next, previous);
      },
      { signal: mountSignal, getUrl: readUrl, immediate: true },
    );
    return { frame, pill, channel, stop };
  };

  /** Mounts or unmounts as the user's setting for this CRM says (`false`: unmount). */
  const follow = (preferences: unknown) => {
    const enabled = preferences !== false && isCrmEnabled(preferences, crm);
    if (enabled && !mounted) mounted = mount();
    if (!enabled && mounted) {
      mounted.stop.abort();
      mounted = null;
    }
  };

  const onRequest = (
    message: unknown,
    sender: { id?: string },
    sendResponse: (response?: unknown) => void,
  ) => {
    const type = sender.id === api.runtime.id ? overlayRequestType(message) : null;
    if (!type) return undefined;
    if (mounted) {
      // A toggle flips the overlay; a show only ever expands it.
      setLayout({ ...layout, collapsed: type === 'overlay.toggle' && !layout.collapsed }, true);
      sendResponse({ ok: true, collapsed: layout.collapsed });
    } else sendResponse({ ok: false, reason: OVERLAY_DISABLED });
    return false;
  };
  const onStorageChanged = (changes: StorageChanges, area: string) => {
    if (area !== 'local') return;
    const preferences = changes[PREFERENCES_KEY];
    if (preferences) follow(preferences.newValue);
    const change = changes[storageKey];
    if (!change) return;
    // Another tab of this host, or the options page, changed the layout (or this tab did).
    const next = parseLayout(change.newValue);
    if (JSON.stringify(next) === JSON.stringify(layout)) return; // both from parseLayout
    setLayout(next, false);
    mounted?.channel.broadcast(visibility());
  };
  api.runtime.onMessage.addListener(onRequest);
  api.storage.onChanged.addListener(onStorageChanged);
  signal.addEventListener(
    'abort',
    () => {
      api.runtime.onMessage.removeListener(onRequest);
      api.storage.onChanged.removeListener(onStorageChanged);
      follow(false);
    },
    { once: true },
  );
  follow(stored[PREFERENCES_KEY]);

  return {
    get frame() {
      return mounted?.frame ?? null;
    },
    get pill() {
      return mounted?.pill ?? null;
    },
    get layout() {
      return layout;
    },
  };
}
