/**
 * The overlay protocol: what the CRM page's content script and the sidebar page (an extension
 * page in an iframe the content script mounts) say to each other over a runtime port, and the
 * one-shot runtime messages around it (toggle, show, locate).
 *
 * This module ships in the content script, so it imports nothing (no zod): the content script
 * checks what it receives with the hand-written parsers below. The sidebar, popup and background
 * parse with the zod schemas in `./schemas`.
 */

/** The name of the port the sidebar opens to its tab's top-frame content script. */
export const OVERLAY_PORT_NAME = 'attain-overlay';
/** The extension page the overlay iframe shows; the only page whose ports are accepted. */
export const SIDEBAR_PATH = '/sidebar.html';
/** The `commands` entry (manifest) that toggles the overlay. */
export const TOGGLE_COMMAND = 'toggle-sidebar';

export const OVERLAY_CRMS = [
  'salesforce-lightning',
  'salesforce-classic',
  'hubspot',
  'dynamics365',
  'pipedrive',
] as const;
export type OverlayCrm = (typeof OVERLAY_CRMS)[number];

/** The deal fields the page shows (the shape of lib/crm's `DealFields`). */
export interface OverlayDealFields {
  amount: number | null;
  currencyIsoCode: string | null;
  stage: string | null;
  closeDate: string | null;
  probability: number | null;
  ownerName: string | null;
  accountName: string | null;
  recordName: string | null;
}

/** The deal record the page shows (the shape of lib/crm's `DetectedRecord`). */
export interface OverlayRecord {
  crm: OverlayCrm;
  objectType: string;
  recordId: string;
  mode: 'view' | 'edit';
  fields: OverlayDealFields;
}

export type DockSide = 'left' | 'right';
export type EstimateTone = 'neutral' | 'positive' | 'caution' | 'negative';
export const ESTIMATE_TONES: readonly EstimateTone[] = [
  'neutral',
  'positive',
  'caution',
  'negative',
];
/** The pill shows at most this many characters. */
export const ESTIMATE_TEXT_MAX = 48;
/** Overlay widths in CSS pixels. */
export const MIN_WIDTH = 280;
export const MAX_WIDTH = 960;
export const DEFAULT_WIDTH = 380;

/** What the status pill shows: plain text (never HTML) and a tone. */
export interface OverlayEstimate {
  text: string;
  tone: EstimateTone;
}

// ——— content script → sidebar (port) ———

/** The deal the page shows, sent on connect and on every change (each keystroke in a field). */
export interface RecordEvent {
  type: 'record';
  /** Null when the page shows no deal record (a list, another object, a settings page). */
  record: OverlayRecord | null;
  url: string;
}

/** Whether the overlay is open, sent on connect and on every change. */
export interface VisibilityEvent {
  type: 'visibility';
  state: 'expanded' | 'collapsed';
  side: DockSide;
  width: number;
}

export type ContentToSidebar = RecordEvent | VisibilityEvent;

// ——— sidebar → content script (port) ———

export type SidebarToContent =
  /** Null clears the pill. */
  | { type: 'estimate'; estimate: OverlayEstimate | null }
  | { type: 'collapse' }
  | { type: 'expand' }
  | { type: 'resize'; width: number }
  | { type: 'dock'; side: DockSide };

// ——— one-shot runtime messages ———

/**
 * Background → the tab's content script (frame 0): collapse an expanded overlay, expand a
 * collapsed one. From the `toggle-sidebar` command (and any extension page, via the background).
 */
export interface ToggleRequest {
  type: 'overlay.toggle';
}
/**
 * Popup → background → the tab's content script: expand the overlay, or leave it expanded.
 * Idempotent, unlike the toggle: "open the sidebar" never closes it.
 */
export interface ShowRequest {
  type: 'overlay.show';
}
/** What the background may ask of the content script. */
export type OverlayRequest = ToggleRequest | ShowRequest;
/**
 * The content script's answer to a toggle or show: the overlay's state after it, or why there is
 * none: `disabled` (the user turned Attain off for this CRM, `OVERLAY_DISABLED`); the background
 * answers `no-tab` or `no-overlay` when no content script answers at all.
 */
export type ToggleResponse = { ok: true; collapsed: boolean } | { ok: false; reason: string };
export type ShowResponse = ToggleResponse;
/** The `reason` of a content script that runs on a CRM the user turned Attain off for. */
export const OVERLAY_DISABLED = 'disabled';

/** Sidebar → background: which tab am I in (fallback where `tabs.getCurrent()` gives nothing). */
export interface LocateRequest {
  type: 'overlay.locate';
}
export type LocateResponse = { ok: true; tabId: number } | { ok: false; reason: string };

// ——— hand-written parsers for the content script ———

type Dict = Record<string, unknown>;

function isDict(value: unknown): value is Dict {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasOnly(value: Dict, keys: readonly string[]): boolean {
  return Object.keys(value).every((key) => keys.includes(key));
}

/** Removes control characters, collapses white space and cuts to `ESTIMATE_TEXT_MAX`. */
export function cleanEstimateText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return flat.replace(/\s+/g, ' ').trim().slice(0, ESTIMATE_TEXT_MAX);
}

function isEstimate(value: unknown): value is OverlayEstimate {
  // Shown with textContent, so any character is inert; only the length is bounded.
  return (
    isDict(value) &&
    hasOnly(value, ['text', 'tone']) &&
    typeof value.text === 'string' &&
    value.text.length <= ESTIMATE_TEXT_MAX &&
    ESTIMATE_TONES.includes(value.tone as EstimateTone)
  );
}

/** Each message type the sidebar may send, with a check of each of its other fields. */
const SIDEBAR_MESSAGES = new Map<string, Record<string, (value: unknown) => boolean>>([
  ['estimate', { estimate: (value) => value === null || isEstimate(value) }],
  ['collapse', {}],
  ['expand', {}],
  [
    'resize',
    {
      width: (value) =>
        typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 10_000,
    },
  ],
  ['dock', { side: (value) => value === 'left' || value === 'right' }],
]);

/**
 * A message the sidebar sent over the overlay port, or null when it is malformed (unknown
 * type, wrong, missing or extra fields). Null messages are ignored and change nothing.
 */
export function parseSidebarMessage(value: unknown): SidebarToContent | null {
  const fields = isDict(value) ? SIDEBAR_MESSAGES.get(value.type as string) : undefined;
  if (!fields) return null;
  const message = value as Dict;
  const keys = Object.keys(fields);
  const valid =
    hasOnly(message, ['type', ...keys]) && keys.every((key) => fields[key]?.(message[key]));
  return valid ? (message as unknown as SidebarToContent) : null;
}

/** The type of the background's toggle or show request, or null for any other runtime message. */
export function overlayRequestType(value: unknown): OverlayRequest['type'] | null {
  return isDict(value) &&
    hasOnly(value, ['type']) &&
    (value.type === 'overlay.toggle' || value.type === 'overlay.show')
    ? value.type
    : null;
}

/**
 * Whether a port sender is this extension's sidebar page: same extension id, and a URL on the
 * extension's own origin (Chrome's static `chrome-extension://<id>/` or the dynamic origin that
 * `runtime.getURL` gives under `use_dynamic_url`; Firefox's `moz-extension://<uuid>/`) whose path
 * is `SIDEBAR_PATH`. Page scripts cannot open runtime ports at all; this refuses other extensions
 * and other pages of this one.
 */
export function isSidebarSender(
  sender: { id?: string | undefined; url?: string | undefined } | undefined,
  extension: { id: string; getURL(path: string): string },
): boolean {
  if (!sender || sender.id !== extension.id || typeof sender.url !== 'string') return false;
  let url: URL;
  let own: URL;
  try {
    url = new URL(sender.url);
    own = new URL(extension.getURL(SIDEBAR_PATH));
  } catch {
    return false;
  }
  // Compared by scheme and host: `URL#origin` is "null" for non-special schemes outside browsers.
  const hosts = new Set([own.host, extension.id]);
  return url.protocol === own.protocol && hosts.has(url.host) && url.pathname === SIDEBAR_PATH;
}
