/**
 * Adds `listener` to `target` (nothing when there is no target) and removes it when `signal`
 * aborts. Unlike the `signal` listener option, it works with a signal from another realm (a test
 * window, a content-script world).
 */
export function listenUntil(
  signal: AbortSignal,
  target: EventTarget | null | undefined,
  type: string,
  listener: EventListener,
  options: AddEventListenerOptions | boolean = false,
): void {
  target?.addEventListener(type, listener, options);
  signal.addEventListener('abort', () => target?.removeEventListener(type, listener, options), {
    once: true,
  });
}
