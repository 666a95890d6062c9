import { listenUntil } from '../../lib/crm';
import type { OverlayEstimate, OverlayRecord } from '../../lib/messaging/overlay/protocol';
import { MAX_PILL_WIDTH } from './styles';

/**
 * The status pill: the live estimate the sidebar sends, as text in the overlay's closed shadow
 * root (the page's scripts cannot read it). It floats beside the deal's amount input while the
 * rep edits it, and otherwise sits in the overlay's tab.
 *
 * lib/crm does not expose the amount element, so the anchor is inferred: the input the rep
 * typed in just before the detected amount changed. In view mode (no typing) the pill stays in
 * the tab. Its text follows each estimate at once; its position is measured in an animation
 * frame, and only when the anchor changed or the page scrolled or resized: measuring the
 * anchor forces a layout of the CRM page.
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
  /** The anchor the pill was last placed beside (null: place it again). */
  let placedBy: Element | null = null;

  /** Measures the anchor (a layout of the page): only in a frame, and only when it moved. */
  const place = () => {
    frame = 0;
    if (!anchor?.isConnected || pill.parentNode !== layer.root) return;
    placedBy = anchor;
    const box = anchor.getBoundingClientRect();
    const offScreen = box.width === 0 || box.bottom < 0 || box.top > (view?.innerHeight ?? 0);
    pill.style.visibility = offScreen ? 'hidden' : '';
    // As if the pill were as wide as it can be, so its text can change without a new layout.
    const left = Math.min(box.right + 8, (view?.innerWidth ?? 0) - MAX_PILL_WIDTH - 4);
    pill.style.left = `${Math.max(0, left)}px`;
    pill.style.top = `${box.top + box.height / 2 - 9}px`;
  };
  const schedule = () => {
    if (frame || !anchor) return;
    frame = view?.requestAnimationFrame?.(place) ?? 0;
    if (!frame) place();
  };
  /** Text and docking at once; the position in a frame, when the anchor changed. */
  const render = () => {
    const text = record && estimate?.text ? estimate.text : '';
    pill.hidden = !text;
    if (pill.textContent !== text) pill.textContent = text;
    const floating = anchor?.isConnected === true && !!text;
    pill.className = `s ${estimate?.tone ?? 'neutral'}${floating ? ' f' : ''}`;
    if (floating) {
      if (pill.parentNode !== layer.root) layer.root.append(pill);
      if (anchor !== placedBy) schedule();
    } else if (pill.parentNode !== layer.tab) {
      placedBy = null;
      pill.style.cssText = '';
      layer.tab.append(pill);
    }
  };

  const onInput = (event: Event) => {
    const target = event.composedPath()[0] as Element | undefined;
    if (target?.nodeType === 1 && target.matches('input,textarea,[contenteditable]')) {
      typedIn = target;
    }
  };
  listenUntil(signal, doc, 'input', onInput, true);
  const moved = () => {
    placedBy = null;
    schedule();
  };
  listenUntil(signal, view, 'scroll', moved, { capture: true, passive: true });
  listenUntil(signal, view, 'resize', moved);
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
