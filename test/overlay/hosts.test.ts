import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PREFERENCES_KEY as EXTENSION_PAGES_PREFERENCES_KEY,
  parsePreferences,
} from '../../components/data/preferences';
import { CRM_IDS } from '../../components/data-contract/types';
import { classifyUrl } from '../../lib/crm';
import {
  CRM_MATCHES,
  PREFERENCES_KEY,
  isCrmEnabled,
  matchesPattern,
  parseCustomHosts,
  toMatchPattern,
} from '../../lib/messaging/overlay/hosts';

/** A Chrome match pattern test, enough for `https://*.host/*` and `https://host/*`. */
function matchesStatic(url: string, pattern: string): boolean {
  const [, scheme, host = ''] = /^(\w+):\/\/([^/]+)\/\*$/.exec(pattern) ?? [];
  const parsed = new URL(url);
  if (parsed.protocol !== `${scheme}:`) return false;
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    return parsed.hostname === base || parsed.hostname.endsWith(`.${base}`);
  }
  return parsed.hostname === host;
}

describe('CRM_MATCHES (the static content-script matches)', () => {
  it.each([
    'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004PqRsIAK/view',
    'https://acme.my.salesforce.com/lightning/r/Opportunity/006Dn000004PqRsIAK/view',
    'https://acme.my.salesforce.com/006Dn000004PqRs',
    'https://na85.salesforce.com/006Dn000004PqRs',
    'https://app.hubspot.com/contacts/12345678/record/0-3/9876543210',
    'https://app-eu1.hubspot.com/contacts/26001234/deal/15012345678',
    'https://contoso.crm.dynamics.com/main.aspx?etn=opportunity&id=%7B7E3D1C6A-5B2F-4E8A-9C1D-0A1B2C3D4E5F%7D',
    'https://contoso.crm4.dynamics.com/main.aspx?etn=opportunity&id=%7B7E3D1C6A-5B2F-4E8A-9C1D-0A1B2C3D4E5F%7D',
    'https://acme.pipedrive.com/deal/1234',
  ])('cover %s, which lib/crm recognises', (url) => {
    expect(classifyUrl(url)).not.toBeNull();
    expect(CRM_MATCHES.some((pattern) => matchesStatic(url, pattern))).toBe(true);
  });
});

describe('toMatchPattern (hosts a user adds)', () => {
  it.each([
    ['https://crm.acme.com', 'https://crm.acme.com/*'],
    ['crm.acme.com', 'https://crm.acme.com/*'],
    ['HTTPS://CRM.Acme.com/', 'https://crm.acme.com/*'],
    ['https://crm.acme.com:8443', 'https://crm.acme.com/*'],
    ['https://*.acme.com', 'https://*.acme.com/*'],
    ['https://crm.acme.com/*', 'https://crm.acme.com/*'],
    ['http://localhost:5174', 'http://localhost/*'],
    ['http://127.0.0.1:5174/', 'http://127.0.0.1/*'],
  ])('%s → %s', (input, pattern) => {
    expect(toMatchPattern(input)).toBe(pattern);
  });

  it.each([
    ['plain http off loopback', 'http://crm.acme.com'],
    ['a path', 'https://crm.acme.com/lightning'],
    ['a query', 'https://crm.acme.com/?x=1'],
    ['credentials', 'https://user:pw@crm.acme.com'],
    ['another scheme', 'ftp://crm.acme.com'],
    ['a file URL', 'file:///etc/passwd'],
    ['a bare TLD wildcard', 'https://*.com'],
    ['all hosts', 'https://*/*'],
    ['a single label', 'https://intranet'],
    ['garbage', 'not a host at all'],
    ['empty', ''],
    ['a loopback wildcard', 'http://*.localhost'],
  ])('refuses %s', (_label, input) => {
    expect(toMatchPattern(input)).toBeNull();
  });

  it('matches URLs against its patterns (any port, wildcard subdomains)', () => {
    expect(matchesPattern(new URL('http://localhost:5174/x'), 'http://localhost/*')).toBe(true);
    expect(matchesPattern(new URL('https://localhost/x'), 'http://localhost/*')).toBe(false);
    expect(matchesPattern(new URL('https://eu.crm.acme.com/'), 'https://*.acme.com/*')).toBe(true);
    expect(matchesPattern(new URL('https://acme.com/'), 'https://*.acme.com/*')).toBe(true);
    expect(matchesPattern(new URL('https://evilacme.com/'), 'https://*.acme.com/*')).toBe(false);
    expect(matchesPattern(new URL('https://crm.acme.com.evil.io/'), 'https://crm.acme.com/*')).toBe(
      false,
    );
  });

  it('reads the stored list, dropping malformed entries', () => {
    expect(
      parseCustomHosts([
        { pattern: 'https://crm.acme.com/*', crm: 'salesforce' },
        { pattern: 'https://crm.acme.com/*', crm: 'sap' },
        { pattern: '<all_urls>', crm: 'salesforce' },
        { pattern: 42, crm: 'hubspot' },
        null,
        'http://localhost/*',
        { pattern: 'http://localhost/*', crm: 'pipedrive' },
      ]),
    ).toEqual([
      { pattern: 'https://crm.acme.com/*', crm: 'salesforce' },
      { pattern: 'http://localhost/*', crm: 'pipedrive' },
    ]);
    expect(parseCustomHosts({ hosts: [] })).toEqual([]);
    expect(parseCustomHosts(undefined)).toEqual([]);
  });
});

describe('isCrmEnabled (the content script’s check of the enabled CRMs)', () => {
  it.each([
    ['no preferences', undefined, true],
    ['preferences without the field', { theme: 'dark' }, true],
    ['a field that is not a list', { enabledCrms: 'hubspot' }, true],
    ['a list with the CRM', { enabledCrms: ['hubspot', 'salesforce-lightning'] }, true],
    ['a list without it', { enabledCrms: ['hubspot'] }, false],
    ['an empty list', { enabledCrms: [] }, false],
    ['something else stored', 'salesforce-lightning', true],
    ['null', null, true],
  ])('%s', (_label, stored, enabled) => {
    expect(isCrmEnabled(stored, 'salesforce-lightning')).toBe(enabled);
  });

  it('leaves a page whose CRM is not known on', () => {
    expect(isCrmEnabled({ enabledCrms: [] }, null)).toBe(true);
  });

  it('reads the key the extension pages write', () => {
    expect(PREFERENCES_KEY).toBe('attain:preferences');
    expect(EXTENSION_PAGES_PREFERENCES_KEY).toBe(PREFERENCES_KEY);
  });

  it('agrees with the extension pages’ parser on anything stored', () => {
    const crm = fc.constantFrom(...CRM_IDS);
    const stored = fc.oneof(
      fc.anything(),
      fc.record({ enabledCrms: fc.array(fc.oneof(crm, fc.string(), fc.integer())) }),
      fc.record({ enabledCrms: fc.anything(), theme: fc.constantFrom('dark', 'light') }),
    );
    fc.assert(
      fc.property(stored, crm, (value, id) => {
        expect(isCrmEnabled(value, id)).toBe(parsePreferences(value).enabledCrms.includes(id));
      }),
    );
  });
});
