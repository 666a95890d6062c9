import {
  OVERLAY_PORT_NAME,
  isSidebarSender,
  parseSidebarMessage,
  type ContentToSidebar,
  type SidebarToContent,
} from '../../lib/messaging/overlay/protocol';

interface Event<F> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
}

/** A runtime port as the content script sees it (`browser.runtime.Port` satisfies it). */
export interface OverlayPort {
  name: string;
  sender?: { id?: string; url?: string };
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: Event<(message: unknown) => void>;
  onDisconnect: Event<() => void>;
}

export interface ChannelRuntime {
  id: string;
  getURL(path: string): string;
  lastError?: unknown;
  onConnect: Event<(port: OverlayPort) => void>;
}

export interface SidebarChannel {
  /** Sends to every connected sidebar port. */
  broadcast(message: ContentToSidebar): void;
  readonly size: number;
}

/** More than one port can only be a reloading sidebar; the oldest is dropped. */
const MAX_PORTS = 3;

/**
 * The content script's end of the overlay channel. It accepts `runtime.onConnect` ports named
 * `attain-overlay` only from this extension's sidebar page (`isSidebarSender`); page scripts
 * cannot open runtime ports at all, and the content script never listens to `window` messages.
 * Each message is parsed where it arrives; malformed ones are dropped.
 */
export function openSidebarChannel(
  runtime: ChannelRuntime,
  handlers: { onMessage(message: SidebarToContent): void; onConnect(port: OverlayPort): void },
  signal: AbortSignal,
): SidebarChannel {
  const ports = new Set<OverlayPort>();
  const accept = (port: OverlayPort) => {
    if (port.name !== OVERLAY_PORT_NAME) return;
    if (!isSidebarSender(port.sender, runtime)) {
      port.disconnect();
      return;
    }
    for (const old of ports) {
      if (ports.size < MAX_PORTS) break;
      ports.delete(old);
      old.disconnect();
    }
    ports.add(port);
    port.onMessage.addListener((raw) => {
      const message = parseSidebarMessage(raw);
      if (message && ports.has(port)) handlers.onMessage(message);
    });
    port.onDisconnect.addListener(() => {
      void runtime.lastError; // read, so Chrome does not log an unchecked error
      ports.delete(port);
    });
    handlers.onConnect(port);
  };
  runtime.onConnect.addListener(accept);
  signal.addEventListener(
    'abort',
    () => {
      runtime.onConnect.removeListener(accept);
      for (const port of ports) port.disconnect();
      ports.clear();
    },
    { once: true },
  );
  return {
    broadcast(message) {
      for (const port of ports) {
        try {
          port.postMessage(message);
        } catch {
          ports.delete(port);
        }
      }
    },
    get size() {
      return ports.size;
    },
  };
}
