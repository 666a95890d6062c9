/**
 * How long the overlay lives. WXT's content-script context (`ctx`) is invalidated by a document
 * event named `<extension id>:crm:wxt:content-script-started`, which a newer copy of this script
 * sends when it starts (after an extension update or reload), and WXT posts that very name to
 * the page with `window.postMessage` when the script starts. So the page's own scripts can send
 * the event and stop the overlay. The overlay therefore stops only when such an invalidation
 * comes while this script's extension context is gone (`runtime.id` undefined: the extension
 * was updated, reloaded or removed); a forged event changes nothing.
 */
export interface OverlayLifetimeOptions {
  doc: Document;
  /** WXT's `ctx` (only its invalidation is used). */
  ctx: { onInvalidated(callback: () => void): () => void };
  /** WXT's event name for a newer copy of the script starting (`SCRIPT_STARTED_MESSAGE_TYPE`). */
  scriptStartedEvent: string;
  /** This script's extension id now (`browser.runtime?.id`): undefined once it is orphaned. */
  extensionId(): string | undefined;
}

export function overlayLifetime(options: OverlayLifetimeOptions): AbortSignal {
  const controller = new AbortController();
  const check = () => {
    if (options.extensionId() !== undefined || controller.signal.aborted) return;
    controller.abort('the extension was updated, reloaded or removed');
    options.doc.removeEventListener(options.scriptStartedEvent, check);
  };
  // WXT's context is invalidated once: later starts of a newer script are heard directly.
  options.ctx.onInvalidated(check);
  options.doc.addEventListener(options.scriptStartedEvent, check);
  return controller.signal;
}
