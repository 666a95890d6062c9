import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MessageSender } from '../../lib/messaging';

export { fakeBrowser };

export const extensionOrigin = () => new URL(fakeBrowser.runtime.getURL('/')).origin;

/** A message from one of the extension's pages (the sidebar iframe sits in a CRM tab). */
export const pageSender = (): MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: fakeBrowser.runtime.getURL('/sidebar.html'),
  origin: extensionOrigin(),
  tab: { id: 7 },
  frameId: 3,
});

/** A message from the extension's content script in a CRM page. */
export const contentScriptSender = (): MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: 'https://acme.lightning.force.com/lightning/r/Opportunity/006A000000abcde/view',
  origin: 'https://acme.lightning.force.com',
  tab: {
    id: 7,
    url: 'https://acme.lightning.force.com/lightning/r/Opportunity/006A000000abcde/view',
  },
  frameId: 0,
});

/**
 * Delivers a message to the background's listeners the way Chromium does and resolves with
 * what was passed to `sendResponse` (fakeBrowser's sendMessage returns the listener's return
 * value instead, which Chromium ignores).
 */
export async function deliver(
  message: unknown,
  sender: MessageSender,
): Promise<{ kept: boolean; response: unknown }> {
  let respond!: (value: unknown) => void;
  const answered = new Promise<unknown>((r) => (respond = r));
  // The fake's typing omits sendResponse; Chromium passes it as the third argument.
  const trigger = fakeBrowser.runtime.onMessage.trigger as unknown as (
    ...args: unknown[]
  ) => Promise<unknown[]>;
  const returned = await trigger(message, sender, (r: unknown) => respond(r));
  const kept = returned.some((v: unknown) => v === true);
  const response = kept ? await answered : undefined;
  return { kept, response };
}
