import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { CRM_MATCHES } from '../../lib/messaging/overlay/hosts';
import { overlayLifetime } from './lifetime';
import { startOverlay } from './start-overlay';

/**
 * The overlay content script (top frame only): on a CRM page it mounts the Attain sidebar in a
 * closed shadow root, keeps it informed of the deal being edited and shows the live estimate in
 * a status pill. Also registered at run time for the hosts a user adds (see
 * lib/messaging/overlay/dynamic-hosts.ts). No React, Dexie or zod here: see README.md.
 */
export default defineContentScript({
  matches: CRM_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    // Not ctx.signal: the page can invalidate ctx (see lifetime.ts).
    const signal = overlayLifetime({
      doc: document,
      ctx,
      // ContentScriptContext's static (public at run time, private in WXT's types).
      scriptStartedEvent: (ctx.constructor as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string })
        .SCRIPT_STARTED_MESSAGE_TYPE,
      extensionId: () => browser.runtime?.id,
    });
    void startOverlay({ api: browser, doc: document, signal });
  },
});
