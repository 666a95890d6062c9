import { vi, type Mock } from 'vitest';

/** Small in-memory stand-ins for the runtime APIs fakeBrowser does not implement (ports). */

export interface FakeEvent<F extends (...args: never[]) => unknown> {
  addListener(listener: F): void;
  removeListener(listener: F): void;
  hasListeners(): boolean;
  fire(...args: Parameters<F>): ReturnType<F>[];
}

export function fakeEvent<F extends (...args: never[]) => unknown>(): FakeEvent<F> {
  const listeners = new Set<F>();
  return {
    addListener: (listener) => void listeners.add(listener),
    removeListener: (listener) => void listeners.delete(listener),
    hasListeners: () => listeners.size > 0,
    fire: (...args) => [...listeners].map((listener) => listener(...args) as ReturnType<F>),
  };
}

/** One end of a runtime port: what is posted on it, and how to deliver to it. */
export interface FakePort {
  name: string;
  sender?: { id?: string; url?: string };
  postMessage: Mock<(message: unknown) => void>;
  disconnect: Mock<() => void>;
  onMessage: FakeEvent<(message: unknown) => void>;
  onDisconnect: FakeEvent<() => void>;
  /** Messages posted on this end. */
  posted(): unknown[];
  connected: boolean;
}

export function fakePort(name: string, sender?: { id?: string; url?: string }): FakePort {
  const port: FakePort = {
    name,
    ...(sender ? { sender } : {}),
    postMessage: vi.fn<(message: unknown) => void>(),
    disconnect: vi.fn<() => void>(() => {
      port.connected = false;
    }),
    onMessage: fakeEvent(),
    onDisconnect: fakeEvent(),
    posted: () => port.postMessage.mock.calls.map(([message]) => message as unknown),
    connected: true,
  };
  return port;
}

export const EXTENSION_ID = 'test-extension-id';
export const SIDEBAR_URL = `chrome-extension://${EXTENSION_ID}/sidebar.html`;

/** Lets microtasks, animation frames (jsdom: ~16 ms timers) and short timers run. */
export const settle = (ms = 40) => new Promise((resolve) => setTimeout(resolve, ms));
