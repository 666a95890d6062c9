// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { detectRecord } from '../../lib/crm';
import { loadFixture } from './load-fixture';

const HOST = 'https://acme.lightning.force.com';
const OPP = '006Dn000004PqRsIAK';
const ACC = '001Dn000003AbCdIAK';
const view = (id = OPP) => `${HOST}/lightning/r/Opportunity/${id}/view`;
const edit = (id = OPP) => `${HOST}/lightning/r/Opportunity/${id}/edit`;

function load(fixture: string, url: string) {
  return loadFixture(`salesforce-lightning/${fixture}`, url).window.document;
}

function detect(fixture: string, url: string, localeHint?: string) {
  return detectRecord(url, load(fixture, url), localeHint ? { localeHint } : {});
}

describe('Salesforce Lightning: view pages', () => {
  it('reads the active page, not the cached one, and skips look-alike Amount fields', () => {
    expect(detect('view-cached-tabs.html', view())).toEqual({
      crm: 'salesforce-lightning',
      objectType: 'Opportunity',
      recordId: OPP,
      mode: 'view',
      fields: {
        amount: 125000,
        currencyIsoCode: null,
        stage: 'Negotiation/Review',
        closeDate: '2026-05-06',
        probability: 90,
        ownerName: 'Jane Doe',
        accountName: 'Burlington Textiles Corp of America',
        recordName: 'Burlington Textiles Weaving Plant Generator',
      },
    });
  });

  it('reads dates with the locale hint given by the caller over the page language', () => {
    expect(detect('view-cached-tabs.html', view(), 'en-GB')?.fields.closeDate).toBe('2026-06-05');
  });

  it('falls back to the highlights panel when the detail panel lacks a field', () => {
    const doc = load('view-cached-tabs.html', view());
    const active = doc.querySelector('.oneContent.active');
    for (const item of Array.from(active?.querySelectorAll('records-record-layout-item') ?? [])) {
      item.remove();
    }
    expect(detectRecord(view(), doc)?.fields).toEqual({
      amount: 125000,
      currencyIsoCode: null,
      stage: null,
      closeDate: '2026-05-06',
      probability: null,
      ownerName: 'Jane Doe',
      accountName: 'Burlington Textiles Corp of America',
      recordName: 'Burlington Textiles Weaving Plant Generator',
    });
  });

  it('reads dynamic forms by API name, German labels and a converted amount', () => {
    expect(detect('view-dynamic-forms-de.html', view())).toEqual({
      crm: 'salesforce-lightning',
      objectType: 'Opportunity',
      recordId: OPP,
      mode: 'view',
      fields: {
        amount: 1234.5,
        currencyIsoCode: 'EUR',
        stage: 'Verhandlung/Überprüfung',
        closeDate: '2026-06-05',
        probability: 75,
        ownerName: 'Max Mustermann',
        accountName: 'Müller GmbH',
        recordName: 'Müller GmbH – Rahmenvertrag 2026',
      },
    });
  });

  it('reads a page layout by French labels only', () => {
    expect(detect('view-record-layout-fr.html', view())?.fields).toEqual({
      amount: 12500,
      currencyIsoCode: 'EUR',
      stage: 'Proposition/Devis',
      closeDate: '2026-06-05',
      probability: 75,
      ownerName: 'Camille Martin',
      accountName: 'Société Générale',
      recordName: 'Renouvellement 2026',
    });
  });

  it('reads through open shadow roots and their slots', () => {
    expect(detect('shadow-dom.html', view())).toEqual({
      crm: 'salesforce-lightning',
      objectType: 'Opportunity',
      recordId: OPP,
      mode: 'view',
      fields: {
        amount: 1250000,
        currencyIsoCode: 'CHF',
        stage: 'Verhandlung',
        closeDate: '2026-12-31',
        probability: 90,
        ownerName: 'Hans Muster',
        accountName: null,
        recordName: 'Zürcher Lizenzen 2026',
      },
    });
  });

  it('is null while no record page is on screen yet', () => {
    const doc = load('view-cached-tabs.html', view());
    doc.querySelector('.oneContent.active')?.classList.remove('active');
    expect(detectRecord(view(), doc)).toBeNull();
  });

  it('is null for a URL that names no deal, whatever the DOM holds', () => {
    const url = `${HOST}/lightning/r/Account/${ACC}/view`;
    expect(detect('view-cached-tabs.html', url)).toBeNull();
    expect(detect('view-cached-tabs.html', `${HOST}/lightning/o/Opportunity/list`)).toBeNull();
  });
});

describe('Salesforce Lightning: editing', () => {
  it('reads the edit modal on /edit, and the page behind it for fields the modal lacks', () => {
    expect(detect('edit-modal.html', edit())).toEqual({
      crm: 'salesforce-lightning',
      objectType: 'Opportunity',
      recordId: OPP,
      mode: 'edit',
      fields: {
        amount: 130000,
        currencyIsoCode: null,
        stage: 'Closed Won',
        closeDate: '2026-06-30',
        probability: 100,
        ownerName: 'Jane Doe',
        accountName: 'Burlington Textiles Corp of America',
        recordName: 'Burlington Textiles Weaving Plant Generator (phase 2)',
      },
    });
  });

  it('reads what is in the inputs now, not the saved values', () => {
    const doc = load('edit-modal.html', edit());
    const amount = doc.querySelector<HTMLInputElement>('input[name="Amount"]');
    if (!amount) throw new Error('fixture has no Amount input');
    amount.value = '1';
    expect(detectRecord(edit(), doc)?.fields.amount).toBe(1);
    amount.value = '';
    expect(detectRecord(edit(), doc)?.fields.amount).toBeNull();
    amount.value = '12abc';
    expect(detectRecord(edit(), doc)?.fields.amount).toBeNull();
  });

  it('ignores a leftover edit modal once the URL is back on /view', () => {
    const record = detect('edit-modal.html', view());
    expect(record?.mode).toBe('view');
    expect(record?.fields.amount).toBe(125000);
    expect(record?.fields.stage).toBe('Negotiation/Review');
  });

  it('reads inline edit on the view URL as edit mode', () => {
    expect(detect('inline-edit.html', view())).toEqual({
      crm: 'salesforce-lightning',
      objectType: 'Opportunity',
      recordId: OPP,
      mode: 'edit',
      fields: {
        amount: 140000,
        currencyIsoCode: null,
        stage: 'Negotiation/Review',
        closeDate: '2026-05-06',
        probability: 90,
        ownerName: 'Jane Doe',
        accountName: null,
        recordName: 'Burlington Textiles Weaving Plant Generator',
      },
    });
  });
});

describe('Salesforce Lightning: console apps', () => {
  const focusedOpportunity = `${view()}?ws=%2Flightning%2Fr%2FAccount%2F${ACC}%2Fview`;

  it('reads the focused subtab inside the shown workspace', () => {
    const record = detect('console-subtabs.html', focusedOpportunity);
    expect(record?.recordId).toBe(OPP);
    expect(record?.fields).toMatchObject({
      amount: 125000,
      stage: 'Negotiation/Review',
      recordName: 'Burlington Textiles Weaving Plant Generator',
    });
  });

  it('is null when the account subtab has focus, though its workspace holds a deal', () => {
    const url = `${HOST}/lightning/r/Account/${ACC}/view?ws=%2Flightning%2Fr%2FOpportunity%2F${OPP}%2Fview`;
    const doc = load('console-subtabs.html', url);
    doc.getElementById('subtab-opportunity')?.classList.remove('active');
    doc.getElementById('subtab-account')?.classList.add('active');
    expect(detectRecord(url, doc)).toBeNull();
  });
});

describe('Salesforce Lightning: page text stays text', () => {
  it('reads markup in names as literal text and creates no nodes', () => {
    const dom = loadFixture('salesforce-lightning/record-name-markup.html', view());
    const doc = dom.window.document;
    const elementsBefore = doc.getElementsByTagName('*').length;
    const record = detectRecord(view(), doc);
    expect(record?.fields.recordName).toBe(
      'Acme <script>alert("x")</script> & <img src=x onerror=alert(1)> renewal',
    );
    expect(record?.fields.accountName).toBe('<b>Bold</b> Industries');
    expect(doc.getElementsByTagName('*').length).toBe(elementsBefore);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect((dom.window as unknown as { __attainPwned?: boolean }).__attainPwned).toBeUndefined();
  });
});
