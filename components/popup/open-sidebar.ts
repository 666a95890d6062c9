import type { ShowResponse } from '../../lib/messaging/overlay/protocol';
import { OVERLAY_DISABLED } from '../../lib/messaging/overlay/protocol';

/** What happened when the popup asked to open the sidebar on the current tab. */
export type OpenSidebarResult = 'opened' | 'notCrm' | 'disabled' | 'failed';

/**
 * The popup's reading of the answer to `overlay.show` (lib/messaging/overlay): shown, not a
 * page Attain runs on (no tab, or no content script answered), a CRM the user turned Attain off
 * for in Settings, or a failure (the background did not answer, or the overlay stayed collapsed).
 */
export function openSidebarResult(answer: ShowResponse): OpenSidebarResult {
  if (answer.ok) return answer.collapsed ? 'failed' : 'opened';
  if (answer.reason === OVERLAY_DISABLED) return 'disabled';
  return answer.reason === 'no-overlay' || answer.reason === 'no-tab' ? 'notCrm' : 'failed';
}
