import type { OverlayLayout } from '../../lib/messaging/overlay/layout';
import { OVERLAY_CSS } from './styles';

/**
 * The overlay's DOM: a host element with a CLOSED shadow root holding the sidebar iframe (an
 * extension page), its resize handle and the tab that toggles it. Page scripts see an empty
 * element: `host.shadowRoot` is null, `querySelector` cannot reach the iframe, `textContent` and
 * `innerText` show nothing, and a shadow-tree iframe is not in `window.frames`.
 *
 * The overlay covers the page's edge rather than pushing the page aside: CRM apps lay out
 * with fixed, viewport-sized containers, so a margin on the page root would leave their headers,
 * modals and toasts under the sidebar and make every resize relayout the whole app. The tab
 * collapses it to reveal what is underneath.
 */
export interface OverlayFrame {
  readonly host: HTMLElement;
  /** Only the content script holds this (the root is closed). */
  readonly root: ShadowRoot;
  readonly panel: HTMLElement;
  readonly iframe: HTMLIFrameElement;
  readonly handle: HTMLElement;
  readonly tab: HTMLButtonElement;
  apply(layout: OverlayLayout): void;
  destroy(): void;
}

export interface MountOptions {
  /** `browser.runtime.getURL('/sidebar.html')`. */
  src: string;
  layout: OverlayLayout;
  onToggle(): void;
  /** A width the user dragged or keyed to; `done` when the gesture ends (persist then). */
  onResize(width: number, done: boolean): void;
}

const KEY_STEP = 16;

export function mountOverlay(doc: Document, options: MountOptions): OverlayFrame {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className = '') => {
    const node = doc.createElement(tag);
    if (className) node.className = className;
    return node;
  };
  const host = el('div');
  const root = host.attachShadow({ mode: 'closed' });
  const style = el('style');
  style.textContent = OVERLAY_CSS;
  const panel = el('div', 'p');
  const handle = el('div', 'h');
  handle.tabIndex = 0;
  handle.setAttribute('role', 'separator');
  handle.setAttribute('aria-orientation', 'vertical');
  handle.setAttribute('aria-label', 'Resize the Attain sidebar');
  const iframe = el('iframe');
  iframe.title = 'Attain';
  iframe.src = options.src;
  const tab = el('button', 't');
  tab.type = 'button';
  const chevron = el('span');
  tab.append(chevron);
  panel.append(handle, iframe);
  root.append(style, panel, tab);

  let layout = options.layout;
  const view = doc.defaultView;
  const widthAt = (x: number) => (layout.side === 'right' ? (view?.innerWidth ?? 0) - x : x);

  tab.addEventListener('click', () => options.onToggle());
  handle.addEventListener('keydown', (event) => {
    // +1 for the arrow pointing away from the docked edge (wider), -1 for the other.
    const arrow = event.key === 'ArrowLeft' ? -1 : event.key === 'ArrowRight' ? 1 : 0;
    if (!arrow) return;
    event.preventDefault();
    const wider = layout.side === 'right' ? -arrow : arrow;
    options.onResize(layout.width + wider * (event.shiftKey ? 4 : 1) * KEY_STEP, true);
  });
  handle.addEventListener('pointerdown', (down) => {
    if (down.button !== 0) return;
    down.preventDefault();
    handle.setPointerCapture?.(down.pointerId);
    // The iframe would swallow the moves that cross it.
    iframe.style.pointerEvents = 'none';
    const move = (event: PointerEvent) => options.onResize(widthAt(event.clientX), false);
    const end = (event: PointerEvent) => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      iframe.style.pointerEvents = '';
      options.onResize(widthAt(event.clientX), true);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  });

  const apply = (next: OverlayLayout) => {
    layout = next;
    const { side, width, collapsed } = next;
    const right = side === 'right';
    const other = right ? 'left' : 'right';
    panel.style.cssText = `${side}:0;${other}:auto;width:${width}px;flex-direction:row${right ? '' : '-reverse'}${collapsed ? ';visibility:hidden' : ''}`;
    tab.style.cssText = `${side}:${collapsed ? 0 : width}px;${other}:auto;border-radius:${right ? '8px 0 0 8px' : '0 8px 8px 0'}`;
    chevron.textContent = right !== collapsed ? '›' : '‹';
    tab.setAttribute('aria-expanded', String(!collapsed));
    tab.title = collapsed ? 'Show the Attain sidebar' : 'Hide the Attain sidebar';
    tab.setAttribute('aria-label', tab.title);
    handle.setAttribute('aria-valuenow', String(width));
  };
  apply(layout);
  doc.documentElement.append(host);

  return {
    host,
    root,
    panel,
    iframe,
    handle,
    tab,
    apply,
    destroy: () => host.remove(),
  };
}
