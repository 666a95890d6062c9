// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { detectRecord } from '../../lib/crm';
import { loadFixture } from './load-fixture';

const GUID = '7e3d1c6a-5b2f-4e8a-9c1d-0a1b2c3d4e5f';
const url = (host: string) =>
  `https://${host}/main.aspx?appid=0a1b2c3d-0000-0000-0000-000000000000&pagetype=entityrecord&etn=opportunity&id=%7B${GUID.toUpperCase()}%7D`;

describe('Dynamics 365', () => {
  it('reads the main form (not the quick-create flyout) with the currency lookup', () => {
    const page = url('contoso.crm.dynamics.com');
    const doc = loadFixture('dynamics365/opportunity-form.html', page).window.document;
    expect(detectRecord(page, doc)).toEqual({
      crm: 'dynamics365',
      objectType: 'opportunity',
      recordId: GUID,
      mode: 'view',
      fields: {
        amount: 125000,
        currencyIsoCode: 'USD',
        stage: 'Develop',
        closeDate: '2026-05-06',
        probability: 60,
        ownerName: 'Jane Doe',
        accountName: 'Contoso Pharmaceuticals',
        recordName: '50 Surface laptops',
      },
    });
  });

  it('reports typing in a focused field as edit mode with the typed value', () => {
    const page = url('contoso.crm.dynamics.com');
    const doc = loadFixture('dynamics365/opportunity-form.html', page).window.document;
    const revenue = doc.querySelector<HTMLInputElement>(
      '[data-id="editFormRoot"] [data-id="estimatedvalue.fieldControl-currency-text-input"]',
    );
    revenue?.focus();
    if (revenue) revenue.value = '$140,000.00';
    expect(detectRecord(page, doc)).toMatchObject({ mode: 'edit', fields: { amount: 140000 } });
  });

  it('reads header-only lookups, stepname and German formats on a regional host', () => {
    const page = url('contoso.crm4.dynamics.com');
    const doc = loadFixture('dynamics365/opportunity-form-eur.html', page).window.document;
    expect(detectRecord(page, doc)?.fields).toEqual({
      amount: 1234.5,
      currencyIsoCode: 'EUR',
      stage: '2-Entwickeln',
      closeDate: '2026-06-05',
      probability: 40,
      ownerName: 'Max Mustermann',
      accountName: 'Müller GmbH',
      recordName: 'Rahmenvertrag 2026',
    });
  });

  it('is null until the form has rendered', () => {
    const page = url('contoso.crm.dynamics.com');
    const doc = loadFixture('dynamics365/opportunity-form.html', page).window.document;
    doc.querySelector('[data-id="editFormRoot"]')?.remove();
    expect(detectRecord(page, doc)).toBeNull();
  });
});
