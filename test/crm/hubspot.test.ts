// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { detectRecord } from '../../lib/crm';
import { loadFixture } from './load-fixture';

const US_URL = 'https://app.hubspot.com/contacts/12345678/record/0-3/9876543210';
const EU_URL = 'https://app-eu1.hubspot.com/contacts/26001234/deal/15012345678';

describe('HubSpot', () => {
  it('reads the deal, not the preview panel of another deal', () => {
    const doc = loadFixture('hubspot/deal-record.html', US_URL).window.document;
    expect(detectRecord(US_URL, doc)).toEqual({
      crm: 'hubspot',
      objectType: 'deal',
      recordId: '9876543210',
      mode: 'view',
      fields: {
        amount: 125000,
        currencyIsoCode: null,
        stage: 'Contract sent',
        closeDate: '2026-05-06',
        probability: 90,
        ownerName: 'Jane Doe',
        accountName: 'Acme Corp',
        recordName: 'Acme Corp – 50 seat expansion',
      },
    });
  });

  it('is in edit mode while a deal property has focus, with the typed value', () => {
    const dom = loadFixture('hubspot/deal-record.html', US_URL);
    const doc = dom.window.document;
    const amount = doc.querySelector<HTMLInputElement>(
      '[data-test-id="left-sidebar"] [data-selenium-test="property-input-amount"]',
    );
    amount?.focus();
    if (amount) amount.value = '130,000';
    expect(detectRecord(US_URL, doc)).toMatchObject({ mode: 'edit', fields: { amount: 130000 } });
    amount?.blur();
    expect(detectRecord(US_URL, doc)?.mode).toBe('view');
  });

  it('reads an EU portal with a deal currency property and German formats', () => {
    const doc = loadFixture('hubspot/deal-record-eu.html', EU_URL).window.document;
    expect(detectRecord(EU_URL, doc)).toEqual({
      crm: 'hubspot',
      objectType: 'deal',
      recordId: '15012345678',
      mode: 'view',
      fields: {
        amount: 1234.5,
        currencyIsoCode: 'EUR',
        stage: 'Angebot gesendet',
        closeDate: '2026-12-31',
        probability: 60,
        ownerName: 'Max Mustermann',
        accountName: 'Müller GmbH',
        recordName: 'Müller GmbH <img src=x onerror=alert(1)> Lizenzen',
      },
    });
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });

  it('is null before the record has rendered', () => {
    const doc = loadFixture('hubspot/deal-record.html', US_URL).window.document;
    doc.querySelector('[data-test-id="record-page"]')?.remove();
    expect(detectRecord(US_URL, doc)).toBeNull();
  });
});
