/**
 * Where the overlay runs: the supported CRM hosts (static content-script matches) and the
 * hosts a user adds in options (stored list, optional host permission, dynamic registration).
 * Imported by the content script: no zod here.
 */

/** The static content-script matches: the supported CRMs' hosts (see lib/crm/README.md). */
export const CRM_MATCHES = [
  'https://*.lightning.force.com/*',
  'https://*.my.salesforce.com/*',
  'https://*.salesforce.com/*',
  'https://app.hubspot.com/*',
  'https://app-eu1.hubspot.com/*',
  'https://*.dynamics.com/*',
  'https://*.pipedrive.com/*',
];

/** Plain http is accepted for these hosts only (a local demo or test CRM). */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1'];

/**
 * Which CRM a custom host runs. `salesforce` covers Lightning and Classic (told apart by path),
 * as on `*.my.salesforce.com`.
 */
export const CRM_FAMILIES = ['salesforce', 'hubspot', 'dynamics365', 'pipedrive'] as const;
export type CrmFamily = (typeof CRM_FAMILIES)[number];

/** A host the user added: a match pattern (`https://crm.acme.com/*`) and the CRM it runs. */
export interface CustomHost {
  pattern: string;
  crm: CrmFamily;
}

/** `browser.storage.local` key of the custom host list (`CustomHost[]`; not secret). */
export const CUSTOM_HOSTS_KEY = 'overlay:customHosts';

/**
 * `browser.storage.local` key of the user's preferences (theme, language, enabled CRMs; not
 * secret). The extension pages read them whole (components/data/preferences.ts); the content
 * script reads only `enabledCrms`, with `isCrmEnabled`.
 */
export const PREFERENCES_KEY = 'attain:preferences';

/**
 * Whether the stored preferences leave the overlay on for `crm` (a lib/crm `CrmId`; null when
 * the page's CRM is not known). Checked by hand (no zod in the content script): the overlay is
 * on unless `enabledCrms` is a list without `crm`. Preferences missing or of another shape mean
 * the defaults, every CRM on, as `parsePreferences` reads them.
 */
export function isCrmEnabled(preferences: unknown, crm: string | null): boolean {
  const enabled = (preferences as { enabledCrms?: unknown } | null | undefined)?.enabledCrms;
  return crm === null || !Array.isArray(enabled) || enabled.includes(crm);
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

function isHostName(host: string): boolean {
  if (LOOPBACK_HOSTS.includes(host)) return true;
  const labels = host.split('.');
  return labels.length >= 2 && host.length <= 253 && labels.every((l) => HOST_LABEL.test(l));
}

/**
 * The match pattern for an origin the user typed (`https://crm.acme.com`, `crm.acme.com`,
 * `https://*.acme.com`, `http://localhost:5174`), or null when it is not one Attain accepts:
 * https (http only for loopback hosts), a host name with at most a leading `*.` wildcard, no
 * credentials, path, query or fragment. The port is dropped: match patterns without a port match
 * every port in Chrome and Firefox alike.
 */
export function toMatchPattern(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`;
  const wildcard = /^([a-z]+:\/\/)\*\./.exec(withScheme);
  let url: URL;
  try {
    url = new URL(wildcard ? withScheme.replace('*.', '') : withScheme);
  } catch {
    return null;
  }
  if (url.username || url.password || url.search || url.hash) return null;
  if (url.pathname !== '/' && url.pathname !== '/*') return null;
  const host = url.hostname;
  if (!isHostName(host)) return null;
  const loopback = LOOPBACK_HOSTS.includes(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return null;
  if (wildcard && (loopback || host.split('.').length < 2)) return null;
  return `${url.protocol}//${wildcard ? '*.' : ''}${host}/*`;
}

/** `https://host/*`, `https://*.host/*`, `http://localhost/*`: the patterns `toMatchPattern` makes. */
const PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+)\/\*$/;

/** Whether `url` matches a pattern made by `toMatchPattern`. */
export function matchesPattern(url: URL, pattern: string): boolean {
  const match = PATTERN.exec(pattern);
  if (!match) return false;
  const [, scheme, wildcard, host = ''] = match;
  if (url.protocol !== `${scheme}:`) return false;
  const hostname = url.hostname.toLowerCase();
  return hostname === host || (wildcard !== undefined && hostname.endsWith(`.${host}`));
}

/**
 * The stored custom host list; entries of the wrong shape are dropped. (Shape only: the
 * content script reads this, and `toMatchPattern` vetted each pattern when it was added.)
 */
export function parseCustomHosts(value: unknown): CustomHost[] {
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).flatMap((entry) => {
    const { pattern, crm } = Object(entry) as Record<string, unknown>;
    return typeof pattern === 'string' && PATTERN.test(pattern) && isCrmFamily(crm)
      ? [{ pattern, crm }]
      : [];
  });
}

function isCrmFamily(value: unknown): value is CrmFamily {
  return CRM_FAMILIES.includes(value as CrmFamily);
}
