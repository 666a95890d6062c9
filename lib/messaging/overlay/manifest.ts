import { LOOPBACK_HOSTS } from './hosts';
import { SIDEBAR_PATH, TOGGLE_COMMAND } from './protocol';

/**
 * The overlay's manifest entries, spread into `wxt.config.ts` (the content script's own
 * `matches` come from `entrypoints/crm.content/index.ts`). See README.md for why each is needed.
 */

/** Hosts a user may add in options (granted at run time; http only for loopback, see hosts.ts). */
export const OVERLAY_OPTIONAL_HOSTS = ['https://*/*', 'http://*/*'];

export const OVERLAY_MANIFEST = {
  optional_host_permissions: OVERLAY_OPTIONAL_HOSTS,
  /**
   * The sidebar must be embeddable on every host the overlay may run on, custom hosts included,
   * and those are only known at run time: any https page, and loopback over http. What keeps
   * other sites from framing it: Chrome serves it only under a per-session random origin
   * (`use_dynamic_url`), Firefox under a per-install random UUID, and the sidebar shows no user
   * data until the content script of its own tab has answered on the overlay port.
   */
  web_accessible_resources: [
    {
      resources: [SIDEBAR_PATH.slice(1)],
      matches: ['https://*/*', ...LOOPBACK_HOSTS.map((host) => `http://${host}/*`)],
      use_dynamic_url: true,
    },
  ],
  commands: {
    [TOGGLE_COMMAND]: {
      suggested_key: { default: 'Alt+Shift+A' },
      description: 'Show or hide the Attain sidebar',
    },
  },
};

interface ManifestWithResources {
  web_accessible_resources?: unknown[];
}

/** Firefox has no `use_dynamic_url` (its extension origin is already a per-install UUID). */
export function stripChromeOnlyOverlayKeys(browser: string, manifest: object): void {
  if (browser !== 'firefox') return;
  for (const entry of (manifest as ManifestWithResources).web_accessible_resources ?? []) {
    if (typeof entry === 'object' && entry !== null && 'use_dynamic_url' in entry) {
      delete (entry as { use_dynamic_url?: boolean }).use_dynamic_url;
    }
  }
}
