import { toMatchPattern, type CrmFamily } from './hosts';
import type { ShowResponse, ToggleResponse } from './protocol';
import { hostsResponseSchema, toggleResponseSchema, type HostsResponse } from './schemas';

/**
 * What the popup and the options page call (they may ship full zod). Each answer from the
 * background is parsed; anything unexpected becomes `{ ok: false }`.
 */

export interface OverlayClientApi {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  permissions: { request(permissions: { origins: string[] }): Promise<boolean> };
}

/** Shows or hides the overlay in the active tab. */
export function requestOverlayToggle(
  api: Pick<OverlayClientApi, 'runtime'>,
): Promise<ToggleResponse> {
  return askOverlay(api, { type: 'overlay.toggle' });
}

/**
 * Popup: shows the overlay in the active tab, or leaves it shown (never hides it, so a second
 * click or a race with the keyboard shortcut cannot close it).
 */
export function requestOverlayShow(api: Pick<OverlayClientApi, 'runtime'>): Promise<ShowResponse> {
  return askOverlay(api, { type: 'overlay.show' });
}

async function askOverlay(
  api: Pick<OverlayClientApi, 'runtime'>,
  message: { type: 'overlay.toggle' | 'overlay.show' },
): Promise<ToggleResponse> {
  const parsed = toggleResponseSchema.safeParse(
    await api.runtime.sendMessage(message).catch(() => undefined),
  );
  return parsed.success ? parsed.data : { ok: false, reason: 'no-answer' };
}

/**
 * Options page, in a click handler: asks the browser for the host permission (this must be the
 * first thing awaited, or the click's user activation is lost), then has the background store
 * the host and register the content script for it.
 */
export async function addCustomCrmHost(
  api: OverlayClientApi,
  input: { origin: string; crm: CrmFamily },
): Promise<HostsResponse> {
  const pattern = toMatchPattern(input.origin);
  if (pattern === null) return { ok: false, reason: 'invalid-origin' };
  const granted = await api.permissions.request({ origins: [pattern] }).catch(() => false);
  if (!granted) return { ok: false, reason: 'permission-denied' };
  return ask(api, { type: 'overlay.hosts.add', origin: pattern, crm: input.crm });
}

/** Options page: removes a custom host, its registration and its permission. */
export function removeCustomCrmHost(
  api: Pick<OverlayClientApi, 'runtime'>,
  pattern: string,
): Promise<HostsResponse> {
  return ask(api, { type: 'overlay.hosts.remove', pattern });
}

export function listCustomCrmHosts(api: Pick<OverlayClientApi, 'runtime'>): Promise<HostsResponse> {
  return ask(api, { type: 'overlay.hosts.list' });
}

async function ask(
  api: Pick<OverlayClientApi, 'runtime'>,
  message: unknown,
): Promise<HostsResponse> {
  const parsed = hostsResponseSchema.safeParse(
    await api.runtime.sendMessage(message).catch(() => undefined),
  );
  return parsed.success ? parsed.data : { ok: false, reason: 'no-answer' };
}
