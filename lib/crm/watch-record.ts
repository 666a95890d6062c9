import { detectLive, type LiveDetection } from './detect-record';
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
  /**
   * Defers and coalesces a detection after DOM mutations, focus changes and navigation;
   * default: the next animation frame, else a microtask. Typing (`input`, `change`) is read
   * at once instead: in a microtask, so a burst dispatched in one task is still one detection.
   */
  schedule?: (run: () => void) => void;
  /**
   * Detect once synchronously, before `watchRecord` returns (reporting a record to `onChange`
   * then, not a null), instead of on the first scheduled run.
   */
  immediate?: boolean;
  /** Called when a detection throws; default: rethrown asynchronously so the watch goes on. */
  onError?: (error: unknown) => void;
}

export type RecordChangeListener = (
  record: DetectedRecord | null,
  previous: DetectedRecord | null,
) => void;

const TYPING_EVENTS = ['input', 'change'] as const;
const FOCUS_EVENTS = ['focusin', 'focusout'] as const;
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
 * open shadow roots), `popstate`/`hashchange` and a URL poll only *request* a detection, and
 * `onChange` runs only when the result differs.
 *
 * Typing is on the keystroke → estimate path, so it is read in a microtask (not the next
 * frame), and when nothing but the value of a control the last detection read has changed
 * since, only that control is read again (`LiveDetection.retype`). Everything else (mutations,
 * focus, navigation) is coalesced with `schedule` (a frame) and reads the whole record.
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
  // Detections are plain data built in one key order (`recordOfReading`, `toDealFields`), so
  // equal JSON means an equal detection.
  let lastJson = 'null';
  let lastUrl: string | undefined;
  let live: LiveDetection | null = null;
  /** Something may have changed since the last detection. */
  let dirty = false;
  /** Something other than the value of a typed-in control may have changed. */
  let structural = true;
  /** Controls typed in since the last detection. */
  const typed = new Set<Element>();
  let scheduled = false;
  let queued = false;

  const run = () => {
    if (!dirty || signal.aborted) return;
    dirty = false;
    let next: DetectedRecord | null | undefined;
    try {
      // Only typing since the last detection: re-read the controls typed in, if it read them.
      if (!structural && live && getUrl() === lastUrl) {
        for (const control of typed) if ((next = live.retype(control)) === undefined) break;
      }
      if (next === undefined) {
        live = null;
        lastUrl = getUrl();
        live = detectLive(lastUrl, doc, options);
        next = live.record;
      }
    } catch (error) {
      onError(error);
      return;
    } finally {
      structural = false;
      typed.clear();
    }
    const json = JSON.stringify(next);
    if (json === lastJson) return;
    const previous = last;
    last = next;
    lastJson = json;
    onChange(next, previous);
  };
  /** A change that may be anywhere: read the whole record in the next frame. */
  const request = () => {
    dirty = structural = true;
    if (scheduled) return;
    scheduled = true;
    schedule(() => {
      scheduled = false;
      run();
    });
  };
  /** Typing: read now (in a microtask, so a burst in one task is one detection). */
  const typing = (event: Event) => {
    const target = event.composedPath()[0] as Element;
    if (target.nodeType === 1) typed.add(target);
    else structural = true;
    dirty = true;
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      run();
    });
  };

  const Observer = view?.MutationObserver ?? globalThis.MutationObserver;
  const shadowRoots = new Set<ShadowRoot>();
  const watchShadowRoots = (root: Node & ParentNode) => {
    for (const found of deepScope(root).roots()) {
      if (!isShadowRoot(found) || shadowRoots.has(found)) continue;
      shadowRoots.add(found);
      observer.observe(found, OBSERVE);
      listenUntil(signal, found, 'change', typing, true);
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

  for (const type of TYPING_EVENTS) listenUntil(signal, doc, type, typing, true);
  for (const type of FOCUS_EVENTS) listenUntil(signal, doc, type, request, true);
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
  if (options.immediate) {
    dirty = true;
    run();
  } else request();
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
