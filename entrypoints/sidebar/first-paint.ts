import type { QueryClient } from '@tanstack/react-query';

let resolvePainted: () => void = () => undefined;

/**
 * Resolves once the sidebar has painted its first view with that view's data (see
 * `watchFirstPaint`). What the first paint does not need waits for it: the other views, the
 * activity bar's badges, the message protocol's schemas, the live queries' watchers, the sync
 * the sidebar asks for when it opens.
 */
export const firstPaint = new Promise<void>((resolve) => {
  resolvePainted = resolve;
});

/** After the next frame has been painted: the task after the next animation frame. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
  });
}

/** When no query is fetching (at once when none is). */
function quiet(queryClient: QueryClient): Promise<void> {
  return new Promise((resolve) => {
    if (queryClient.isFetching() === 0) return resolve();
    const stop = queryClient.getQueryCache().subscribe(() => {
      if (queryClient.isFetching() > 0) return;
      stop();
      resolve();
    });
  });
}

let watching = false;

/**
 * Call once the workbench is mounted (the overlay has answered): `firstPaint` resolves when no
 * read is running any more and a frame has been painted since, i.e. the view shows what it
 * read. A read a render starts (My numbers reads the statement inputs once the user is known)
 * shows up as fetching again after that frame, and is waited for too. After `timeoutMs` it
 * resolves anyway, so nothing waits forever on a read that hangs.
 */
export function watchFirstPaint(queryClient: QueryClient, timeoutMs = 5_000): void {
  if (watching) return;
  watching = true;
  const timer = setTimeout(resolvePainted, timeoutMs);
  void (async () => {
    for (;;) {
      await quiet(queryClient);
      await nextPaint();
      if (queryClient.isFetching() === 0) break;
    }
    clearTimeout(timer);
    resolvePainted();
  })();
}
