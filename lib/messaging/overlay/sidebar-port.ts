import {
  OVERLAY_PORT_NAME,
  cleanEstimateText,
  type DockSide,
  type OverlayEstimate,
  type OverlayRecord,
  type SidebarToContent,
  type VisibilityEvent,
} from './protocol';
import { contentToSidebarSchema, locateResponseSchema } from './schemas';

/**
 * The sidebar page's end of the overlay channel (React-free; the UI wraps it in a hook). The
 * sidebar runs in an iframe the content script mounted on the CRM page; it finds its tab
 * (`tabs.getCurrent()`, else asks the background) and opens a runtime port to that tab's top
 * frame. Page scripts can neither open nor read that port. Never listen to `window` `message`
 * events for data: the CRM page can post those.
 */

interface Event<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}

export interface OverlayPortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: Event<(message: unknown) => void>;
  onDisconnect: Event<() => void>;
}

/** The part of `browser` the sidebar end uses (`browser` itself satisfies it). */
export interface SidebarPortApi {
  runtime: { sendMessage(message: unknown): Promise<unknown>; lastError?: unknown };
  tabs: {
    getCurrent(): Promise<{ id?: number } | undefined>;
    connect(tabId: number, info: { frameId?: number; name?: string }): OverlayPortLike;
  };
}

export type OverlayVisibility = Omit<VisibilityEvent, 'type'>;

export interface OverlayHandlers {
  /** The deal the page shows (null: not a deal record), on connect and on every change. */
  onRecord(record: OverlayRecord | null, url: string): void;
  /** Expanded or collapsed, side and width, on connect and on every change. */
  onVisibility(visibility: OverlayVisibility): void;
  /** The overlay could not be reached and reconnecting was given up. */
  onDisconnect?(): void;
}

export interface OverlayConnection {
  /**
   * True once the page's content script has answered, false when it never does (the sidebar was
   * opened outside an Attain overlay, e.g. embedded by another site). Show no user data before
   * it is true.
   */
  ready: Promise<boolean>;
  /** Shows the estimate in the page's status pill (null hides it). Text only, never HTML. */
  sendEstimate(estimate: OverlayEstimate | null): void;
  collapse(): void;
  expand(): void;
  resize(width: number): void;
  dock(side: DockSide): void;
  close(): void;
}

export interface ConnectOptions {
  /** Delays between reconnection attempts; default 250 ms, 1 s, 3 s, then give up. */
  retryDelaysMs?: readonly number[];
}

export function connectOverlay(
  api: SidebarPortApi,
  handlers: OverlayHandlers,
  options: ConnectOptions = {},
): OverlayConnection {
  const delays = options.retryDelaysMs ?? [250, 1000, 3000];
  let port: OverlayPortLike | null = null;
  let tabId: number | undefined;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastEstimate: OverlayEstimate | null | undefined;
  /** Sent once connected: the latest state change the sidebar asked for while disconnected. */
  const pending = new Map<string, SidebarToContent>();
  let settleReady: (ok: boolean) => void = () => undefined;
  const ready = new Promise<boolean>((resolve) => {
    settleReady = resolve;
  });

  const onMessage = (raw: unknown) => {
    const parsed = contentToSidebarSchema.safeParse(raw);
    if (!parsed.success) return;
    attempt = 0;
    settleReady(true);
    const message = parsed.data;
    if (message.type === 'record') handlers.onRecord(message.record, message.url);
    else handlers.onVisibility({ state: message.state, side: message.side, width: message.width });
  };
  const onDisconnect = () => {
    void api.runtime.lastError; // read, so Chrome does not log an unchecked error
    port = null;
    if (!closed) retry();
  };
  const retry = () => {
    const delay = delays[attempt];
    attempt += 1;
    if (delay === undefined) {
      settleReady(false);
      handlers.onDisconnect?.();
      return;
    }
    timer = setTimeout(() => void open(), delay);
  };
  const open = async () => {
    try {
      tabId ??= await locateTab(api);
      if (closed) return;
      if (tabId === undefined) return retry();
      const next = api.tabs.connect(tabId, { frameId: 0, name: OVERLAY_PORT_NAME });
      next.onMessage.addListener(onMessage);
      next.onDisconnect.addListener(onDisconnect);
      port = next;
      if (lastEstimate !== undefined)
        next.postMessage({ type: 'estimate', estimate: lastEstimate });
      for (const message of pending.values()) next.postMessage(message);
      pending.clear();
    } catch {
      if (!closed) retry();
    }
  };
  const send = (key: string, message: SidebarToContent) => {
    if (closed) return;
    if (port) port.postMessage(message);
    else pending.set(key, message);
  };

  void open();
  return {
    ready,
    sendEstimate(estimate) {
      const clean = estimate && { text: cleanEstimateText(estimate.text), tone: estimate.tone };
      lastEstimate = clean;
      if (port && !closed) port.postMessage({ type: 'estimate', estimate: clean });
    },
    collapse: () => send('state', { type: 'collapse' }),
    expand: () => send('state', { type: 'expand' }),
    resize: (width) => send('resize', { type: 'resize', width }),
    dock: (side) => send('dock', { type: 'dock', side }),
    close() {
      closed = true;
      clearTimeout(timer);
      settleReady(false);
      port?.disconnect();
      port = null;
    },
  };
}

async function locateTab(api: SidebarPortApi): Promise<number | undefined> {
  const tab = await api.tabs.getCurrent().catch(() => undefined);
  if (tab?.id !== undefined) return tab.id;
  // Where an iframe gets no tab from getCurrent, the background reads sender.tab.
  const answer = locateResponseSchema.safeParse(
    await api.runtime.sendMessage({ type: 'overlay.locate' }),
  );
  return answer.success && answer.data.ok ? answer.data.tabId : undefined;
}
