import { JSDOM } from 'jsdom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARKUP_NAMED_RECORD_ID, SEED_RECORDS } from '../../demo/records/seed-records';
import { startDemoCrm, type DemoCrm } from '../../demo/start';
import { DEAL_A, DEAL_B, silentLog, startFakeAttain, type FakeAttain } from './fake-attain';

let attain: FakeAttain;
let demo: DemoCrm;

beforeAll(async () => {
  attain = await startFakeAttain();
  demo = await startDemoCrm({
    port: 0,
    attainUrl: attain.url,
    log: silentLog,
    today: () => '2026-05-01',
  });
  await demo.ready;
});

afterAll(async () => {
  await demo?.close();
  await attain?.close();
});

async function get(path: string) {
  const response = await fetch(`${demo.url}${path}`, { redirect: 'manual' });
  return { response, text: await response.text() };
}

async function page(path: string) {
  const { response, text } = await get(path);
  const doc = new JSDOM(text).window.document;
  return { response, text, doc };
}

const attr = (el: Element | null, name: string) => el?.getAttribute(name) ?? null;

describe('demo CRM: pages', () => {
  it('redirects the home page to the opportunity list', async () => {
    const { response } = await get('/');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/lightning/o/Opportunity/list');
  });

  it('lists the deals with links, owners, Salesforce-style amounts and en-US dates', async () => {
    const { response, doc } = await page('/lightning/o/Opportunity/list');
    expect(response.status).toBe(200);
    expect(doc.querySelector('.demo-brand')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Demo CRM — not Salesforce',
    );
    expect(doc.querySelectorAll('.oneContent')).toHaveLength(1);
    expect(doc.querySelector('.oneContent')?.classList.contains('active')).toBe(true);
    const rowA = doc.querySelector(`tr[data-row-key-value="${DEAL_A}"]`);
    const cells = Array.from(rowA?.querySelectorAll('th, td') ?? []).map((c) =>
      c.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(cells).toEqual([
      'Burlington Textiles Weaving Plant Generator',
      'Burlington Textiles Corp of America',
      '$125,000.00',
      '12/31/2026',
      'Negotiation',
      'Ava Martin',
    ]);
    expect(attr(rowA?.querySelector('a') ?? null, 'href')).toBe(
      `/lightning/r/Opportunity/${DEAL_A}/view`,
    );
    const rowB = doc.querySelector(`tr[data-row-key-value="${DEAL_B}"]`);
    expect(rowB?.querySelectorAll('td')[1]?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'EUR 12,500.00',
    );
    expect(rowB?.querySelectorAll('td')[4]?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Ben <b>Okafor</b>',
    );
    // The fake's three deals and the demo's own seed record.
    expect(doc.querySelectorAll('tbody tr')).toHaveLength(3 + SEED_RECORDS.length);
  });

  it('renders a record view like Lightning: highlights, record layout, lookups, inline edit', async () => {
    const { response, doc } = await page(`/lightning/r/Opportunity/${DEAL_A}/view`);
    expect(response.status).toBe(200);
    expect(doc.title).toBe('Burlington Textiles Weaving Plant Generator | Opportunity | Demo CRM');
    const active = doc.querySelector(
      '.oneCenterStage > div.oneContent.active.windowViewMode-normal',
    );
    const record = active?.querySelector('one-record-home-flexipage2');
    expect(record).not.toBeNull();
    expect(
      record
        ?.querySelector('records-highlights2 slot[name="primaryField"] lightning-formatted-text')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    ).toBe('Burlington Textiles Weaving Plant Generator');
    const highlights = Array.from(
      record?.querySelectorAll('records-highlights-details-item') ?? [],
    );
    expect(
      highlights.map((h) =>
        h.querySelector('.slds-text-title')?.textContent?.replace(/\s+/g, ' ').trim(),
      ),
    ).toEqual(['Account Name', 'Close Date', 'Amount', 'Opportunity Owner']);
    const amount = record?.querySelector(
      'records-record-layout-item[field-label="Amount"][data-target-selection-name="sfdc:RecordField.Opportunity.Amount"]',
    );
    expect(
      amount
        ?.querySelector('.test-id__field-value lightning-formatted-text')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    ).toBe('$125,000.00');
    expect(
      amount?.querySelector('button.test-id__inline-edit-trigger')?.getAttribute('title'),
    ).toBe('Edit Amount');
    const editor = amount?.querySelector(
      'template[data-demo-editor="Amount"]',
    ) as HTMLTemplateElement | null;
    expect(
      editor?.content.querySelector('lightning-input input[name="Amount"]')?.getAttribute('value'),
    ).toBe('125,000.00');
    const owner = record?.querySelector(
      'records-record-layout-item[field-label="Opportunity Owner"] force-lookup',
    );
    expect(owner?.querySelector('a')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Ava Martin');
    expect(
      owner?.querySelector('span.assistiveText')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('Open Ava Martin Preview');
    const fieldLabels = Array.from(
      record?.querySelectorAll('records-record-layout-item[field-label]') ?? [],
    ).map((item) => item.getAttribute('field-label'));
    expect(fieldLabels).toEqual(
      expect.arrayContaining([
        'Expected Amount',
        'Probability (%)',
        'Stage',
        'Close Date',
        'Opportunity Currency',
      ]),
    );
    expect(
      record
        ?.querySelector('records-record-layout-item[field-label="Opportunity Currency"]')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    ).toContain('USD - U.S. Dollar');
    expect(doc.querySelector('.uiContainerManager')?.children).toHaveLength(0);
    expect(doc.querySelector('button[name="Edit"]')?.getAttribute('data-demo-href')).toBe(
      `/lightning/r/Opportunity/${DEAL_A}/edit`,
    );
  });

  it('renders /edit as the view page with the edit modal over it, inputs holding the values', async () => {
    const { doc } = await page(`/lightning/r/Opportunity/${DEAL_A}/edit`);
    expect(doc.querySelector('.oneContent.active one-record-home-flexipage2')).not.toBeNull();
    const modal = doc.querySelector(
      '.uiContainerManager .modal-container records-modal-lwc-detail-panel-wrapper',
    );
    expect(modal).not.toBeNull();
    expect(modal?.closest('.oneContent')).toBeNull();
    const input = (name: string) => modal?.querySelector(`lightning-input input[name="${name}"]`);
    expect(input('Amount')?.getAttribute('value')).toBe('125,000.00');
    expect(input('CloseDate')?.getAttribute('value')).toBe('12/31/2026');
    expect(input('Probability')?.getAttribute('value')).toBe('75');
    expect(input('Name')?.getAttribute('value')).toBe(
      'Burlington Textiles Weaving Plant Generator',
    );
    const stage = modal?.querySelector('select[name="StageName"]') as HTMLSelectElement | null;
    expect(stage?.value).toBe('Negotiation');
    expect(Array.from(stage?.options ?? []).map((o) => o.value)).toContain('Closed Won');
    expect(
      modal?.querySelector('.slds-pill__label')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('Burlington Textiles Corp of America');
    expect(doc.querySelector('.modal-footer button[name="SaveEdit"]')).not.toBeNull();
    expect(doc.querySelector('.oneOne')?.getAttribute('aria-hidden')).toBe('true');
  });

  it('writes record names and every other value as text', async () => {
    const { text, doc } = await page(`/lightning/r/Opportunity/${MARKUP_NAMED_RECORD_ID}/view`);
    expect(text).toContain('Acme &lt;img src=x onerror=alert(1)&gt; renewal');
    expect(text).not.toMatch(/<img\b/i);
    expect(text).not.toContain('<script>alert');
    expect(doc.querySelectorAll('img')).toHaveLength(0);
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(doc.title).toBe('Acme <img src=x onerror=alert(1)> renewal | Opportunity | Demo CRM');
    expect(
      doc.querySelector('slot[name="primaryField"]')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('Acme <img src=x onerror=alert(1)> renewal');
    expect(
      doc
        .querySelector('records-record-layout-item[field-label="Next Step"] .test-id__field-value')
        ?.textContent?.replace(/\s+/g, ' ')
        .trim(),
    ).toBe('Send the "final" quote & <b>terms</b>');
    const list = await page('/lightning/o/Opportunity/list');
    expect(list.doc.querySelectorAll('img, b')).toHaveLength(0);
    const edit = await page(`/lightning/r/Opportunity/${MARKUP_NAMED_RECORD_ID}/edit`);
    expect(edit.doc.querySelector('input[name="Name"]')?.getAttribute('value')).toBe(
      'Acme <img src=x onerror=alert(1)> renewal',
    );
  });

  it('sends a strict Content-Security-Policy with every answer and needs no inline script or style', async () => {
    for (const path of [
      '/lightning/o/Opportunity/list',
      `/lightning/r/Opportunity/${DEAL_A}/view`,
      `/lightning/r/Opportunity/${DEAL_A}/edit`,
      '/demo/client.js',
      '/demo/api/status',
      '/nowhere',
    ]) {
      const { response, text } = await get(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "script-src 'self'",
        "style-src 'self'",
        "frame-src 'self'",
        "frame-ancestors 'self'",
        "object-src 'none'",
        "base-uri 'self'",
      ]) {
        expect(csp, `${path}: ${directive}`).toContain(directive);
      }
      expect(csp).not.toContain('unsafe');
      expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      if (response.headers.get('content-type')?.startsWith('text/html')) {
        const doc = new JSDOM(text).window.document;
        for (const el of Array.from(doc.querySelectorAll('*'))) {
          const names = el.getAttributeNames();
          expect(
            names.filter((n) => n === 'style' || n.startsWith('on')),
            `${path}: ${el.tagName}`,
          ).toEqual([]);
          if (el.tagName === 'SCRIPT') expect(el.getAttribute('src')).toBe('/demo/client.js');
        }
        expect(doc.querySelectorAll('style')).toHaveLength(0);
      }
    }
  });

  it('serves SLDS, the cut-down icon sprites and the bundled client script from its origin', async () => {
    const css = await get('/assets/styles/salesforce-lightning-design-system.min.css');
    expect(css.response.headers.get('content-type')).toContain('text/css');
    expect(css.text).toContain('.slds-page-header');
    const sprite = await get('/assets/icons/utility.svg');
    expect(sprite.text).toContain('<symbol');
    expect(sprite.text).toContain('id="edit"');
    expect(sprite.text.length).toBeLessThan(40_000);
    expect((await get('/assets/icons/standard.svg')).text).toContain('id="opportunity"');
    const client = await get('/demo/client.js');
    expect(client.response.headers.get('content-type')).toContain('javascript');
    expect(client.text).toContain('pushState');
    expect((await get('/demo/demo.css')).text).toContain('.oneContent:not(.active)');
  });

  it('answers ids the way Salesforce does: 15 characters redirect, unknown ones are not found', async () => {
    const short = await get(`/lightning/r/Opportunity/${DEAL_A.slice(0, 15)}/view`);
    expect(short.response.status).toBe(302);
    expect(short.response.headers.get('location')).toBe(`/lightning/r/Opportunity/${DEAL_A}/view`);
    const idFirst = await get(`/lightning/r/${DEAL_A}/edit`);
    expect(idFirst.response.headers.get('location')).toBe(
      `/lightning/r/Opportunity/${DEAL_A}/edit`,
    );
    const missing = await page('/lightning/r/Opportunity/006Dm00000ZzZz9AAA/view');
    expect(missing.response.status).toBe(404);
    expect(missing.doc.querySelector('.oneContent.active one-record-home-flexipage2')).toBeNull();
    expect((await get('/lightning/r/Account/001Dn000003AbCdIAK/view')).response.status).toBe(404);
  });

  it('gives the client script page fragments for single-page navigation', async () => {
    const response = await fetch(
      `${demo.url}/demo/api/page?path=${encodeURIComponent(`/lightning/r/Opportunity/${DEAL_B.slice(0, 15)}/edit`)}`,
    );
    const body = (await response.json()) as {
      path: string;
      key: string;
      title: string;
      html: string;
      modalHtml: string;
    };
    expect(body.path).toBe(`/lightning/r/Opportunity/${DEAL_B}/edit`);
    expect(body.key).toBe(`record:${DEAL_B}`);
    expect(body.title).toBe('Edit Globex Expansion | Demo CRM');
    expect(body.html).toContain('<one-record-home-flexipage2');
    expect(body.modalHtml).toContain('records-modal-lwc-detail-panel-wrapper');
    expect(body.modalHtml).toContain('value="12,500.00"');
  });
});
