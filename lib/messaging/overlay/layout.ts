import { DEFAULT_WIDTH, MAX_WIDTH, MIN_WIDTH, type DockSide } from './protocol';

/**
 * How the overlay sits on one CRM host, remembered per host in `browser.storage.local` under
 * `layoutKey(host)`. Not secret: the content script reads and writes it. No zod (content script).
 */
export interface OverlayLayout {
  collapsed: boolean;
  width: number;
  side: DockSide;
}

export const DEFAULT_LAYOUT: OverlayLayout = {
  collapsed: false,
  width: DEFAULT_WIDTH,
  side: 'right',
};

/** The storage key of a host's layout (`location.host`, port included). */
export function layoutKey(host: string): string {
  return `overlay:layout:${host.toLowerCase()}`;
}

/** A stored layout; missing or malformed fields take their defaults. */
export function parseLayout(value: unknown): OverlayLayout {
  const { collapsed, width, side } = Object(value) as Record<string, unknown>;
  return {
    collapsed: typeof collapsed === 'boolean' ? collapsed : DEFAULT_LAYOUT.collapsed,
    width: typeof width === 'number' ? clampWidth(width) : DEFAULT_LAYOUT.width,
    side: side === 'left' || side === 'right' ? side : DEFAULT_LAYOUT.side,
  };
}

/**
 * A width within [MIN_WIDTH, MAX_WIDTH], and leaving at least 120 px of a viewport this wide
 * (a narrow window still shows some of the page); whole pixels.
 */
export function clampWidth(width: number, viewportWidth = Infinity): number {
  const wanted = Number.isFinite(width) ? width : DEFAULT_WIDTH;
  const max = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, viewportWidth - 120));
  return Math.round(Math.min(max, Math.max(MIN_WIDTH, wanted)));
}
