import { classifyUrl } from '../../lib/crm';
import { matchesPattern, type CrmFamily, type CustomHost } from '../../lib/messaging/overlay/hosts';

/**
 * lib/crm recognises a CRM by its public hosts (`*.lightning.force.com`, `app.hubspot.com`, …).
 * On a host the user added (a custom Salesforce domain, the demo CRM on localhost) the page URL
 * is read as if it were on a host of the CRM the user chose: same path, query and fragment on a
 * stand-in origin. The stand-in never leaves the content script (events carry the real URL).
 */
const STAND_IN_ORIGIN: Record<CrmFamily, string> = {
  salesforce: 'https://attain-custom-host.my.salesforce.com',
  hubspot: 'https://app.hubspot.com',
  dynamics365: 'https://attain-custom-host.crm.dynamics.com',
  pipedrive: 'https://attain-custom-host.pipedrive.com',
};

export function standInUrl(href: string, crm: CrmFamily): string {
  const url = new URL(href);
  return `${STAND_IN_ORIGIN[crm]}${url.pathname}${url.search}${url.hash}`;
}

/**
 * How to read the page URL for lib/crm, or null when the overlay has no business on this page
 * (a host the static matches cover that is not a CRM app, e.g. `www.salesforce.com`).
 */
export function crmUrlReader(
  location: { readonly href: string },
  customHosts: readonly CustomHost[],
): (() => string) | null {
  const url = new URL(location.href);
  // A host the user mapped explicitly wins over the built-in recognition.
  const custom = customHosts.find((host) => matchesPattern(url, host.pattern));
  if (custom) return () => standInUrl(location.href, custom.crm);
  return classifyUrl(location.href) ? () => location.href : null;
}
