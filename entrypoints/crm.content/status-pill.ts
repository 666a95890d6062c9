import { listenUntil } from '../../lib/crm';
import type { OverlayEstimate, OverlayRecord } from '../../lib/messaging/overlay/protocol';

/**
 * The status pill: the live estimate the sidebar sends, as text in the overlay's closed shadow
 * root (the page's scripts cannot read it). It floats beside the deal's amount input while the
 * rep edits it, and otherwise sits in the overlay's tab.
 *
 * lib/crm does not expose the amount element, so the anchor is inferred: the input the rep
 * typed in just before the detected amount changed. In view mode (no typing) the pill stays in
 * the tab.
 */
export interface StatusPill {
  readonly element: HTMLElement;
  setEstimate(estimate: OverlayEstimate | null): void;
  /** Call with each detection (watchRecord's listener arguments). */
  setRecord(record: OverlayRecord | null, previous: OverlayRecord | null): void;
}

export function createStatusPill(
  doc: Document,
  layer: { root: ShadowRoot; tab: HTMLElement },
  signal: AbortSignal,
): StatusPill {
  const view = doc.defaultView;
  const pill = doc.createElement('span');
  pill.hidden = true;
  layer.tab.append(pill);
  let estimate: OverlayEstimate | null = null;
  let record: OverlayRecord | null = null;
  let typedIn: Element | null = null;
  let anchor: Element | null = null;
  let frame = 0;

  const place = () => {
    frame = 0;
    const floating = anchor?.isConnected === true && !pill.hidden;
    pill.className = `s ${estimate?.tone ?? 'neutral'}${floating ? ' f' : ''}`;
    if (!floating || !anchor) {
      pill.style.cssText = '';
      if (pill.parentNode !== layer.tab) layer.tab.append(pill);
      return;
    }
    if (pill.parentNode !== layer.root) layer.root.append(pill);
    const box = anchor.getBoundingClientRect();
    const height = view?.innerHeight ?? 0;
    const offScreen = box.width === 0 || box.bottom < 0 || box.top > height;
    pill.style.visibility = offScreen ? 'hidden' : '';
    const left = Math.min(box.right + 8, (view?.innerWidth ?? 0) - pill.offsetWidth - 4);
    pill.style.left = `${Math.max(0, left)}px`;
    pill.style.top = `${box.top + box.height / 2 - 9}px`;
  };
  const schedule = () => {
    if (frame || !anchor) return;
    frame = view?.requestAnimationFrame?.(place) ?? 0;
    if (!frame) place();
  };
  const render = () => {
    pill.hidden = !(record && estimate && estimate.text);
    pill.textContent = pill.hidden ? '' : (estimate?.text ?? '');
    place();
  };

  const onInput = (event: Event) => {
    const target = event.composedPath()[0] as Element | undefined;
    if (target?.nodeType === 1 && target.matches('input,textarea,[contenteditable]')) {
      typedIn = target;
    }
  };
  listenUntil(signal, doc, 'input', onInput, true);
  listenUntil(signal, view, 'scroll', schedule, { capture: true, passive: true });
  listenUntil(signal, view, 'resize', schedule);
  signal.addEventListener(
    'abort',
    () => {
      if (frame) view?.cancelAnimationFrame?.(frame);
    },
    { once: true },
  );

  return {
    element: pill,
    setEstimate(next) {
      estimate = next;
      render();
    },
    setRecord(next, previous) {
      record = next;
      const sameRecord = next !== null && previous?.recordId === next.recordId;
      if (!sameRecord) anchor = null;
      else if (previous.fields.amount !== next.fields.amount && typedIn?.isConnected) {
        anchor = typedIn;
      }
      render();
    },
  };
}
