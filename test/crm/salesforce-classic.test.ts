// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { detectRecord } from '../../lib/crm';
import { loadFixture } from './load-fixture';

const HOST = 'https://acme.my.salesforce.com';
const OPP = '006Dn000004PqRs';

function detect(fixture: string, url: string, localeHint?: string) {
  const doc = loadFixture(`salesforce-classic/${fixture}`, url).window.document;
  return detectRecord(url, doc, localeHint ? { localeHint } : {});
}

describe('Salesforce Classic', () => {
  it('reads a detail page by field ids and label cells', () => {
    expect(detect('view.html', `${HOST}/${OPP}`, 'en-US')).toEqual({
      crm: 'salesforce-classic',
      objectType: 'Opportunity',
      recordId: OPP,
      mode: 'view',
      fields: {
        amount: 1234.5,
        currencyIsoCode: 'EUR',
        stage: 'Negotiation/Review',
        closeDate: '2026-05-06',
        probability: 90,
        ownerName: 'Jane Doe',
        accountName: 'Burlington Textiles Corp of America',
        recordName: 'Burlington Textiles Weaving Plant Generator',
      },
    });
  });

  it('reads the inputs of an edit page, not the date-format hint next to them', () => {
    expect(detect('edit.html', `${HOST}/${OPP}/e?retURL=%2F${OPP}`, 'en-GB')).toEqual({
      crm: 'salesforce-classic',
      objectType: 'Opportunity',
      recordId: OPP,
      mode: 'edit',
      fields: {
        amount: 2500.5,
        currencyIsoCode: null,
        stage: 'Closed Won',
        closeDate: '2026-06-05',
        probability: 100,
        ownerName: 'Sam Smith',
        accountName: 'Burlington Textiles Corp of America',
        recordName: 'Burlington Textiles – renewal',
      },
    });
  });

  it('reads inline edit on a detail page as edit mode with the typed value', () => {
    const record = detect('inline-edit.html', `${HOST}/${OPP}`, 'en-US');
    expect(record?.mode).toBe('edit');
    expect(record?.fields).toMatchObject({
      amount: 99000,
      stage: 'Negotiation/Review',
      closeDate: '2026-12-31',
      ownerName: 'Jane Doe',
      recordName: 'Burlington Textiles Weaving Plant Generator',
    });
  });

  it('is null on a page without a record block', () => {
    const url = `${HOST}/${OPP}`;
    const doc = loadFixture('salesforce-classic/view.html', url).window.document;
    doc.body.replaceChildren();
    expect(detectRecord(url, doc)).toBeNull();
  });
});
