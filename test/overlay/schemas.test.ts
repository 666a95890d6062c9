// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { detectRecord } from '../../lib/crm';
import {
  contentToSidebarSchema,
  overlayRuntimeRequestSchema,
} from '../../lib/messaging/overlay/schemas';
import { loadFixture } from '../crm/load-fixture';

const LIGHTNING = 'https://acme.lightning.force.com/lightning/r/Opportunity/006Dn000004PqRsIAK';
const DYNAMICS =
  'https://contoso.crm.dynamics.com/main.aspx?appid=0a1b2c3d-0000-0000-0000-000000000000&pagetype=entityrecord&etn=opportunity&id=%7B7E3D1C6A-5B2F-4E8A-9C1D-0A1B2C3D4E5F%7D';

/** Saved pages and the URLs lib/crm's own tests read them at. */
const PAGES: [string, string][] = [
  ['salesforce-lightning/view-cached-tabs.html', `${LIGHTNING}/view`],
  ['salesforce-lightning/inline-edit.html', `${LIGHTNING}/view`],
  ['salesforce-lightning/edit-modal.html', `${LIGHTNING}/edit`],
  ['salesforce-lightning/view-dynamic-forms-de.html', `${LIGHTNING}/view`],
  ['salesforce-lightning/record-name-markup.html', `${LIGHTNING}/view`],
  ['salesforce-classic/view.html', 'https://acme.my.salesforce.com/006Dn000004PqRs'],
  ['hubspot/deal-record.html', 'https://app.hubspot.com/contacts/12345678/record/0-3/9876543210'],
  ['hubspot/deal-record-eu.html', 'https://app-eu1.hubspot.com/contacts/26001234/deal/15012345678'],
  ['dynamics365/opportunity-form.html', DYNAMICS],
  ['dynamics365/opportunity-form-eur.html', DYNAMICS],
  ['pipedrive/deal.html', 'https://acme.pipedrive.com/deal/1234'],
];

describe('the sidebar’s zod schema accepts every record lib/crm detects', () => {
  it.each(PAGES)('%s', (fixture, url) => {
    const record = detectRecord(url, loadFixture(fixture, url).window.document);
    const parsed = contentToSidebarSchema.safeParse({ type: 'record', record, url });
    expect(parsed.error).toBeUndefined();
    expect(parsed.data).toEqual({ type: 'record', record, url });
  });

  it('refuses malformed events', () => {
    const bad = [
      { type: 'record', url: 'https://x' },
      { type: 'record', record: { crm: 'sap' }, url: 'https://x' },
      { type: 'visibility', state: 'open', side: 'right', width: 300 },
      { type: 'visibility', state: 'expanded', side: 'right', width: 300, token: 'x' },
      { type: 'token', token: 'x' },
    ];
    for (const event of bad) expect(contentToSidebarSchema.safeParse(event).success).toBe(false);
  });

  it('parses the background’s runtime requests strictly', () => {
    expect(overlayRuntimeRequestSchema.safeParse({ type: 'overlay.toggle' }).success).toBe(true);
    expect(overlayRuntimeRequestSchema.safeParse({ type: 'overlay.show' }).success).toBe(true);
    expect(
      overlayRuntimeRequestSchema.safeParse({ type: 'overlay.show', collapsed: false }).success,
    ).toBe(false);
    expect(
      overlayRuntimeRequestSchema.safeParse({
        type: 'overlay.hosts.add',
        origin: 'https://crm.acme.com',
        crm: 'salesforce',
      }).success,
    ).toBe(true);
    expect(
      overlayRuntimeRequestSchema.safeParse({ type: 'overlay.hosts.add', origin: 'x', crm: 'sap' })
        .success,
    ).toBe(false);
    expect(overlayRuntimeRequestSchema.safeParse({ type: 'sync.now' }).success).toBe(false);
  });
});
