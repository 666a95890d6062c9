import { detectRecord, sameDetection } from './detect-record';
import { deepScope, isShadowRoot } from './dom-text';
import { listenUntil } from './listen-until';
import type { DetectOptions, DetectedRecord } from './types';

export interface WatchRecordOptions extends DetectOptions {
  /** Everything is torn down when it aborts. */
  signal: AbortSignal;
  /** The page URL; defaults to `doc.defaultView.location.href`. */
  getUrl?: () => string;
  /**
   * How often to compare the URL, as a backstop: `history.pushState` in the page's world
   * cannot be observed from an isolated world, and an SPA may navigate without a DOM change.
   */
  urlPollMs?: number;
  /** Defers and coalesces a detection; default: the next animation frame, else a microtask. */
  schedule?: (run: () => void) => void;
  /** Called when a detection throws; default: rethrown asynchronously so the watch goes on. */
  onError?: (error: unknown) => void;
}

export type RecordChangeListener = (
  record: DetectedRecord | null,
  previous: DetectedRecord | null,
) => void;

const TRIGGER_EVENTS = ['input', 'change', 'focusin', 'focusout'] as const;
const NAVIGATION_EVENTS = ['popstate', 'hashchange'] as const;
const OBSERVE: MutationObserverInit = {
  subtree: true,
  childList: true,
  characterData: true,
  attributes: true,
  attributeFilter: ['class', 'hidden', 'style', 'value', 'data-value', 'aria-current', 'title'],
};

/**
 * Reports the deal record the page shows whenever it or any of its field values changes:
 * the first detection, each keystroke in a field, picks, re-renders, navigation to another
 * record (`null` when the page stops showing one). Typing, mutations (in the document and in
 * open shadow roots), `popstate`/`hashchange` and a URL poll only *request* a detection; requests
 * are coalesced to one per animation frame, and `onChange` runs only when the result differs.
 */
export function watchRecord(
  doc: Document,
  onChange: RecordChangeListener,
  options: WatchRecordOptions,
): void {
  const { signal } = options;
  if (signal.aborted) return;
  const view = doc.defaultView;
  const getUrl = options.getUrl ?? (() => view?.location.href ?? doc.URL);
  const schedule = options.schedule ?? defaultSchedule(view);
  const onError = options.onError ?? rethrowLater;

  let last: DetectedRecord | null = null;
  let lastUrl: string | undefined;
  let pending = false;

  const run = () => {
    pending = false;
    if (signal.aborted) return;
    let next: DetectedRecord | null;
    try {
      lastUrl = getUrl();
      next = detectRecord(lastUrl, doc, options);
    } catch (error) {
      onError(error);
      return;
    }
    if (sameDetection(last, next)) return;
    const previous = last;
    last = next;
    onChange(next, previous);
  };
  const request = () => {
    if (pending || signal.aborted) return;
    pending = true;
    schedule(run);
  };

  const Observer = view?.MutationObserver ?? globalThis.MutationObserver;
  const shadowRoots = new Set<ShadowRoot>();
  const watchShadowRoots = (root: Node & ParentNode) => {
    for (const found of deepScope(root).roots()) {
      if (!isShadowRoot(found) || shadowRoots.has(found)) continue;
      shadowRoots.add(found);
      observer.observe(found, OBSERVE);
      listenUntil(signal, found, 'change', request, true);
    }
  };
  const observer = new Observer((records) => {
    for (const record of records) {
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType === 1) watchShadowRoots(node as Element);
      }
    }
    request();
  });
  observer.observe(doc, OBSERVE);
  watchShadowRoots(doc);

  for (const type of TRIGGER_EVENTS) listenUntil(signal, doc, type, request, true);
  for (const type of NAVIGATION_EVENTS) listenUntil(signal, view, type, request);
  const poll = setInterval(() => {
    try {
      if (getUrl() !== lastUrl) request();
    } catch (error) {
      onError(error);
    }
  }, options.urlPollMs ?? 1000);

  signal.addEventListener(
    'abort',
    () => {
      clearInterval(poll);
      observer.disconnect();
      shadowRoots.clear();
    },
    { once: true },
  );
  request();
}

function defaultSchedule(view: (Window & typeof globalThis) | null): (run: () => void) => void {
  if (view && typeof view.requestAnimationFrame === 'function') {
    return (run) => view.requestAnimationFrame(() => run());
  }
  return (run) => queueMicrotask(run);
}

function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}
