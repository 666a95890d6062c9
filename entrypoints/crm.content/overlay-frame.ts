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
    const step = (event.shiftKey ? 4 : 1) * KEY_STEP;
    const wider = layout.side === 'right' ? 'ArrowLeft' : 'ArrowRight';
    const narrower = layout.side === 'right' ? 'ArrowRight' : 'ArrowLeft';
    if (event.key !== wider && event.key !== narrower) return;
    event.preventDefault();
    options.onResize(layout.width + (event.key === wider ? step : -step), true);
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
    const other = side === 'right' ? 'left' : 'right';
    panel.style.setProperty(side, '0');
    panel.style.setProperty(other, 'auto');
    panel.style.width = `${width}px`;
    panel.style.flexDirection = side === 'right' ? 'row' : 'row-reverse';
    panel.style.visibility = collapsed ? 'hidden' : '';
    tab.style.setProperty(side, collapsed ? '0' : `${width}px`);
    tab.style.setProperty(other, 'auto');
    tab.style.borderRadius = side === 'right' ? '8px 0 0 8px' : '0 8px 8px 0';
    const pointsRight = (side === 'right') !== collapsed;
    chevron.textContent = pointsRight ? '›' : '‹';
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
