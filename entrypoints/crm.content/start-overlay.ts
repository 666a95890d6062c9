import { detectRecord, sameDetection, watchRecord, type DetectedRecord } from '../../lib/crm';
import { CUSTOM_HOSTS_KEY, parseCustomHosts } from '../../lib/messaging/overlay/hosts';
import {
  clampWidth,
  layoutKey,
  parseLayout,
  type OverlayLayout,
} from '../../lib/messaging/overlay/layout';
import {
  SIDEBAR_PATH,
  isToggleRequest,
  type ContentToSidebar,
  type SidebarToContent,
} from '../../lib/messaging/overlay/protocol';
import { crmUrlReader } from './crm-url';
import { mountOverlay, type OverlayFrame } from './overlay-frame';
import { openSidebarChannel, type ChannelRuntime } from './sidebar-channel';
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
  frame: OverlayFrame;
  pill: StatusPill;
  readonly layout: OverlayLayout;
}

/**
 * Starts the overlay on this page, or returns null when the page is not a CRM app page (or not
 * the top frame). Everything is torn down when `signal` aborts (WXT invalidates the context when
 * the extension is reloaded or a newer copy of the script starts).
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
  // the overlay: it then runs on the static hosts with the default layout.
  const stored = await api.storage.local
    .get([storageKey, CUSTOM_HOSTS_KEY])
    .catch((): Record<string, unknown> => ({}));
  const readUrl = crmUrlReader(view.location, parseCustomHosts(stored[CUSTOM_HOSTS_KEY]));
  if (signal.aborted || !readUrl) return null;

  /** The user's layout for this host; the width shown is also clamped to the window. */
  let layout = parseLayout(stored[storageKey]);
  /** Known from the start, so a sidebar that connects at once hears "not a deal" too. */
  let record: DetectedRecord | null = detectNow(readUrl, doc);
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
  const recordEvent = (): ContentToSidebar => ({
    type: 'record',
    record,
    url: view.location.href,
  });

  /** Applies a layout; `persist` at the end of a gesture (never while dragging). */
  const setLayout = (next: OverlayLayout, persist: boolean) => {
    layout = parseLayout(next);
    frame.apply(shown());
    if (!persist) return;
    channel.broadcast(visibility());
    void api.storage.local.set({ [storageKey]: layout }).catch(() => undefined);
  };

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
    signal,
  );
  const frame = mountOverlay(doc, {
    src: api.runtime.getURL(SIDEBAR_PATH),
    layout: shown(),
    onToggle: () => setLayout({ ...layout, collapsed: !layout.collapsed }, true),
    onResize: (width, done) => setLayout({ ...layout, width }, done),
  });
  const pill = createStatusPill(doc, frame, signal);
  pill.setRecord(record, null);

  const onToggleMessage = (
    message: unknown,
    sender: { id?: string },
    sendResponse: (response?: unknown) => void,
  ) => {
    if (sender.id !== api.runtime.id || !isToggleRequest(message)) return undefined;
    setLayout({ ...layout, collapsed: !layout.collapsed }, true);
    sendResponse({ ok: true, collapsed: layout.collapsed });
    return false;
  };
  const onStorageChanged = (changes: StorageChanges, area: string) => {
    const change = changes[storageKey];
    if (area !== 'local' || !change) return;
    // Another tab of this host, or the options page, changed the layout (or this tab did).
    const next = parseLayout(change.newValue);
    if (sameLayout(next, layout)) return;
    setLayout(next, false);
    channel.broadcast(visibility());
  };
  const onWindowResize = () => frame.apply(shown());
  api.runtime.onMessage.addListener(onToggleMessage);
  api.storage.onChanged.addListener(onStorageChanged);
  view.addEventListener('resize', onWindowResize);
  signal.addEventListener(
    'abort',
    () => {
      api.runtime.onMessage.removeListener(onToggleMessage);
      api.storage.onChanged.removeListener(onStorageChanged);
      view.removeEventListener('resize', onWindowResize);
      frame.destroy();
    },
    { once: true },
  );

  watchRecord(
    doc,
    (next) => {
      if (sameDetection(record, next)) return;
      const previous = record;
      record = next;
      pill.setRecord(next, previous);
      channel.broadcast(recordEvent());
    },
    { signal, getUrl: readUrl },
  );

  return {
    frame,
    pill,
    get layout() {
      return layout;
    },
  };
}

function sameLayout(a: OverlayLayout, b: OverlayLayout): boolean {
  return a.collapsed === b.collapsed && a.side === b.side && a.width === b.width;
}

function detectNow(readUrl: () => string, doc: Document): DetectedRecord | null {
  try {
    return detectRecord(readUrl(), doc);
  } catch {
    return null; // watchRecord reports it and tries again on the next change
  }
}
