import type { BrowserApi, RuntimeMessageListener } from '../../lib/messaging/browser-api';
import type { createPageClient, PageClient } from '../../lib/messaging/client';

type ClientApi = Pick<BrowserApi, 'sendMessage' | 'addMessageListener'>;
type ClientModule = { createPageClient: typeof createPageClient };

/**
 * A `PageClient` whose module (the message protocol and the schemas every answer and event is
 * validated with) is loaded by `load`, e.g. after the page's first paint: requests wait for it;
 * events that arrive meanwhile are kept and validated once it is there, in order, so none is
 * lost and none is delivered unchecked.
 */
export function createLazyPageClient(
  api: ClientApi,
  load: () => Promise<ClientModule>,
): PageClient {
  let module: Promise<ClientModule> | null = null;
  const loaded = () =>
    (module ??= load().catch((error: unknown) => {
      module = null;
      throw error;
    }));
  let client: PageClient | null = null;
  const ready = () => loaded().then((m) => (client ??= m.createPageClient(api)));
  return {
    async request(type, payload) {
      return (await ready()).request(type, payload);
    },
    onEvent(listener) {
      if (client) return client.onEvent(listener);
      let stopped = false;
      let validate: RuntimeMessageListener | null = null;
      const early: Parameters<RuntimeMessageListener>[] = [];
      const stopRaw = api.addMessageListener((...args) => {
        if (validate) return validate(...args);
        early.push(args);
        return false;
      });
      let stopValidated: (() => void) | null = null;
      void loaded().then(
        (m) => {
          if (stopped) return;
          // The real client's listener, fed through the listener registered above.
          stopValidated = m
            .createPageClient({
              sendMessage: (message) => api.sendMessage(message),
              addMessageListener: (inner) => {
                for (const args of early.splice(0)) inner(...args);
                validate = inner;
                return () => {
                  validate = null;
                };
              },
            })
            .onEvent(listener);
        },
        () => {
          // No protocol to validate with: keep nothing, deliver nothing.
          early.length = 0;
          stopRaw();
        },
      );
      return () => {
        stopped = true;
        early.length = 0;
        stopValidated?.();
        stopRaw();
      };
    },
  };
}
