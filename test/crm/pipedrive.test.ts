// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { detectRecord } from '../../lib/crm';
import { loadFixture } from './load-fixture';

const URL_1234 = 'https://acme.pipedrive.com/deal/1234';

describe('Pipedrive', () => {
  it('reads a deal detail view', () => {
    const doc = loadFixture('pipedrive/deal.html', URL_1234).window.document;
    expect(detectRecord(URL_1234, doc)).toEqual({
      crm: 'pipedrive',
      objectType: 'deal',
      recordId: '1234',
      mode: 'view',
      fields: {
        amount: 12000,
        currencyIsoCode: 'EUR',
        stage: 'Proposal made',
        closeDate: '2026-05-06',
        probability: 60,
        ownerName: 'Jane Doe',
        accountName: 'Acme Inc',
        recordName: 'Acme – 50 seats',
      },
    });
  });

  it('reads the value being edited in place, with its currency', () => {
    const doc = loadFixture('pipedrive/deal-editing-value.html', URL_1234).window.document;
    expect(detectRecord(URL_1234, doc)).toMatchObject({
      mode: 'edit',
      fields: { amount: 15500, currencyIsoCode: 'EUR', closeDate: '2026-05-06' },
    });
  });

  it('is null on other Pipedrive pages and before the deal view renders', () => {
    const doc = loadFixture('pipedrive/deal.html', URL_1234).window.document;
    expect(detectRecord('https://acme.pipedrive.com/person/77', doc)).toBeNull();
    doc.querySelector('[data-testid="deal-details-page"]')?.remove();
    expect(detectRecord(URL_1234, doc)).toBeNull();
  });
});
